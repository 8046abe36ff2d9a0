package dev.switchgear.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.responses.ResponseStore;
import dev.switchgear.application.port.out.responses.StoredResponse;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a store of responses must do: keep a response per account, find it only in its own account
 * and until it expires, keep the first of two saves under one id, delete it, and purge the expired
 * ones only. Run against the in-memory fake and the jOOQ table; each test uses its own accounts.
 */
public abstract class ResponseStoreContract {

    protected static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    protected abstract ResponseStore store();

    private static AccountId account() {
        return AccountId.of(UUID.randomUUID());
    }

    private static StoredResponse response(String text, Instant created, Duration keptFor) {
        String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
        return new StoredResponse(id, "sim-echo", "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"" + text + "\"}]",
                "{\"id\":\"" + id + "\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\","
                        + "\"text\":\"" + text + " – é ✓\"}]}]}", created, created.plus(keptFor));
    }

    @Test
    void aResponseIsFoundInItsOwnAccountOnlyAsItWasKept() {
        AccountId alice = account();
        AccountId bob = account();
        StoredResponse kept = response("hello", T0, Duration.ofDays(30));
        store().save(alice, kept);

        StoredResponse found = store().find(alice, kept.id(), T0.plusSeconds(1)).orElseThrow();
        assertThat(found.id()).isEqualTo(kept.id());
        assertThat(found.model()).isEqualTo("sim-echo");
        assertThat(found.input()).isEqualTo(kept.input());
        assertThat(found.response()).isEqualTo(kept.response());
        assertThat(found.createdAt()).isEqualTo(kept.createdAt());
        assertThat(found.expiresAt()).isEqualTo(kept.expiresAt());
        assertThat(store().find(bob, kept.id(), T0)).isEmpty();
        assertThat(store().find(alice, "resp_unknown", T0)).isEmpty();
        assertThat(store().delete(bob, kept.id())).isFalse();
        assertThat(store().find(alice, kept.id(), T0)).isPresent();
    }

    @Test
    void theFirstSaveUnderAnIdStays() {
        AccountId alice = account();
        StoredResponse first = response("first", T0, Duration.ofDays(1));
        StoredResponse again = new StoredResponse(first.id(), "other", "[]", "{}", T0.plusSeconds(5),
                T0.plus(Duration.ofDays(2)));
        store().save(alice, first);
        store().save(alice, again);

        assertThat(store().find(alice, first.id(), T0).orElseThrow().response()).isEqualTo(first.response());
    }

    @Test
    void anExpiredResponseIsNotFoundAndIsPurgedAlone() {
        AccountId alice = account();
        StoredResponse shortLived = response("short", T0, Duration.ofHours(1));
        StoredResponse longLived = response("long", T0, Duration.ofDays(30));
        store().save(alice, shortLived);
        store().save(alice, longLived);
        Instant later = T0.plus(Duration.ofHours(2));

        assertThat(store().find(alice, shortLived.id(), later)).isEmpty();
        assertThat(store().purgeExpired(later)).isGreaterThanOrEqualTo(1);
        assertThat(store().find(alice, shortLived.id(), T0)).isEmpty();
        assertThat(store().find(alice, longLived.id(), later)).isPresent();
    }

    @Test
    void aDeletedResponseIsGone() {
        AccountId alice = account();
        StoredResponse kept = response("bye", T0, Duration.ofDays(1));
        store().save(alice, kept);

        assertThat(store().delete(alice, kept.id())).isTrue();
        assertThat(store().find(alice, kept.id(), T0)).isEmpty();
        assertThat(store().delete(alice, kept.id())).isFalse();
    }
}
