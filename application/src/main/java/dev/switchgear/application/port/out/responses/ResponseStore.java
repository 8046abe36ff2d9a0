package dev.switchgear.application.port.out.responses;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where stored responses are kept, per account (ADR 0021). An id is looked up only within its
 * account: another account's response is as absent as one that never was.
 */
public interface ResponseStore {

    /** Keeps a response for the account; one already kept under its id stays as it is. */
    void save(AccountId account, StoredResponse response);

    /** The account's response with this id, unless it expired before {@code now}. */
    Optional<StoredResponse> find(AccountId account, String id, Instant now);

    /** Deletes the account's response with this id; whether there was one. */
    boolean delete(AccountId account, String id);

    /** Deletes every response that expired before {@code now}; how many. */
    int purgeExpired(Instant now);
}
