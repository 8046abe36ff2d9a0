package dev.switchgear.domain.credit;

import static dev.switchgear.domain.Refusals.creditRefusal;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.util.List;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreditAccountTest {

    private static final AccountId ACCOUNT = AccountId.of(UUID.fromString("7f1c8f0e-4a55-4c38-9d1e-0b7f2a9a1c11"));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AccountOpened OPENED = new AccountOpened(ACCOUNT, "Acme", Tier.STARTER, T0);

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
    }

    @Test
    void opensAnAccountWithItsTier() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, "  Acme ", Tier.STARTER, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(OPENED);
    }

    @Test
    void refusesAnAccountWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, " ", Tier.FREE, T0))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.INVALID_ACCOUNT));
    }

    @Test
    void refusesAnAccountWithoutATier() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, "Acme", null, T0))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.INVALID_ACCOUNT));
    }

    @Test
    void grantingCreditsRaisesTheBalance() {
        fixture.given(OPENED, new CreditsGranted(ACCOUNT, MicroCredits.of(5_000_000), "welcome", MicroCredits.of(5_000_000), T0))
                .when(new GrantCredits(ACCOUNT, MicroCredits.of(2_500_000), "top-up", T0.plusSeconds(60)))
                .expectEvents(new CreditsGranted(ACCOUNT, MicroCredits.of(2_500_000), "top-up",
                        MicroCredits.of(7_500_000), T0.plusSeconds(60)));
    }

    @Test
    void aGrantCountsTheUsageChargedThroughTheLedger() {
        UsageCharged charged = new UsageCharged(ACCOUNT, new RequestId("r-1"), "sim-echo", "simulator", 1000, 500, false,
                150_000, 600_000, MicroCredits.of(450_000), MicroCredits.of(450_000), MicroCredits.ZERO,
                MicroCredits.of(550_000), T0.plusSeconds(1));
        fixture.given(OPENED, new CreditsGranted(ACCOUNT, MicroCredits.of(1_000_000), "welcome", MicroCredits.of(1_000_000), T0),
                        charged)
                .when(new GrantCredits(ACCOUNT, MicroCredits.of(1), "cent", T0.plusSeconds(2)))
                .expectEvents(new CreditsGranted(ACCOUNT, MicroCredits.of(1), "cent", MicroCredits.of(550_001),
                        T0.plusSeconds(2)));
    }

    @Test
    void aRequestThatFailedOutrightMovesNoMoneyAndLeavesItsIdFreeForARetry() {
        RequestFailed failed = new RequestFailed(ACCOUNT, new RequestId("r-1"), "auto", "balanced", false, "ci",
                List.of(new RoutingTrace.Attempt("sim-echo", "simulator", false, "unavailable 503", 12)),
                "upstream_unavailable", T0.plusSeconds(1));
        UsageCharged retried = new UsageCharged(ACCOUNT, new RequestId("r-1"), "sim-echo", "simulator", 1000, 500,
                false, 150_000, 600_000, MicroCredits.of(450_000), MicroCredits.of(450_000), MicroCredits.ZERO,
                MicroCredits.of(550_000), T0.plusSeconds(2));
        fixture.given(OPENED, new CreditsGranted(ACCOUNT, MicroCredits.of(1_000_000), "welcome", MicroCredits.of(1_000_000), T0),
                        failed)
                .when(new GrantCredits(ACCOUNT, MicroCredits.of(1), "cent", T0.plusSeconds(3)))
                .expectEvents(new CreditsGranted(ACCOUNT, MicroCredits.of(1), "cent", MicroCredits.of(1_000_001),
                        T0.plusSeconds(3)));
        fixture.given(OPENED, new CreditsGranted(ACCOUNT, MicroCredits.of(1_000_000), "welcome", MicroCredits.of(1_000_000), T0),
                        failed, retried)
                .when(new GrantCredits(ACCOUNT, MicroCredits.of(1), "cent", T0.plusSeconds(3)))
                .expectEvents(new CreditsGranted(ACCOUNT, MicroCredits.of(1), "cent", MicroCredits.of(550_001),
                        T0.plusSeconds(3)));
    }

    @Test
    void cannotGrantANonPositiveAmount() {
        fixture.given(OPENED)
                .when(new GrantCredits(ACCOUNT, MicroCredits.ZERO, "nothing", T0))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.INVALID_AMOUNT));
    }

    @Test
    void cannotGrantSoMuchThatTheBalanceOverflows() {
        fixture.given(OPENED, new CreditsGranted(ACCOUNT, MicroCredits.of(Long.MAX_VALUE), "all", MicroCredits.of(Long.MAX_VALUE), T0))
                .when(new GrantCredits(ACCOUNT, MicroCredits.of(1), "one more", T0))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.INVALID_AMOUNT));
    }
}
