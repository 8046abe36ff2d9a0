package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.CreateEmbeddingsUseCase;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamCredential;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.port.out.credit.KeptAnswers;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The path of one completion, in three steps: admit it (under the account's lock once: its
 * standing, the route {@link RoutePlanner} plans for it, and the hold of the route's worst case),
 * call the route's candidates with fallback ({@link FallbackCaller}), and charge what the one that
 * answered used ({@link UsageCharger}, by default waiting until the charge is durable). A request
 * that fails before it used anything gives its hold back. A request the caller named (its own
 * request id) keeps its answer with its charge, and a retry under that id is answered from it
 * ({@link KeptAnswerReplay}). Before all of it, the account's rate limits ({@link RateLimitGate},
 * ADR 0017): what they refuse never reaches the ledger, and every outcome after them carries them.
 * The legacy completions take the chat path as they are (their endpoint travels with the request);
 * embeddings take it too, with no output and one model only (ADR 0022).
 */
public class CompletionService implements CompleteChatUseCase, CreateEmbeddingsUseCase {

    /** Models named {@code custom/<model>} go to the caller's own OpenAI-compatible endpoint. */
    public static final String CUSTOM_PREFIX = RoutePlanner.CUSTOM_PREFIX;

    private final RoutePlanner planner;
    private final FallbackCaller caller;
    private final UsageCharger charger;
    private final KeptAnswerReplay replay;
    private final RequestAdmission admission;
    private final Supplier<UUID> ids;
    private final Duration routeDeadline;
    private final RateLimitGate limits;

    /**
     * @param waitForDurableCharge answer only after the charge is committed (the default for money);
     *                             when false, a crash can lose the charges of the last commit window
     * @param chargeTimeout        how long an answer waits for its charge to commit
     * @param byokFeeBasisPoints   the fee on calls with the caller's own key, in basis points of the list price
     * @param routeDeadline        how long one request may spend trying candidates before giving up
     */
    public record Settings(boolean waitForDurableCharge, Duration chargeTimeout, int byokFeeBasisPoints,
                           Duration routeDeadline, Duration keepAnswersFor, long maxKeptAnswerBytes) {

        /** Answers to requests the caller named are kept 24 hours, up to 1 MiB each. */
        public static final Duration KEEP_ANSWERS_FOR = Duration.ofHours(24);
        public static final long MAX_KEPT_ANSWER_BYTES = 1 << 20;

        public Settings(boolean waitForDurableCharge, Duration chargeTimeout) {
            this(waitForDurableCharge, chargeTimeout, 0, Duration.ofMinutes(10));
        }

        public Settings(boolean waitForDurableCharge, Duration chargeTimeout, int byokFeeBasisPoints) {
            this(waitForDurableCharge, chargeTimeout, byokFeeBasisPoints, Duration.ofMinutes(10));
        }

        public Settings(boolean waitForDurableCharge, Duration chargeTimeout, int byokFeeBasisPoints,
                        Duration routeDeadline) {
            this(waitForDurableCharge, chargeTimeout, byokFeeBasisPoints, routeDeadline, KEEP_ANSWERS_FOR,
                    MAX_KEPT_ANSWER_BYTES);
        }

        public Settings {
            if (byokFeeBasisPoints < 0 || byokFeeBasisPoints > 10_000) {
                throw new IllegalArgumentException("the BYOK fee is 0 to 10000 basis points of the model's price");
            }
            if (keepAnswersFor.isNegative() || maxKeptAnswerBytes < 0) {
                throw new IllegalArgumentException("answers are kept for a time of zero or more, up to a size of zero or more");
            }
        }
    }

    /** A completion path that keeps no answers. */
    public CompletionService(Supplier<Catalog> catalog, Collection<CompletionProvider> providers, ProviderHealth health,
                             RequestAdmission admission, UsageSettlement settlement, Supplier<UUID> ids,
                             Settings settings, ByokKeys byok) {
        this(catalog, providers, health, admission, settlement, null, Clock.systemUTC(), ids, settings, byok);
    }

