package dev.switchgear.adapter.persistence;

import dev.switchgear.adapter.persistence.readmodel.JooqResponseStore;
import dev.switchgear.application.contract.ResponseStoreContract;
import dev.switchgear.application.port.out.responses.ResponseStore;

/** The stored responses' contract against {@code stored_response} on real PostgreSQL. */
class JooqResponseStoreTest extends ResponseStoreContract {

    private final JooqResponseStore store = new JooqResponseStore(PostgresFixture.INSTANCE.db);

    @Override
    protected ResponseStore store() {
        return store;
    }
}
