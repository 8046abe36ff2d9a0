package dev.switchgear.application.service.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.AlwaysHealthy;
import dev.switchgear.application.fakes.CountingRateLimiter;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.application.service.limit.TierRateLimits;
import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.ScriptedCompletionProvider;
import dev.switchgear.application.fakes.TestCatalogs;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embeddings and the legacy completions on the completion path (ADR 0022): charged like any call,
 * sent to a model only if it serves the endpoint, embeddings never to another model.
 */
class CompletionServiceEndpointsTest {

    private static final byte[] EMBED = "{\"model\":\"embed\",\"input\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PROMPT = "{\"model\":\"instruct\",\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, clock, 100);
    private final List<UpstreamCall> embedCalls = new ArrayList<>();
    private volatile UpstreamException embedFailure;
    private final ScriptedCompletionProvider upstream = new ScriptedCompletionProvider("sim",
            call -> new UpstreamReply("{\"ok\":true}".getBytes(StandardCharsets.UTF_8), new TokenUsage(10, 20), false)) {
        @Override
        public UpstreamReply embed(UpstreamCall call) {
            synchronized (embedCalls) {
                embedCalls.add(call);
            }
            if (embedFailure != null) {
                throw embedFailure;
            }
            return new UpstreamReply("{\"object\":\"list\"}".getBytes(StandardCharsets.UTF_8), new TokenUsage(1_234, 0),
                    false);
        }
    };
    private static final CatalogModel CHAT = TestCatalogs.model("chat", "sim", "chat-v1", 150_000, 600_000, 100);
    private static final CatalogModel INSTRUCT = TestCatalogs.model("instruct", "sim", "instruct-v1", 1_500_000,
            2_000_000, 50).withEndpoints(EnumSet.of(Endpoint.CHAT, Endpoint.COMPLETIONS));
    private static final CatalogModel EMBED_MODEL = new CatalogModel("embed", "sim", "embed-v3", 20_000, 0, 8_191, 0,
            Tier.FREE, Set.of(), 60, Set.of(), Set.of(Endpoint.EMBEDDINGS));
    private static final CatalogModel OTHER_EMBED = new CatalogModel("embed-2", "sim", "embed-v4", 10_000, 0, 8_191, 0,
            Tier.FREE, Set.of(), 60, Set.of(), Set.of(Endpoint.EMBEDDINGS));
    /** "embed" has a chain under its id naming another embedding model: it must not be used. */
    private final Catalog catalog = TestCatalogs.of(List.of(CHAT, INSTRUCT, EMBED_MODEL, OTHER_EMBED),
            Map.of("embed", List.of("embed-2"), "vectors", List.of("embed", "embed-2")), 3);
    private final CompletionService service = new CompletionService(() -> catalog, List.of(upstream),
            new AlwaysHealthy(), ledger.admission(), ledger.settlement(), UUID::randomUUID,
            new CompletionService.Settings(true, Duration.ofSeconds(5)), null);
    private AccountId account;

    @BeforeEach
    void openAccount() {
        account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "t", Tier.FREE, clock.instant()));
        ledger.changes().execute(account, new GrantCredits(account, MicroCredits.of(1_000_000), "seed", clock.instant()));
        ledger.changes().execute(account, new ChoosePowerLevel(account, PowerLevel.PRECISION, clock.instant()));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private long balance() {
        return ledger.standings().summary(account).orElseThrow().balance().value();
    }

    private static ChatRequest embeddings(String model) {
        return ChatRequest.embeddings(model, Optional.empty(), EMBED, true, Optional.empty());
    }

    @Test
    void embeddingsAreChargedForTheirInputTokensAtTheModelsPriceSendingNoOutputCap() {
        ChatCompletion answer = service.embed(Caller.of(account), embeddings("embed"));

        long cost = -Math.floorDiv(-1_234L * 20_000, 1000); // 24,680: input tokens only, rounded up
        assertThat(answer.charged()).isEqualTo(MicroCredits.of(cost));
        assertThat(balance()).isEqualTo(1_000_000 - cost);
        assertThat(answer.requestId().value()).startsWith("embd-");
        assertThat(embedCalls).singleElement().satisfies(call -> {
            assertThat(call.upstreamModel()).isEqualTo("embed-v3");
            assertThat(call.endpoint()).isEqualTo(Endpoint.EMBEDDINGS);
            assertThat(call.defaultMaxOutputTokens()).isNull();
        });
        assertThat(journal.payloads(account)).last().isInstanceOfSatisfying(UsageCharged.class, e -> {
            assertThat(e.model()).isEqualTo("embed");
            assertThat(e.outputTokens()).isZero();
            assertThat(e.inputTokens()).isEqualTo(1_234);
        });
    }

    @Test
    void embeddingsAreChargedOncePerRequestId() {
        ChatRequest named = ChatRequest.embeddings("embed", Optional.of(new RequestId("embed-once")), EMBED, true,
                Optional.empty());
        service.embed(Caller.of(account), named);
        long after = balance();
        assertThatThrownBy(() -> service.embed(Caller.of(account), named)).isInstanceOf(RuntimeException.class);
        assertThat(balance()).isEqualTo(after);
        assertThat(embedCalls).hasSize(1);
    }

