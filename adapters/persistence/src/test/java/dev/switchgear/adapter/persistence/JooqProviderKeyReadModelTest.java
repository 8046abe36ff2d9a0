package dev.switchgear.adapter.persistence;

import dev.switchgear.adapter.persistence.readmodel.JooqProviderKeyReadModel;
import dev.switchgear.adapter.persistence.readmodel.ProviderKeyProjection;
import dev.switchgear.application.contract.ProviderKeyReadModelContract;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** The keyring read model contract against {@code provider_key} on real PostgreSQL, fed by the real projection. */
class JooqProviderKeyReadModelTest extends ProviderKeyReadModelContract {

    private final PostgresFixture pg = PostgresFixture.INSTANCE;
    private final ProviderKeyProjection projection = new ProviderKeyProjection(pg.db);
    private final JooqProviderKeyReadModel keys = new JooqProviderKeyReadModel(pg.db);

    @Override
    protected ProviderKeyReadModel keys() {
        return keys;
    }

    @Override
    protected void project(Object event) {
        try {
            Method on = ProviderKeyProjection.class.getDeclaredMethod("on", event.getClass());
            on.setAccessible(true);
            on.invoke(projection, event);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the projection does not handle " + event.getClass().getSimpleName(), e);
        }
    }
}
