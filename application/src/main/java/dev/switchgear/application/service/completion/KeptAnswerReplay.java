package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.RateLimitStatus;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.application.port.out.credit.KeptAnswers;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Charges you can replay, like Stripe's idempotency keys (issue #11): the answer to a request that
 * carries the caller's own request id ({@code X-Request-Id} or {@code Idempotency-Key}) is kept with
 * its charge for a stated time, and a retry with that id gets the kept answer again — neither a
 * second charge nor a 409. A retry that asks something else under the same id is refused
 * ({@code REQUEST_ID_REUSED}); one whose answer was not kept (too large, a broken stream, expired)
 * gets {@code ANSWER_NOT_KEPT}.
 */
final class KeptAnswerReplay {

    private final KeptAnswers answers;
    private final Clock clock;
    private final Duration keepFor;
    private final long maxBytes;

    /** @param answers the kept answers; null keeps and replays nothing */
    KeptAnswerReplay(KeptAnswers answers, Clock clock, Duration keepFor, long maxBytes) {
        this.answers = answers;
        this.clock = clock;
        this.keepFor = keepFor;
        this.maxBytes = maxBytes;
    }

    /** Whether the answer to {@code request} is to be kept: only when the caller named the request. */
    boolean keeps(ChatRequest request) {
        return answers != null && request.requestId().isPresent() && !keepFor.isZero();
    }

    /** What identifies the request asked: its kind (plain or stream) and its body. */
    static String hash(ChatRequest request, boolean stream) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((stream ? "stream\n" : "plain\n").getBytes(StandardCharsets.US_ASCII));
            digest.update(request.body());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The answer to keep, or null when it is not to be kept (not named, or larger than the limit). */
    UsageSettlement.AnswerToKeep toKeep(ChatRequest request, boolean stream, List<byte[]> parts) {
        if (!keeps(request) || parts == null || parts.stream().mapToLong(p -> p.length).sum() > maxBytes) {
            return null;
        }
        return new UsageSettlement.AnswerToKeep(hash(request, stream), stream, parts, keepFor);
    }

    /** A sink that also collects the chunks it relays (up to the limit), for keeping the answer. */
    Collecting collecting(ChatRequest request, ChunkSink sink) {
        return new Collecting(sink, keeps(request) ? maxBytes : -1);
    }

    /** The kept plain answer of a charged request, or the reason it cannot be given again. */
    ChatCompletion replay(AccountId account, RequestId requestId, ChatRequest request) {
        KeptAnswer kept = find(account, requestId, request, false);
        return new ChatCompletion(requestId, kept.model(), kept.provider(), kept.parts().get(0),
                new TokenUsage(kept.inputTokens(), kept.outputTokens()), kept.charged(), true);
    }

    /** The kept stream of a charged request, relayed to {@code sink} again. */
    StreamedCompletion replay(AccountId account, RequestId requestId, ChatRequest request, ChunkSink sink) {
        KeptAnswer kept = find(account, requestId, request, true);
        sink.admitted(requestId);
        sink.replaying();
        kept.parts().forEach(sink::chunk);
        return new StreamedCompletion(requestId, new TokenUsage(kept.inputTokens(), kept.outputTokens()),
                kept.usageEstimated(), kept.charged(), java.util.Optional.empty(), true);
    }

    private KeptAnswer find(AccountId account, RequestId requestId, ChatRequest request, boolean stream) {
        KeptAnswer kept = answers == null || request.requestId().isEmpty() ? null
                : answers.find(account, requestId, clock.instant()).orElse(null);
        if (kept == null) {
            throw new CompletionException(CompletionError.ANSWER_NOT_KEPT, "request id " + requestId
                    + " has already been charged, and its answer is not kept (or no longer); use a new request id");
        }
        if (!kept.requestHash().equals(hash(request, stream))) {
            throw new CompletionException(CompletionError.REQUEST_ID_REUSED, "request id " + requestId
                    + " was charged for a different request; use a new request id for a new request");
        }
        return kept;
    }

    /** Relays chunks to the caller and keeps a copy of them while they fit the limit. */
    static final class Collecting implements ChunkSink {
        private final ChunkSink sink;
        private final long limit;
        private final List<byte[]> parts = new ArrayList<>();
        private long size;
        private boolean overflowed;

        private Collecting(ChunkSink sink, long limit) {
            this.sink = sink;
            this.limit = limit;
        }

        @Override
        public void admitted(RequestId requestId) {
            sink.admitted(requestId);
        }

        @Override
        public void rateLimits(RateLimitStatus limits) {
            sink.rateLimits(limits);
        }

        @Override
        public void replaying() {
            sink.replaying();
        }

        @Override
        public void chunk(byte[] chunkJson) {
            sink.chunk(chunkJson);
            if (limit >= 0 && !overflowed) {
                size += chunkJson.length;
                if (size > limit) {
                    overflowed = true;
                    parts.clear();
                } else {
                    parts.add(chunkJson.clone());
                }
            }
        }

        /** The chunks relayed, or null when they were not collected or did not fit. */
        List<byte[]> parts() {
            return limit < 0 || overflowed ? null : List.copyOf(parts);
        }
    }
}
