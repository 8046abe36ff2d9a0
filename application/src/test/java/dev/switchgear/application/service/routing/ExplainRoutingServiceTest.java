package dev.switchgear.application.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.fakes.InMemoryUsageReadModel;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExplainRoutingServiceTest {

    private final AccountId alice = AccountId.of(UUID.randomUUID());
    private final InMemoryUsageReadModel usage = new InMemoryUsageReadModel();
    private final ExplainRoutingService service = new ExplainRoutingService(usage);

    @Test
    void aChargedRequestIsExplainedToItsAccountAndTheAdministratorOnly() {
        RequestId id = new RequestId("explain-me");
        usage.on(new UsageCharged(alice, id, "m", "p", 1, 1, false, 1, 1, MicroCredits.of(1), MicroCredits.of(1),
                MicroCredits.ZERO, MicroCredits.of(9), Instant.parse("2026-06-01T00:00:00Z")));

        assertThat(service.explain(Caller.of(alice), id)).isPresent();
        assertThat(service.explain(Caller.administrator(), id)).isPresent();
        assertThat(service.explain(Caller.of(AccountId.of(UUID.randomUUID())), id)).isEmpty();
        assertThat(service.explain(Caller.of(alice), new RequestId("unknown"))).isEmpty();
    }
}
