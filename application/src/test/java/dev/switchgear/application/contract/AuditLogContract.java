package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.audit.AuditAction;
import dev.switchgear.application.port.out.audit.AuditCursor;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditLog;
import dev.switchgear.application.port.out.audit.AuditQuery;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the audit log must do with the entries written into it: filter by account, actor, actions and
 * time range, list newest first (time, then id), page after a cursor without skipping or repeating
 * an entry, keep the details as written, and hold an entry written twice once. Run against the
 * in-memory fake and the jOOQ table. Each test uses its own accounts and actors, so a shared
 * database does not disturb it.
 */
public abstract class AuditLogContract {

    protected static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    protected abstract AuditLog log();

    /** Writes an entry as the audit projection does (again: replaces it). */
    protected abstract void write(AuditEntry entry);

    private static AuditEntry entry(AccountId account, String actor, AuditAction action, Instant at) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("credits", "1.5");
        details.put("credits_micros", 1_500_000L);
        details.put("flag", true);
        details.put("versions", List.of(1L, 2L));
        return new AuditEntry(UUID.randomUUID().toString(), at, account, actor, "user", action, "pk_target001",
                details, "127.0.0.1", "contract-agent/1.0");
    }

    private static AuditQuery query(Optional<AccountId> account, Optional<String> actor, Set<AuditAction> actions,
                                    Optional<Instant> from, Optional<Instant> to, int limit) {
        return new AuditQuery(account, actor, actions, from, to, Optional.empty(), limit);
    }

    private static String actor() {
        return "key:" + UUID.randomUUID();
    }

    @Test
    void entriesAreFilteredByAccountActorActionsAndTimeNewestFirst() {
        AccountId alice = AccountId.of(UUID.randomUUID());
        AccountId bob = AccountId.of(UUID.randomUUID());
        String aliceActor = actor();
        AuditEntry granted = entry(alice, "admin", AuditAction.CREDITS_GRANTED, T0);
        AuditEntry level = entry(alice, aliceActor, AuditAction.POWER_LEVEL_CHANGED, T0.plusSeconds(10));
        AuditEntry cap = entry(alice, aliceActor, AuditAction.MONTHLY_CAP_SET, T0.plusSeconds(20));
        AuditEntry bobs = entry(bob, actor(), AuditAction.MONTHLY_CAP_SET, T0.plusSeconds(15));
        List.of(granted, level, cap, bobs).forEach(this::write);

        assertThat(log().find(query(Optional.of(alice), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
                10))).containsExactly(cap, level, granted);
        assertThat(log().find(query(Optional.of(alice), Optional.of(aliceActor), Set.of(), Optional.empty(),
                Optional.empty(), 10))).containsExactly(cap, level);
        assertThat(log().find(query(Optional.empty(), Optional.of(aliceActor), Set.of(AuditAction.MONTHLY_CAP_SET,
                AuditAction.CREDITS_GRANTED), Optional.empty(), Optional.empty(), 10))).containsExactly(cap);
        assertThat(log().find(query(Optional.of(alice), Optional.empty(), Set.of(), Optional.of(T0.plusSeconds(10)),
                Optional.of(T0.plusSeconds(20)), 10))).as("from inclusive, to exclusive").containsExactly(level);
        assertThat(log().find(query(Optional.of(bob), Optional.empty(), Set.of(AuditAction.MONTHLY_CAP_SET),
                Optional.empty(), Optional.empty(), 10))).containsExactly(bobs);
        assertThat(log().find(query(Optional.of(alice), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
                2))).containsExactly(cap, level);
    }

    @Test
    void pagesAfterACursorNeitherSkipNorRepeatEntriesOfTheSameInstant() {
        AccountId account = AccountId.of(UUID.randomUUID());
        String actor = actor();
        List<AuditEntry> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditEntry e = entry(account, actor, AuditAction.PROVIDER_KEY_TESTED, T0.plusSeconds(i / 3));
            write(e);
            written.add(e);
        }
        List<AuditEntry> seen = new ArrayList<>();
        Optional<AuditCursor> after = Optional.empty();
        for (int page = 0; page < 10; page++) {
            List<AuditEntry> found = log().find(new AuditQuery(Optional.of(account), Optional.empty(), Set.of(),
                    Optional.empty(), Optional.empty(), after, 3));
            seen.addAll(found);
            if (found.size() < 3) {
                break;
            }
            after = Optional.of(AuditCursor.after(found.get(found.size() - 1)));
        }
        assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(written);
        for (int i = 1; i < seen.size(); i++) {
            AuditEntry newer = seen.get(i - 1);
            AuditEntry older = seen.get(i);
            assertThat(newer.at().isAfter(older.at())
                    || newer.at().equals(older.at()) && newer.id().compareTo(older.id()) > 0).isTrue();
        }
    }

    @Test
    void anEntryWrittenTwiceIsListedOnceWithEverythingItHeld() {
        AccountId account = AccountId.of(UUID.randomUUID());
        AuditEntry entry = entry(account, actor(), AuditAction.CREDITS_GRANTED, T0.plusMillis(123));
        write(entry);
        write(entry);
        AuditEntry platform = new AuditEntry(UUID.randomUUID().toString(), T0, null, "system", "system",
                AuditAction.CATALOG_INITIALISED, null, Map.of("catalog_version", 1L), null, null);
        write(platform);

        List<AuditEntry> found = log().find(query(Optional.of(account), Optional.empty(), Set.of(), Optional.empty(),
                Optional.empty(), 10));
        assertThat(found).containsExactly(entry);
        AuditEntry read = found.get(0);
        assertThat(read.details()).containsEntry("credits", "1.5").containsEntry("flag", true);
        assertThat(((Number) read.details().get("credits_micros")).longValue()).isEqualTo(1_500_000L);
        assertThat(read.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(read.userAgent()).isEqualTo("contract-agent/1.0");
        assertThat(log().find(query(Optional.empty(), Optional.of("system"), Set.of(AuditAction.CATALOG_INITIALISED),
                Optional.of(T0), Optional.of(T0.plusMillis(1)), 200))).contains(platform);
    }
}