    /**
     * @param byok    the callers' own provider keys; null when BYOK is not offered
     * @param answers the answers kept with their charges, for retries; null keeps none
     */
    public CompletionService(Supplier<Catalog> catalog, Collection<CompletionProvider> providers, ProviderHealth health,
                             RequestAdmission admission, UsageSettlement settlement, KeptAnswers answers, Clock clock,
                             Supplier<UUID> ids, Settings settings, ByokKeys byok) {
        this(catalog, providers, health, admission, settlement, answers, clock, ids, settings, byok,
                RateLimitGate.unlimited());
    }

    /** @param limits the accounts' rate limits, consulted before the credit admission (ADR 0017) */
    public CompletionService(Supplier<Catalog> catalog, Collection<CompletionProvider> providers, ProviderHealth health,
                             RequestAdmission admission, UsageSettlement settlement, KeptAnswers answers, Clock clock,
                             Supplier<UUID> ids, Settings settings, ByokKeys byok, RateLimitGate limits) {
        Map<String, CompletionProvider> byId = providers.stream().collect(Collectors.toUnmodifiableMap(
                CompletionProvider::providerId, Function.identity()));
        Set<String> platformConnected = byId.values().stream().filter(CompletionProvider::hasPlatformCredential)
                .map(CompletionProvider::providerId).collect(Collectors.toUnmodifiableSet());
        this.planner = new RoutePlanner(catalog, byId, platformConnected, health, byok, settings.byokFeeBasisPoints());
        this.caller = new FallbackCaller(health, byok);
        this.charger = new UsageCharger(settlement, health, settings.waitForDurableCharge(), settings.chargeTimeout());
        this.replay = new KeptAnswerReplay(answers, clock, settings.keepAnswersFor(), settings.maxKeptAnswerBytes());
        this.admission = admission;
        this.ids = ids;
        this.routeDeadline = settings.routeDeadline();
        this.limits = limits;
    }

    @Override
    public ChatCompletion complete(Caller who, ChatRequest request) {
        notEmbeddings(request);
        return answer(who, request, CompletionProvider::complete);
    }

    @Override
    public ChatCompletion embed(Caller who, ChatRequest request) {
        if (request.endpoint() != Endpoint.EMBEDDINGS) {
            throw new CompletionException(CompletionError.INVALID_REQUEST, "not an embeddings request");
        }
        return answer(who, request, CompletionProvider::embed);
    }

    /**
     * One request answered at once (a completion or embeddings): routed, each attempt sent by
     * {@code send}, the answer charged and the rate limits trued up; a retry of a charged request id
     * answered from its kept answer.
     */
    private ChatCompletion answer(Caller who, ChatRequest request,
                                  java.util.function.BiFunction<CompletionProvider, UpstreamCall, UpstreamReply> send) {
        RequestId requestId = requestId(request);
        try {
            return run(who, requestId, request, ChunkSinks.NONE, (admitted, pass, attempts, attempt) -> {
                UpstreamReply reply = send.apply(attempt.candidate().provider(), attempt.call());
                MicroCredits charged = charger.charge(admitted.hold(), admitted.plan(), attempts, attempt,
                        reply.usage(), reply.usageEstimated(), replay.toKeep(request, false, List.of(reply.body())),
                        who.apiKeyId());
                limits.settle(pass, reply.usage());
                return new ChatCompletion(requestId, attempt.candidate().model().id(),
                        attempt.candidate().model().provider(), reply.body(), reply.usage(), charged)
                        .withLimits(pass.status());
            });
        } catch (CreditException e) {
            if (e.code() != CreditError.REQUEST_ALREADY_CHARGED || request.requestId().isEmpty()) {
                throw e;
            }
            return replay.replay(who.account(), requestId, request);
        }
    }

