package dev.switchgear.application.port.in.completion;

import dev.switchgear.application.port.in.shared.Caller;
import java.util.List;

/** The models a caller may ask for. */
public interface ListModelsUseCase {

    List<AvailableModel> models(Caller caller);

    /** A model as listed: its name and the provider that serves it. */
    record AvailableModel(String id, String provider) {
    }
}
