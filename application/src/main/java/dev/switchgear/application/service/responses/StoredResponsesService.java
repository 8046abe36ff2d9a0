package dev.switchgear.application.service.responses;

import dev.switchgear.application.port.in.responses.StoredResponsesUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.responses.ResponseStore;
import dev.switchgear.application.port.out.responses.StoredResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Stored responses over the {@link ResponseStore}: each kept for {@code retention} from when it
 * was made, then gone for readers at once and deleted by {@link #purgeExpired()} (ADR 0021).
 */
public final class StoredResponsesService implements StoredResponsesUseCase {

    private final ResponseStore store;
    private final Clock clock;
    private final Duration retention;

    public StoredResponsesService(ResponseStore store, Clock clock, Duration retention) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("stored responses are kept for a positive time");
        }
        this.retention = retention;
    }

    @Override
    public StoredResponse keep(Caller caller, String id, String model, String input, String response) {
        Instant now = clock.instant();
        StoredResponse stored = new StoredResponse(id, model, input, response, now, now.plus(retention));
        store.save(caller.account(), stored);
        return stored;
    }

    @Override
    public Optional<StoredResponse> find(Caller caller, String id) {
        if (!StoredResponse.isId(id)) {
            return Optional.empty();
        }
        return store.find(caller.account(), id, clock.instant());
    }

    @Override
    public boolean delete(Caller caller, String id) {
        if (!StoredResponse.isId(id)) {
            return false;
        }
        boolean live = store.find(caller.account(), id, clock.instant()).isPresent();
        boolean deleted = store.delete(caller.account(), id);
        return live && deleted;
    }

    /** Deletes every stored response past its retention; how many. */
    public int purgeExpired() {
        return store.purgeExpired(clock.instant());
    }
}