    @Override
    public StreamedCompletion stream(Caller who, ChatRequest request, ChunkSink sink) {
        notEmbeddings(request);
        RequestId requestId = requestId(request);
        KeptAnswerReplay.Collecting relay = replay.collecting(request, sink);
        try {
            return run(who, requestId, request, relay, (admitted, pass, attempts, attempt) -> {
                StreamOutcome outcome = attempt.candidate().provider().stream(attempt.call(), relay::chunk);
                MicroCredits charged = charger.charge(admitted.hold(), admitted.plan(), attempts, attempt,
                        outcome.usage(), outcome.usageEstimated(),
                        outcome.failure().isPresent() ? null : replay.toKeep(request, true, relay.parts()),
                        who.apiKeyId());
                limits.settle(pass, outcome.usage());
                UpstreamCredential own = attempt.call().credential();
                return new StreamedCompletion(requestId, outcome.usage(), outcome.usageEstimated(),
                        charged, own == null ? outcome.failure() : outcome.failure().map(own::scrub));
            });
        } catch (CreditException e) {
            if (e.code() != CreditError.REQUEST_ALREADY_CHARGED || request.requestId().isEmpty()) {
                throw e;
            }
            return replay.replay(who.account(), requestId, request, sink);
        }
    }

    private static void notEmbeddings(ChatRequest request) {
        if (request.endpoint() == Endpoint.EMBEDDINGS) {
            throw new CompletionException(CompletionError.INVALID_REQUEST, "an embeddings request is not a completion");
        }
    }

    private RequestId requestId(ChatRequest request) {
        String prefix = switch (request.endpoint()) {
            case CHAT -> "chatcmpl-";
            case COMPLETIONS -> "cmpl-";
            case EMBEDDINGS -> "embd-";
        };
        return request.requestId().orElseGet(() -> new RequestId(prefix + ids.get()));
    }

    /** Sinks that need no relay. */
    private enum ChunkSinks implements ChunkSink {
        NONE;

        @Override
        public void chunk(byte[] chunkJson) {
            throw new IllegalStateException("a plain completion relays no chunks");
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run(RequestAdmission.Admitted<Route> admitted, RateLimitGate.Pass pass, List<RoutingTrace.Attempt> attempts,
              FallbackCaller.Attempt attempt);
    }

    private <T> T run(Caller who, RequestId requestId, ChatRequest request, ChunkSink sink, Step<T> step) {
        AccountId account = who.account();
        RateLimitGate.Pass pass = limits.reserve(account, request);
        RequestAdmission.Admitted<Route> admitted;
        try {
            Function<AccountStanding, RequestAdmission.Reservation<Route>> plan = standing -> {
                Route route = planner.plan(standing, request);
                return new RequestAdmission.Reservation<>(route.estimate(), route.allOwn(), route);
            };
            // an id the caller brought may have been charged before; one made here from a random UUID cannot
            admitted = request.requestId().isPresent() ? admission.admit(account, requestId, plan)
                    : admission.admitNewId(account, requestId, plan);
        } catch (RuntimeException e) {
            throw limits.refused(pass, e);
        }
        pass.status().ifPresent(sink::rateLimits);
        sink.admitted(requestId);
        long deadline = System.nanoTime() + routeDeadline.toNanos();
        List<RoutingTrace.Attempt> attempts = new ArrayList<>();
        FallbackCaller.RequestShape shape = new FallbackCaller.RequestShape(request.model(), request.body(),
                request.maxOutputTokens().isPresent(), request.usageChunkForCaller(), request.endpoint());
        try {
            return caller.call(account, admitted.plan(), shape, attempts, deadline,
                    attempt -> step.run(admitted, pass, attempts, attempt));
        } catch (RuntimeException e) {
            admission.fail(admitted.hold(), failure(who, request, admitted.plan(), attempts, e));
            throw limits.failed(pass, e);
        }
    }

    /** What is recorded of a request that failed outright (only if its hold was not settled). */
    private static RequestAdmission.Failure failure(Caller who, ChatRequest request, Route route,
                                                    List<RoutingTrace.Attempt> attempts, RuntimeException e) {
        boolean byok = attempts.isEmpty() ? route.allOwn() : attempts.get(attempts.size() - 1).byok();
        String error = e instanceof CompletionException c ? c.code().name()
                : e instanceof CreditException c ? c.code().name() : "INTERNAL_ERROR";
        String level = route.decision().level() == null ? null : route.decision().level().code();
        return new RequestAdmission.Failure(request.model(), level, byok, who.apiKeyId(), attempts,
                error.toLowerCase(java.util.Locale.ROOT));
    }
}
