package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryUsageReadModel;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.domain.credit.api.UsageCharged;

class InMemoryUsageReadModelTest extends UsageReadModelContract {

    private final InMemoryUsageReadModel usage = new InMemoryUsageReadModel();

    @Override
    protected UsageReadModel usage() {
        return usage;
    }

    @Override
    protected void project(UsageCharged event) {
        usage.on(event);
    }
}
