package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.responses.ResponseStore;
import dev.switchgear.application.port.out.responses.StoredResponse;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stored responses in a map keyed by account and id. */
public final class InMemoryResponseStore implements ResponseStore {

    private record Key(AccountId account, String id) {
    }

    private final Map<Key, StoredResponse> responses = new ConcurrentHashMap<>();

    @Override
    public void save(AccountId account, StoredResponse response) {
        responses.putIfAbsent(new Key(account, response.id()), response);
    }

    @Override
    public Optional<StoredResponse> find(AccountId account, String id, Instant now) {
        return Optional.ofNullable(responses.get(new Key(account, id))).filter(r -> !r.expiresAt().isBefore(now));
    }

    @Override
    public boolean delete(AccountId account, String id) {
        return responses.remove(new Key(account, id)) != null;
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = responses.size();
        responses.values().removeIf(r -> r.expiresAt().isBefore(now));
        return before - responses.size();
    }
}