    @Test
    void aFailedEmbeddingNeverFallsBackToAnotherModelAndChargesNothing() {
        embedFailure = new UpstreamException(UpstreamException.Kind.UNAVAILABLE, 503, "down", Optional.empty());
        assertThatThrownBy(() -> service.embed(Caller.of(account), embeddings("embed")))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.UPSTREAM_UNAVAILABLE));
        assertThat(embedCalls).as("the chain under its id names embed-2; vectors of two models do not compare")
                .singleElement().satisfies(call -> assertThat(call.upstreamModel()).isEqualTo("embed-v3"));
        assertThat(balance()).isEqualTo(1_000_000);
        assertThat(ledger.standings().summary(account).orElseThrow().reserved()).isEqualTo(MicroCredits.ZERO);
    }

    @Test
    void embeddingsNeedANamedModelNotAPowerLevelOrAChain() {
        for (String model : List.of("auto", "eco", "vectors")) {
            assertThatThrownBy(() -> service.embed(Caller.of(account), embeddings(model)))
                    .as(model).isInstanceOfSatisfying(CompletionException.class,
                            e -> assertThat(e.code()).isEqualTo(CompletionError.MODEL_NOT_SUPPORTED_FOR_ENDPOINT));
        }
        assertThat(embedCalls).isEmpty();
        assertThat(balance()).isEqualTo(1_000_000);
    }

    @Test
    void aModelNamedForAnEndpointItDoesNotServeIsRefusedBeforeAnythingIsHeldOrSent() {
        assertThatThrownBy(() -> service.embed(Caller.of(account), embeddings("chat")))
                .isInstanceOfSatisfying(CompletionException.class, e -> {
                    assertThat(e.code()).isEqualTo(CompletionError.MODEL_NOT_SUPPORTED_FOR_ENDPOINT);
                    assertThat(e.getMessage()).contains("/v1/embeddings").contains("chat.completions");
                });
        assertThatThrownBy(() -> service.complete(Caller.of(account), new ChatRequest("embed", Optional.empty(),
                Optional.empty(), PROMPT)))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.MODEL_NOT_SUPPORTED_FOR_ENDPOINT));
        assertThatThrownBy(() -> service.complete(Caller.of(account), completions("chat")))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.MODEL_NOT_SUPPORTED_FOR_ENDPOINT));
        assertThat(upstream.calls()).isEmpty();
        assertThat(embedCalls).isEmpty();
        assertThat(balance()).isEqualTo(1_000_000);
        assertThat(journal.payloads(account)).as("only the three events of the set-up").hasSize(3);
    }

    private static ChatRequest completions(String model) {
        return new ChatRequest(model, Optional.empty(), Optional.empty(), PROMPT, false, true, Optional.empty(),
                Set.of(), Endpoint.COMPLETIONS);
    }

    @Test
    void legacyCompletionsAreChargedExactlyLikeChatAndTellTheProviderTheirEndpoint() {
        ChatCompletion answer = service.complete(Caller.of(account), completions("instruct"));

        long cost = (10 * 1_500_000L + 20 * 2_000_000L) / 1000;
        assertThat(answer.charged()).isEqualTo(MicroCredits.of(cost));
        assertThat(balance()).isEqualTo(1_000_000 - cost);
        assertThat(answer.requestId().value()).startsWith("cmpl-");
        assertThat(upstream.calls()).singleElement().satisfies(call -> {
            assertThat(call.endpoint()).isEqualTo(Endpoint.COMPLETIONS);
            assertThat(call.upstreamModel()).isEqualTo("instruct-v1");
            assertThat(call.defaultMaxOutputTokens()).isEqualTo(50);
        });
    }

    @Test
    void embeddingsReserveTheirInputAloneOnTheRateLimitsAndAreTruedUpToWhatTheyUsed() {
        CountingRateLimiter limiter = new CountingRateLimiter();
        TierRateLimits tiers = new TierRateLimits(Map.of(
                Tier.FREE, new RateLimiter.Limits(2, 1_000_000),
                Tier.STARTER, new RateLimiter.Limits(100, 100_000),
                Tier.PROFESSIONAL, new RateLimiter.Limits(500, 500_000),
                Tier.ENTERPRISE, new RateLimiter.Limits(2_000, 2_000_000)));
        CompletionService limited = new CompletionService(() -> catalog, List.of(upstream), new AlwaysHealthy(),
                ledger.admission(), ledger.settlement(), null, clock, UUID::randomUUID,
                new CompletionService.Settings(true, Duration.ofSeconds(5)), null,
                new RateLimitGate(limiter, ledger.standings(), tiers, 4_096));

        ChatCompletion first = limited.embed(Caller.of(account), embeddings("embed"));
        assertThat(first.limits()).as("reserved: the body's bytes / 4, and no output (not the 4,096 default)")
                .hasValueSatisfying(status -> assertThat(status.tokensRemaining())
                        .isEqualTo(1_000_000 - (EMBED.length + 3) / 4));
        assertThat(limiter.tokensUsed(account)).as("trued up to the input tokens, no output").isEqualTo(1_234);
        limited.embed(Caller.of(account), embeddings("embed"));
        long balance = balance();
        assertThatThrownBy(() -> limited.embed(Caller.of(account), embeddings("embed")))
                .isInstanceOf(FailureWithRateLimits.class);
        assertThat(embedCalls).hasSize(2);
        assertThat(balance()).isEqualTo(balance);
    }

    @Test
    void aRankedLegacyCompletionGoesOnlyToAModelServingIt() {
        service.complete(Caller.of(account), completions("auto"));
        assertThat(upstream.calls()).singleElement().satisfies(call ->
                assertThat(call.upstreamModel()).isEqualTo("instruct-v1"));
    }
}
