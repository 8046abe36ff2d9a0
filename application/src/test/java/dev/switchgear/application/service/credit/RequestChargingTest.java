package dev.switchgear.application.service.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admission and settlement around an answer kept with its charge: between a named request's
 * settlement and the moment its charge and answer are durable, a retry is told the request is still
 * in progress — not that it was charged without an answer to give.
 */
class RequestChargingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, CLOCK, 16);

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aRetryBeforeTheKeptAnswerIsDurableIsInProgressAndAfterItIsCharged() throws Exception {
        AccountId account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "t", Tier.FREE, CLOCK.instant()));
        ledger.changes().execute(account, new GrantCredits(account, MicroCredits.of(1_000_000), "seed", CLOCK.instant()));
        RequestId id = new RequestId("named-1");
        RequestAdmission.Hold hold = ledger.admission().admit(account, id,
                standing -> new RequestAdmission.Reservation<>(MicroCredits.of(100), false, standing)).hold();
        UsageSettlement.AnswerToKeep keep = new UsageSettlement.AnswerToKeep("hash", false,
                List.of("{}".getBytes(StandardCharsets.UTF_8)), Duration.ofHours(1));
        CompletableFuture<?> durable;
        synchronized (journal) { // the writer cannot append while the test holds the journal
            durable = ledger.settlement().settle(hold, new UsageSettlement.Charge("m", "p", new TokenUsage(1, 1), false,
                    new ModelPrice(1_000, 1_000), false, ModelPrice.FULL, null, keep)).durable();
            assertThat(durable).isNotDone();
            assertThatThrownBy(() -> ledger.admission().admit(account, id,
                    standing -> new RequestAdmission.Reservation<>(MicroCredits.of(100), false, standing)))
                    .isInstanceOfSatisfying(CreditException.class,
                            e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_IN_PROGRESS));
        }
        durable.get(30, TimeUnit.SECONDS);
        assertThat(journal.find(account, id, CLOCK.instant())).isPresent();
        assertThatThrownBy(() -> ledger.admission().admit(account, id,
                standing -> new RequestAdmission.Reservation<>(MicroCredits.of(100), false, standing)))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_ALREADY_CHARGED));
    }
}
