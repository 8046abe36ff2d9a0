package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.ListModelsUseCase;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.identity.Caller;
import dev.switchgear.application.port.out.catalog.ModelCatalog;
import dev.switchgear.application.port.out.catalog.ModelOffer;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.api.AccountId;
import dev.switchgear.domain.credit.api.RequestId;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The path of one completion: find the model, hold its worst-case cost, call the provider, charge
 * the actual usage, and (by default) wait until the charge is durable before answering — for a
 * stream, before the caller is told it is done.
 *
 * <p>The hold is an upper bound of the cost: the request body's size in bytes bounds its prompt
 * tokens (a token is at least one byte of text), and the output is bounded by the caller's
 * {@code max_tokens} or the model's default cap, which is sent upstream when the caller set none.
 */
public class CompletionService implements CompleteChatUseCase, ListModelsUseCase {

    private static final Logger LOG = Logger.getLogger(CompletionService.class.getName());

    private final ModelCatalog catalog;
    private final Map<String, CompletionProvider> providers;
    private final CreditLedger ledger;
    private final Supplier<UUID> ids;
    private final Settings settings;

    /**
     * @param waitForDurableCharge answer only after the charge is committed (the default for money);
     *                             when false, a crash can lose the charges of the last commit window
     * @param chargeTimeout        how long an answer waits for its charge to commit
     */
    public record Settings(boolean waitForDurableCharge, Duration chargeTimeout) {
    }

    public CompletionService(ModelCatalog catalog, Collection<CompletionProvider> providers, CreditLedger ledger,
                             Supplier<UUID> ids, Settings settings) {
        this.catalog = catalog;
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(CompletionProvider::providerId,
                Function.identity()));
        this.ledger = ledger;
        this.ids = ids;
        this.settings = settings;
    }

    @Override
    public ChatCompletion complete(Caller caller, ChatRequest request) {
        Admitted admitted = admit(caller, request);
        UpstreamReply reply = upstream(admitted, provider -> provider.complete(admitted.call()));
        MicroCredits charged = charge(admitted, reply.usage(), reply.usageEstimated());
        return new ChatCompletion(admitted.requestId(), admitted.offer().model(), admitted.offer().provider(),
                reply.body(), reply.usage(), charged);
    }

    @Override
    public StreamedCompletion stream(Caller caller, ChatRequest request, ChunkSink sink) {
        Admitted admitted = admit(caller, request);
        StreamOutcome outcome = upstream(admitted, provider -> provider.stream(admitted.call(), sink::chunk));
        MicroCredits charged = charge(admitted, outcome.usage(), outcome.usageEstimated());
        return new StreamedCompletion(admitted.requestId(), outcome.usage(), outcome.usageEstimated(), charged,
                outcome.failure());
    }

    /** Every catalog model whose provider is configured; the tier filter comes with routing (#4). */
    @Override
    public java.util.List<AvailableModel> models(Caller caller) {
        return catalog.all().stream()
                .filter(o -> providers.containsKey(o.provider()))
                .map(o -> new AvailableModel(o.model(), o.provider()))
                .toList();
    }

    /** Finds the model, holds the request's worst-case cost, and prepares the upstream call. */
    private Admitted admit(Caller caller, ChatRequest request) {
        AccountId accountId = caller.account();
        ModelOffer offer = catalog.find(request.model())
                .filter(o -> providers.containsKey(o.provider()))
                .orElseThrow(() -> new CompletionException(CompletionError.MODEL_NOT_FOUND,
                        "The model `" + request.model() + "` does not exist or is not available"));
        RequestId requestId = request.requestId().orElseGet(() -> new RequestId("chatcmpl-" + ids.get()));
        int maxOutput = request.maxOutputTokens().orElse(offer.defaultMaxOutputTokens());
        MicroCredits estimate = offer.price().costOf(new TokenUsage(request.body().length, maxOutput));
        CreditLedger.Hold hold = ledger.admit(accountId, requestId, estimate);
        UpstreamCall call = new UpstreamCall(offer.upstreamModel(), request.body(),
                request.maxOutputTokens().isPresent() ? null : maxOutput, request.usageChunkForCaller());
        return new Admitted(offer, providers.get(offer.provider()), requestId, hold, call);
    }

    /** Calls the provider; if it fails, gives the hold back (nothing was used) and maps the failure. */
    private <T> T upstream(Admitted admitted, Function<CompletionProvider, T> call) {
        try {
            return call.apply(admitted.provider());
        } catch (UpstreamException e) {
            ledger.release(admitted.hold());
            throw translate(e);
        } catch (RuntimeException e) {
            ledger.release(admitted.hold());
            throw e;
        }
    }

    /** Settles the hold at the actual usage; by default returns only once the charge is durable. */
    private MicroCredits charge(Admitted admitted, TokenUsage usage, boolean usageEstimated) {
        CreditLedger.Settlement settlement = ledger.settle(admitted.hold(), admitted.offer().model(),
                admitted.offer().provider(), usage, usageEstimated, admitted.offer().price());
        if (settings.waitForDurableCharge()) {
            awaitDurable(settlement.durable(), admitted.requestId());
        }
        return settlement.charge().charged();
    }

    private record Admitted(ModelOffer offer, CompletionProvider provider, RequestId requestId,
                            CreditLedger.Hold hold, UpstreamCall call) {
    }

    private void awaitDurable(CompletableFuture<UsageCharged> durable, RequestId requestId) {
        try {
            durable.get(settings.chargeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw chargeNotRecorded(requestId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw chargeNotRecorded(requestId, e);
        }
    }

    private static CompletionException chargeNotRecorded(RequestId requestId, Exception cause) {
        LOG.log(Level.SEVERE, "the charge of request " + requestId + " could not be confirmed as stored", cause);
        return new CompletionException(CompletionError.CHARGE_NOT_RECORDED,
                "The completion succeeded but its charge could not be recorded; request id " + requestId);
    }

    private static CompletionException translate(UpstreamException e) {
        return switch (e.kind()) {
            case REJECTED -> new CompletionException(CompletionError.UPSTREAM_REJECTED, e.getMessage(), e.status(),
                    e.retryAfter());
            case RATE_LIMITED -> new CompletionException(CompletionError.UPSTREAM_RATE_LIMITED, e.getMessage(),
                    e.status(), e.retryAfter());
            case UNAVAILABLE -> new CompletionException(CompletionError.UPSTREAM_UNAVAILABLE, e.getMessage(),
                    e.status(), e.retryAfter());
        };
    }
}
