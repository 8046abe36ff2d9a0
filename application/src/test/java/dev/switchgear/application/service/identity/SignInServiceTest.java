package dev.switchgear.application.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.in.identity.VerifiedIdentity;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.identity.IdentityProvider;
import dev.switchgear.application.port.out.identity.IdentityProviderUnavailable;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signing in identity-provider users, against the in-memory event streams and a fake directory. */
class SignInServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, CLOCK, 16);
    private final FakeDirectory directory = new FakeDirectory();
    private final SignInService service = new SignInService(ledger.standings(), ledger.changes(), commands,
            directory, CLOCK);

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aSubjectSeenForTheFirstTimeOpensItsAccountOnTheClaimedTier() {
        String subject = UUID.randomUUID().toString();

        Caller caller = service.signIn(new VerifiedIdentity(subject, "Ada Lovelace", Optional.of("starter"), false));

        AccountId account = new AccountId(subject);
        assertThat(caller).isEqualTo(Caller.signedIn(account, false));
        assertThat(caller.actor()).isEqualTo("user:" + subject);
        assertThat(journal.payloads(account)).singleElement().isInstanceOfSatisfying(AccountOpened.class, opened -> {
            assertThat(opened.name()).isEqualTo("Ada Lovelace");
            assertThat(opened.tier()).isEqualTo(Tier.STARTER);
        });
        assertThat(directory.asked).isEmpty();
    }

    @Test
    void theSecondSignInOpensNothingAndChangesNothingWhileTheTierStaysTheSame() {
        String subject = UUID.randomUUID().toString();
        service.signIn(new VerifiedIdentity(subject, "Ada", Optional.of("starter"), false));
        service.signIn(new VerifiedIdentity(subject, "Ada", Optional.of("starter"), false));

        assertThat(journal.payloads(new AccountId(subject))).hasSize(1);
    }

    @Test
    void withoutAClaimTheTierIsTheOneTheDirectoryHolds() {
        String subject = UUID.randomUUID().toString();
        directory.tiers.put(subject, "professional");

        service.signIn(new VerifiedIdentity(subject, "Grace", Optional.empty(), false));

        assertThat(ledger.standings().standing(new AccountId(subject)).orElseThrow().tier()).isEqualTo(Tier.PROFESSIONAL);
        assertThat(directory.asked).containsExactly(subject);
    }

    @Test
    void aTierChangedInTheDirectoryReachesTheAccountAsAnEvent() {
        String subject = UUID.randomUUID().toString();
        directory.tiers.put(subject, "free");
        service.signIn(new VerifiedIdentity(subject, "Grace", Optional.empty(), false));

        directory.tiers.put(subject, "enterprise");
        service.signIn(new VerifiedIdentity(subject, "Grace", Optional.empty(), false));

        List<CreditAccountEvent> events = journal.payloads(new AccountId(subject));
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isEqualTo(new TierChanged(new AccountId(subject), Tier.ENTERPRISE, Tier.FREE,
                CLOCK.instant()));
        assertThat(ledger.standings().standing(new AccountId(subject)).orElseThrow().tier()).isEqualTo(Tier.ENTERPRISE);
    }

    @Test
    void anUnknownOrMissingTierIsFree() {
        String unknown = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();
        directory.tiers.put(unknown, "platinum");

        service.signIn(new VerifiedIdentity(unknown, "U", Optional.empty(), false));
        service.signIn(new VerifiedIdentity(missing, "M", Optional.empty(), false));

        assertThat(ledger.standings().standing(new AccountId(unknown)).orElseThrow().tier()).isEqualTo(Tier.FREE);
        assertThat(ledger.standings().standing(new AccountId(missing)).orElseThrow().tier()).isEqualTo(Tier.FREE);
    }

    @Test
    void anAccountKeepsItsTierWhileTheDirectoryCannotBeAsked() {
        String subject = UUID.randomUUID().toString();
        service.signIn(new VerifiedIdentity(subject, "Ada", Optional.of("starter"), false));
        directory.down = true;

        Caller caller = service.signIn(new VerifiedIdentity(subject, "Ada", Optional.empty(), false));

        assertThat(caller.accountId()).contains(new AccountId(subject));
        assertThat(journal.payloads(new AccountId(subject))).hasSize(1);
        String newcomer = UUID.randomUUID().toString();
        service.signIn(new VerifiedIdentity(newcomer, "New", Optional.empty(), false));
        assertThat(ledger.standings().standing(new AccountId(newcomer)).orElseThrow().tier()).isEqualTo(Tier.FREE);
    }

    @Test
    void theAdminRoleMakesAnAdministratorWhoseAccountIsStillTheirs() {
        String subject = UUID.randomUUID().toString();

        Caller caller = service.signIn(new VerifiedIdentity(subject, "Root", Optional.empty(), true));

        assertThat(caller.admin()).isTrue();
        assertThat(caller.account()).isEqualTo(new AccountId(subject));
    }

    @Test
    void aSubjectThatIsNoCanonicalUuidIsRefusedAndOpensNothing() {
        for (String subject : List.of("alice", "", "' OR 1=1 --", UUID.randomUUID().toString().toUpperCase(),
                "1-1-1-1-1")) {
            assertThatThrownBy(() -> service.signIn(new VerifiedIdentity(subject, "x", Optional.of("starter"), false)))
                    .isInstanceOfSatisfying(IdentityException.class,
                            e -> assertThat(e.code()).isEqualTo(IdentityError.UNAUTHENTICATED));
        }
        assertThat(journal.payloads(new AccountId("00000000-0000-0000-0000-000000000001"))).isEmpty();
        assertThat(directory.asked).isEmpty();
    }

    @Test
    void aLongNameIsShortenedAndAnEmptyOneIsTheSubject() {
        String longName = UUID.randomUUID().toString();
        String noName = UUID.randomUUID().toString();

        service.signIn(new VerifiedIdentity(longName, "n".repeat(500), Optional.empty(), false));
        service.signIn(new VerifiedIdentity(noName, "  ", Optional.empty(), false));

        assertThat(((AccountOpened) journal.payloads(new AccountId(longName)).get(0)).name()).hasSize(200);
        assertThat(((AccountOpened) journal.payloads(new AccountId(noName)).get(0)).name()).isEqualTo(noName);
    }

    @Test
    void twoFirstSignInsAtOnceBothSucceedAndOpenTheAccountOnce() throws Exception {
        String subject = UUID.randomUUID().toString();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Caller>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return service.signIn(new VerifiedIdentity(subject, "Racer", Optional.of("starter"), false));
                }));
            }
            start.countDown();
            for (Future<Caller> result : results) {
                assertThat(result.get().accountId()).contains(new AccountId(subject));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(journal.payloads(new AccountId(subject))).singleElement().isInstanceOf(AccountOpened.class);
    }

    /** The directory: tiers by subject, every question recorded, and a switch that makes it unreachable. */
    private static final class FakeDirectory implements IdentityProvider {
        final Map<String, String> tiers = new ConcurrentHashMap<>();
        final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public Optional<String> tierOf(String subject) {
            asked.add(subject);
            if (down) {
                throw new IdentityProviderUnavailable("directory down", null);
            }
            return Optional.ofNullable(tiers.get(subject));
        }
    }
}
