package dev.switchgear.adapter.crypto;

class InMemoryDataKeysetStoreTest extends DataKeysetStoreContract {

    private final InMemoryDataKeysetStore store = new InMemoryDataKeysetStore();

    @Override
    protected DataKeysetStore store() {
        return store;
    }
}
