package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryUsageAnalytics;
import dev.switchgear.application.port.out.usage.UsageAnalytics;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;

/** The usage analytics contract against the in-memory fake. */
class InMemoryUsageAnalyticsTest extends UsageAnalyticsContract {

    private final InMemoryUsageAnalytics analytics = new InMemoryUsageAnalytics();

    @Override
    protected UsageAnalytics analytics() {
        return analytics;
    }

    @Override
    protected void tier(AccountId account, String tier) {
        analytics.tier(account, tier);
    }

    @Override
    protected void project(UsageCharged charge) {
        analytics.on(charge);
    }

    @Override
    protected void project(RequestFailed failure) {
        analytics.on(failure);
    }
}
