package dev.switchgear.application.port.in.keyring;

import java.util.List;

/** The providers a key can be stored for, with their key formats; public to every key holder. */
public interface ListByokProvidersUseCase {

    List<ByokProvider> providers();
}
