package dev.switchgear.adapter.persistence;

import dev.switchgear.adapter.persistence.readmodel.JooqUsageReadModel;
import dev.switchgear.adapter.persistence.readmodel.UsageProjection;
import dev.switchgear.application.contract.UsageReadModelContract;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.domain.credit.api.UsageCharged;
import java.lang.reflect.Method;

/** The usage read model contract against {@code usage_record} on real PostgreSQL, fed by the real projection. */
class JooqUsageReadModelTest extends UsageReadModelContract {

    private final PostgresFixture pg = PostgresFixture.INSTANCE;
    private final UsageProjection projection = new UsageProjection(pg.db, pg.json);
    private final JooqUsageReadModel usage = new JooqUsageReadModel(pg.db, pg.json);

    @Override
    protected UsageReadModel usage() {
        return usage;
    }

    @Override
    protected void project(UsageCharged event) {
        try {
            Method on = UsageProjection.class.getDeclaredMethod("on", UsageCharged.class);
            on.setAccessible(true);
            on.invoke(projection, event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
