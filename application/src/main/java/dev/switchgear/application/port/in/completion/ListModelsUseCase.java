package dev.switchgear.application.port.in.completion;

import dev.switchgear.application.port.in.shared.Caller;
import java.util.List;

/** The models a caller may ask for. */
public interface ListModelsUseCase {

    List<AvailableModel> models(Caller caller);

    /**
     * A model as listed: its name, the provider that serves it, and the API names of the endpoints
     * it serves ({@code chat.completions}, {@code responses}, {@code messages}, {@code completions},
     * {@code embeddings}).
     */
    record AvailableModel(String id, String provider, List<String> endpoints) {

        public AvailableModel {
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }

        public AvailableModel(String id, String provider) {
            this(id, provider, List.of());
        }
    }
}
