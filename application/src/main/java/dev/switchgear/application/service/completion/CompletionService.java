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
import dev.switchgear.application.port.out.completion.UpstreamCredential;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.domain.credit.api.AccountId;
import dev.switchgear.domain.credit.api.RequestId;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
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
    private final ByokKeys byok;

    /**
     * @param waitForDurableCharge answer only after the charge is committed (the default for money);
     *                             when false, a crash can lose the charges of the last commit window
     * @param chargeTimeout        how long an answer waits for its charge to commit
     */
    public record Settings(boolean waitForDurableCharge, Duration chargeTimeout, int byokFeeBasisPoints) {

        public Settings(boolean waitForDurableCharge, Duration chargeTimeout) {
            this(waitForDurableCharge, chargeTimeout, 0);
        }

        public Settings {
            if (byokFeeBasisPoints < 0 || byokFeeBasisPoints > 10_000) {
                throw new IllegalArgumentException("the BYOK fee is 0 to 10000 basis points of the model's price");
            }
        }
    }

    /** Models named {@code custom/<model>} go to the caller's own OpenAI-compatible endpoint. */
    public static final String CUSTOM_PREFIX = "custom/";
    private static final String CUSTOM_PROVIDER = "custom";
    private static final int CUSTOM_DEFAULT_MAX_OUTPUT = 4096;

    public CompletionService(ModelCatalog catalog, Collection<CompletionProvider> providers, CreditLedger ledger,
                             Supplier<UUID> ids, Settings settings) {
        this(catalog, providers, ledger, ids, settings, null);
    }

    /** @param byok the callers' own provider keys; null when BYOK is not offered */
    public CompletionService(ModelCatalog catalog, Collection<CompletionProvider> providers, CreditLedger ledger,
                             Supplier<UUID> ids, Settings settings, ByokKeys byok) {
        this.byok = byok;
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
        UpstreamCredential own = admitted.call().credential();
        return new StreamedCompletion(admitted.requestId(), outcome.usage(), outcome.usageEstimated(), charged,
                own == null ? outcome.failure() : outcome.failure().map(own::scrub));
    }

    /**
     * Every catalog model whose provider can be called for this caller: with the platform's key, or
     * with a key of the caller's own. The tier filter comes with routing (#4).
     */
    @Override
    public java.util.List<AvailableModel> models(Caller caller) {
        return catalog.all().stream()
                .filter(o -> providers.containsKey(o.provider()))
                .filter(o -> providers.get(o.provider()).hasPlatformCredential() || (byok != null
                        && caller.accountId().map(a -> byok.holds(a, o.provider())).orElse(false)))
                .map(o -> new AvailableModel(o.model(), o.provider()))
                .toList();
    }

    /** Finds the model, holds the request's worst-case cost, and prepares the upstream call. */
    private Admitted admit(Caller caller, ChatRequest request) {
        AccountId accountId = caller.account();
        ModelOffer offer = offer(request.model());
        CompletionProvider provider = providers.get(offer.provider());
        Optional<UpstreamCredential> own = byok != null && request.preferByok()
                ? byok.credentialFor(accountId, offer.provider()) : Optional.empty();
        if (own.isEmpty() && !provider.hasPlatformCredential()) {
            throw new CompletionException(CompletionError.OWN_KEY_REQUIRED, "The model `" + request.model()
                    + "` is available only with your own " + offer.provider() + " key; add one with POST "
                    + "/api/v1/byok/keys/add" + (request.preferByok() ? "" : " and do not send X-Prefer-BYOK: false"));
        }
        ModelPrice price = own.isPresent() ? byokPrice(offer.price()) : offer.price();
        RequestId requestId = request.requestId().orElseGet(() -> new RequestId("chatcmpl-" + ids.get()));
        int maxOutput = request.maxOutputTokens().orElse(offer.defaultMaxOutputTokens());
        MicroCredits estimate = price.costOf(new TokenUsage(request.body().length, maxOutput));
        CreditLedger.Hold hold = ledger.admit(accountId, requestId, estimate, own.isPresent());
        UpstreamCall call = new UpstreamCall(offer.upstreamModel(), request.body(),
                request.maxOutputTokens().isPresent() ? null : maxOutput, request.usageChunkForCaller(),
                own.orElse(null));
        return new Admitted(offer, provider, requestId, hold, call, price);
    }

    private ModelOffer offer(String model) {
        if (model.startsWith(CUSTOM_PREFIX) && model.length() > CUSTOM_PREFIX.length()
                && providers.containsKey(CUSTOM_PROVIDER)) {
            return new ModelOffer(model, CUSTOM_PROVIDER, model.substring(CUSTOM_PREFIX.length()), ModelPrice.FREE,
                    CUSTOM_DEFAULT_MAX_OUTPUT);
        }
        return catalog.find(model)
                .filter(o -> providers.containsKey(o.provider()))
                .orElseThrow(() -> new CompletionException(CompletionError.MODEL_NOT_FOUND,
                        "The model `" + model + "` does not exist or is not available"));
    }

    /** The price of a call on the caller's own key: the configured fee's share of the model's price. */
    private ModelPrice byokPrice(ModelPrice list) {
        int bp = settings.byokFeeBasisPoints();
        return bp == 0 ? ModelPrice.FREE : new ModelPrice(
                -Math.floorDiv(-Math.multiplyExact(list.inputPer1kTokens(), (long) bp), 10_000L),
                -Math.floorDiv(-Math.multiplyExact(list.outputPer1kTokens(), (long) bp), 10_000L));
    }

    /** Calls the provider; if it fails, gives the hold back (nothing was used) and maps the failure. */
    private <T> T upstream(Admitted admitted, Function<CompletionProvider, T> call) {
        try {
            return call.apply(admitted.provider());
        } catch (UpstreamException e) {
            ledger.release(admitted.hold());
            throw translate(e, admitted.call().credential());
        } catch (RuntimeException e) {
            ledger.release(admitted.hold());
            throw e;
        }
    }

    /** Settles the hold at the actual usage; by default returns only once the charge is durable. */
    private MicroCredits charge(Admitted admitted, TokenUsage usage, boolean usageEstimated) {
        CreditLedger.Settlement settlement = ledger.settle(admitted.hold(), admitted.offer().model(),
                admitted.offer().provider(), usage, usageEstimated, admitted.price(),
                admitted.call().credential() != null);
        if (settings.waitForDurableCharge()) {
            awaitDurable(settlement.durable(), admitted.requestId());
        }
        return settlement.charge().charged();
    }

    private record Admitted(ModelOffer offer, CompletionProvider provider, RequestId requestId,
                            CreditLedger.Hold hold, UpstreamCall call, ModelPrice price) {
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

    private static CompletionException translate(UpstreamException e, UpstreamCredential own) {
        String message = own == null ? e.getMessage() : own.scrub(e.getMessage());
        return switch (e.kind()) {
            case REJECTED -> new CompletionException(CompletionError.UPSTREAM_REJECTED, message, e.status(),
                    e.retryAfter());
            case RATE_LIMITED -> new CompletionException(CompletionError.UPSTREAM_RATE_LIMITED, message,
                    e.status(), e.retryAfter());
            case UNAVAILABLE -> new CompletionException(CompletionError.UPSTREAM_UNAVAILABLE, message,
                    e.status(), e.retryAfter());
        };
    }
}
