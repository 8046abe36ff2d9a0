package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;

class InMemoryProviderKeyReadModelTest extends ProviderKeyReadModelContract {

    private final InMemoryProviderKeyReadModel keys = new InMemoryProviderKeyReadModel();

    @Override
    protected ProviderKeyReadModel keys() {
        return keys;
    }

    @Override
    protected void project(Object event) {
        keys.on(event);
    }
}
