package dev.switchgear.application.service.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryResponseStore;
import dev.switchgear.application.fakes.TestClock;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.responses.StoredResponse;
import dev.switchgear.domain.shared.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredResponsesServiceTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final InMemoryResponseStore store = new InMemoryResponseStore();
    private final StoredResponsesService service = new StoredResponsesService(store, clock, Duration.ofDays(30));
    private final Caller alice = Caller.withKey(AccountId.of(UUID.randomUUID()), "k1");
    private final Caller bob = Caller.withKey(AccountId.of(UUID.randomUUID()), "k2");

    @Test
    void aKeptResponseIsReadableByItsAccountUntilItsRetentionEnds() {
        StoredResponse kept = service.keep(alice, "resp_1", "sim-echo", "[]", "{\"id\":\"resp_1\"}");

        assertThat(kept.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(service.find(alice, "resp_1")).contains(kept);
        assertThat(service.find(bob, "resp_1")).isEmpty();
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThat(service.find(alice, "resp_1")).isEmpty();
        assertThat(service.purgeExpired()).isEqualTo(1);
    }

    @Test
    void anotherAccountCannotDeleteAResponseAndAnExpiredOneIsErasedButReportedAbsent() {
        service.keep(alice, "resp_2", "sim-echo", "[]", "{}");

        assertThat(service.delete(bob, "resp_2")).isFalse();
        assertThat(service.find(alice, "resp_2")).isPresent();
        clock.advance(Duration.ofDays(31));
        assertThat(service.delete(alice, "resp_2")).isFalse();
        assertThat(store.purgeExpired(Instant.MAX)).isZero();
    }

    @Test
    void aDeletedResponseIsGoneAndNonsenseIdsAreNeverFound() {
        service.keep(alice, "resp_3", "sim-echo", "[]", "{}");

        assertThat(service.delete(alice, "resp_3")).isTrue();
        assertThat(service.find(alice, "resp_3")).isEmpty();
        assertThat(service.find(alice, "msg_3")).isEmpty();
        assertThat(service.find(alice, "resp_" + "x".repeat(200))).isEmpty();
        assertThat(service.delete(alice, null)).isFalse();
    }

    @Test
    void theAdminKeyHasNoStoredResponses() {
        assertThatThrownBy(() -> service.find(Caller.administrator(), "resp_1")).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> new StoredResponsesService(store, clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
