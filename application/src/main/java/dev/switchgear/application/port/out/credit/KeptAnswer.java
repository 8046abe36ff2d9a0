package dev.switchgear.application.port.out.credit;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A completed answer kept with its charge, so that a retry with the same request id gets the answer
 * that was paid for instead of a second charge (issue #11): written in the same transaction as the
 * charge's event, kept until {@code expiresAt}. {@code requestHash} identifies what was asked (a
 * retry asking something else with the same id is refused); {@code parts} is the answer in the
 * gateway's internal (OpenAI) format — the whole body for a plain answer, each chunk for a stream.
 */
public record KeptAnswer(AccountId accountId, RequestId requestId, String requestHash, boolean stream,
                         List<byte[]> parts, String model, String provider, long inputTokens, long outputTokens,
                         boolean usageEstimated, MicroCredits charged, Instant keptAt, Instant expiresAt) {

    public KeptAnswer {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requestHash, "requestHash");
        parts = parts.stream().map(byte[]::clone).toList();
    }

    /** The answer's size in bytes. */
    public long size() {
        return parts.stream().mapToLong(p -> p.length).sum();
    }

    @Override
    public String toString() {
        return "KeptAnswer[" + accountId + ", " + requestId + ", " + (stream ? "stream of " + parts.size() : "plain")
                + ", " + size() + " bytes]";
    }
}
