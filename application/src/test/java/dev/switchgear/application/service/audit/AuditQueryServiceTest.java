package dev.switchgear.application.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryAuditLog;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.audit.AuditAction;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditPage;
import dev.switchgear.application.port.out.audit.AuditQuery;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditQueryServiceTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final AuditQueryService service = new AuditQueryService(log);
    private final AccountId alice = AccountId.of(UUID.randomUUID());
    private final AccountId bob = AccountId.of(UUID.randomUUID());
    private final List<AuditEntry> alices = new ArrayList<>();
    private AuditEntry bobs;
    private AuditEntry platform;

    @BeforeEach
    void entries() {
        for (int i = 0; i < 5; i++) {
            AuditEntry e = entry(alice, i % 2 == 0 ? "key:ka" : "admin", i % 2 == 0 ? AuditAction.POWER_LEVEL_CHANGED
                    : AuditAction.CREDITS_GRANTED, T0.plusSeconds(i));
            alices.add(e);
            log.write(e);
        }
        bobs = entry(bob, "key:kb", AuditAction.MONTHLY_CAP_SET, T0.plusSeconds(2));
        log.write(bobs);
        platform = entry(null, "admin", AuditAction.MODEL_DEFINED, T0.plusSeconds(3));
        log.write(platform);
    }

    private static AuditEntry entry(AccountId account, String actor, AuditAction action, Instant at) {
        return new AuditEntry(UUID.randomUUID().toString(), at, account, actor, actor.equals("admin") ? "admin" : "user",
                action, null, Map.of(), "127.0.0.1", "test");
    }

    private static AuditQuery query(Optional<AccountId> account, int limit) {
        return new AuditQuery(account, Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                limit);
    }

    @Test
    void anAccountSeesOnlyItsOwnEntriesWhateverItAsksFor() {
        AuditPage page = service.audit(Caller.withKey(alice, "ka"), query(Optional.empty(), 200));

        assertThat(page.entries()).containsExactlyInAnyOrderElementsOf(alices).doesNotContain(bobs, platform);
        assertThat(log.lastQuery().account()).contains(alice);
        assertThat(service.audit(Caller.of(alice), query(Optional.of(alice), 200)).entries()).hasSize(5);
    }

    @Test
    void anAccountNamingAnotherAccountGetsAccountNotFound() {
        assertThatThrownBy(() -> service.audit(Caller.withKey(alice, "ka"), query(Optional.of(bob), 10)))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
    }

    @Test
    void theAdministratorSeesEveryEntryPlatformChangesIncludedOrOneAccountsWhenAsked() {
        assertThat(service.audit(Caller.administrator(), query(Optional.empty(), 200)).entries())
                .hasSize(7).contains(bobs, platform);
        assertThat(service.audit(Caller.administrator(), query(Optional.of(bob), 200)).entries()).containsExactly(bobs);
        assertThat(service.audit(Caller.signedIn(alice, true), query(Optional.empty(), 200)).entries()).hasSize(7);
    }

    @Test
    void filtersReachTheLog() {
        AuditQuery byActorAndAction = new AuditQuery(Optional.empty(), Optional.of("admin"),
                Set.of(AuditAction.CREDITS_GRANTED), Optional.of(T0.plusSeconds(2)), Optional.empty(), Optional.empty(),
                200);
        assertThat(service.audit(Caller.administrator(), byActorAndAction).entries())
                .containsExactly(alices.get(3));
    }

    @Test
    void pagesEndWithACursorUntilTheLastWhichHasNone() {
        Caller caller = Caller.withKey(alice, "ka");
        AuditPage first = service.audit(caller, query(Optional.empty(), 2));
        assertThat(first.entries()).containsExactly(alices.get(4), alices.get(3));
        assertThat(first.next()).isPresent();

        AuditQuery second = new AuditQuery(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(),
                Optional.empty(), first.next(), 2);
        AuditPage page2 = service.audit(caller, second);
        assertThat(page2.entries()).containsExactly(alices.get(2), alices.get(1));
        AuditPage last = service.audit(caller, new AuditQuery(Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty(), Optional.empty(), page2.next(), 2));
        assertThat(last.entries()).containsExactly(alices.get(0));
        assertThat(last.next()).isEmpty();

        AuditPage exact = service.audit(caller, query(Optional.empty(), 5));
        assertThat(exact.entries()).hasSize(5);
        assertThat(exact.next()).as("no cursor when nothing follows").isEmpty();
    }

    @Test
    void aPageHoldsOneTo200Entries() {
        assertThatThrownBy(() -> query(Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.audit(Caller.administrator(), query(Optional.empty(), 201)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(Optional.empty(), 202)).isInstanceOf(IllegalArgumentException.class);
        assertThat(service.audit(Caller.administrator(), query(Optional.empty(), 200)).entries()).hasSize(7);
        assertThatThrownBy(() -> new AuditQuery(Optional.empty(), Optional.empty(), Set.of(), Optional.of(T0),
                Optional.of(T0), Optional.empty(), 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from");
    }
}
