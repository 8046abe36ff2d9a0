package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryResponseStore;
import dev.switchgear.application.port.out.responses.ResponseStore;

class InMemoryResponseStoreTest extends ResponseStoreContract {

    private final InMemoryResponseStore store = new InMemoryResponseStore();

    @Override
    protected ResponseStore store() {
        return store;
    }
}
