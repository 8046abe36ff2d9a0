package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.completion.ListModelsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's {@code GET /v1/models} (alias {@code /api/v1/llm/models}): the models the caller may use,
 * each with the endpoints it serves ({@code chat.completions}, {@code responses}, {@code messages},
 * {@code completions}, {@code embeddings}).
 */
@RestController
public class ModelsController {

    private final ListModelsUseCase models;

    public ModelsController(ListModelsUseCase models) {
        this.models = models;
    }

    @GetMapping({"/v1/models", "/api/v1/llm/models"})
    ModelList list(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return new ModelList("list", models.models(caller).stream()
                .map(m -> new Model(m.id(), "model", 0, m.provider(), m.endpoints()))
                .toList());
    }

    record ModelList(String object, List<Model> data) {
    }

    /** OpenAI's model object, with the endpoints the model serves (ADR 0022). */
    record Model(String id, String object, long created, String owned_by, List<String> endpoints) {
    }
}
