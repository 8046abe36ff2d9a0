package dev.switchgear.adapter.persistence;

import dev.switchgear.adapter.persistence.readmodel.JooqUsageAnalytics;
import dev.switchgear.adapter.persistence.readmodel.UsageProjection;
import dev.switchgear.application.contract.UsageAnalyticsContract;
import dev.switchgear.application.port.out.usage.UsageAnalytics;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.lang.reflect.Method;

/** The usage analytics contract against the rollups on real PostgreSQL, fed by the real projection. */
class JooqUsageAnalyticsTest extends UsageAnalyticsContract {

    private final PostgresFixture pg = PostgresFixture.INSTANCE;
    private final UsageProjection projection = new UsageProjection(pg.db, pg.json);
    private final JooqUsageAnalytics analytics = new JooqUsageAnalytics(pg.db);

    @Override
    protected UsageAnalytics analytics() {
        return analytics;
    }

    @Override
    protected void tier(AccountId account, String tier) {
        handle(new AccountOpened(account, "contract", Tier.fromCode(tier), JAN3));
    }

    @Override
    protected void project(UsageCharged charge) {
        handle(charge);
    }

    @Override
    protected void project(RequestFailed failure) {
        handle(failure);
    }

    private void handle(Object event) {
        try {
            Method on = UsageProjection.class.getDeclaredMethod("on", event.getClass());
            on.setAccessible(true);
            on.invoke(projection, event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
