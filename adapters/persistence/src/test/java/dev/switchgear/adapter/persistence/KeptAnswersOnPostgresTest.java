package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.adapter.persistence.eventstore.AxonCreditAccountJournal;
import dev.switchgear.adapter.persistence.readmodel.JooqKeptAnswers;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An answer is kept with its charge in one transaction, on PostgreSQL: written with the charge's
 * event, read back whole (every chunk of a stream), gone with a failed append, purged once expired.
 */
class KeptAnswersOnPostgresTest {

    private static final Instant T0 = Instant.parse("2026-06-15T12:00:00Z").truncatedTo(ChronoUnit.MILLIS);
    private final PostgresFixture pg = PostgresFixture.INSTANCE;
    private final JooqKeptAnswers answers = new JooqKeptAnswers(
            DSL.using(new TransactionAwareDataSourceProxy(pg.dataSource), SQLDialect.POSTGRES));
    private final AxonCreditAccountJournal journal = pg.journal(answers);

    private AccountId opened() {
        AccountId account = AccountId.of(UUID.randomUUID());
        journal.append(List.of(new CreditAccountJournal.Entry(account, 0,
                new AccountOpened(account, "Acme", Tier.STARTER, T0), T0)));
        return account;
    }

    private static UsageCharged charge(AccountId account, String requestId) {
        return new UsageCharged(account, new RequestId(requestId), "sim-echo", "simulator", 10, 20, false, 150_000,
                600_000, MicroCredits.of(13_500), MicroCredits.of(13_500), MicroCredits.ZERO, MicroCredits.ZERO, T0);
    }

    private static KeptAnswer answer(AccountId account, String requestId, List<byte[]> parts) {
        return new KeptAnswer(account, new RequestId(requestId), "hash-" + requestId, parts.size() > 1, parts,
                "sim-echo", "simulator", 10, 20, false, MicroCredits.of(13_500), T0, T0.plus(Duration.ofHours(24)));
    }

    @Test
    void anAnswerIsKeptWithItsChargeAndReadBackWhole() {
        AccountId account = opened();
        List<byte[]> chunks = List.of("{\"c\":1}".getBytes(StandardCharsets.UTF_8), new byte[0],
                "{\"c\":\"ü\"}".getBytes(StandardCharsets.UTF_8));
        journal.append(List.of(new CreditAccountJournal.Entry(account, 1, charge(account, "r-1"), T0,
                answer(account, "r-1", chunks))));
        KeptAnswer read = answers.find(account, new RequestId("r-1"), T0).orElseThrow();
        assertThat(read.parts()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(read.parts().get(i)).isEqualTo(chunks.get(i));
        }
        assertThat(read.requestHash()).isEqualTo("hash-r-1");
        assertThat(read.stream()).isTrue();
        assertThat(read.charged()).isEqualTo(MicroCredits.of(13_500));
        assertThat(read.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(answers.find(AccountId.of(UUID.randomUUID()), new RequestId("r-1"), T0)).isEmpty();
    }

    @Test
    void aFailedAppendKeepsNoAnswer() {
        AccountId account = opened();
        // sequence 0 is taken: the whole append fails, the answer with it
        assertThatThrownBy(() -> journal.append(List.of(new CreditAccountJournal.Entry(account, 0,
                charge(account, "r-lost"), T0, answer(account, "r-lost", List.of(new byte[] {1}))))))
                .isInstanceOf(RuntimeException.class);
        assertThat(answers.find(account, new RequestId("r-lost"), T0)).isEmpty();
        assertThat(journal.read(account, 0)).hasSize(1);
    }

    @Test
    void anExpiredAnswerIsNotFoundAndIsPurged() {
        AccountId account = opened();
        journal.append(List.of(new CreditAccountJournal.Entry(account, 1, charge(account, "r-old"), T0,
                answer(account, "r-old", List.of("{}".getBytes(StandardCharsets.UTF_8))))));
        Instant later = T0.plus(Duration.ofHours(25));
        assertThat(answers.find(account, new RequestId("r-old"), later)).isEmpty();
        assertThat(answers.purgeExpired(later)).isPositive();
        assertThat(answers.find(account, new RequestId("r-old"), T0)).isEmpty();
    }
}
