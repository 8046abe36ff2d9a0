package dev.switchgear.domain.routing.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of call a catalog model serves, stored with the model. {@link #CHAT} is the chat family:
 * OpenAI's chat completions, Anthropic's messages and OpenAI's Responses API are all translated to
 * the one internal chat request (ADR 0008), so a model that chats serves all three; the API names a
 * model shows are derived from that, never stored one by one (ADR 0022).
 */
public enum Endpoint {
    /** {@code /v1/chat/completions}, {@code /v1/messages} and {@code /v1/responses}. */
    CHAT(List.of("chat.completions", "responses", "messages")),
    /** The legacy prompt API, {@code /v1/completions}, passed to the upstream's own. */
    COMPLETIONS(List.of("completions")),
    /** {@code /v1/embeddings}. */
    EMBEDDINGS(List.of("embeddings"));

    private final List<String> apiNames;

    Endpoint(List<String> apiNames) {
        this.apiNames = apiNames;
    }

    /** The names of the public endpoints this kind of call answers, as {@code /v1/models} shows them. */
    public List<String> apiNames() {
        return apiNames;
    }

    /**
     * The kind of call one name stands for: the enum's own name ({@code chat}, {@code completions},
     * {@code embeddings}) or any API name it answers ({@code chat.completions}, {@code messages},
     * {@code responses}).
     */
    public static Optional<Endpoint> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Endpoint endpoint : values()) {
            if (endpoint.name().toLowerCase(Locale.ROOT).equals(wanted) || endpoint.apiNames.contains(wanted)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }
}
