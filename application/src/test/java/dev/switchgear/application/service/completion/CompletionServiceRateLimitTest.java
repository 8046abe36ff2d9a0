package dev.switchgear.application.service.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.AlwaysHealthy;
import dev.switchgear.application.fakes.CountingRateLimiter;
import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.ScriptedCompletionProvider;
import dev.switchgear.application.fakes.TestCatalogs;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import dev.switchgear.application.port.in.completion.RateLimitStatus;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.limit.TierRateLimits;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.SetRateLimits;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.Catalog;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The completion path with rate limits (ADR 0017), against the real ledger and a counting limiter. */
class CompletionServiceRateLimitTest {

    private static final byte[] BODY = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final long PROMPT_ESTIMATE = (BODY.length + 3) / 4;
    private static final int DEFAULT_OUTPUT = 50;

    private final Clock clock = Clock.systemUTC();
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, clock, 100);
    private final ScriptedCompletionProvider upstream = new ScriptedCompletionProvider("sim",
            call -> new UpstreamReply("{\"ok\":true}".getBytes(StandardCharsets.UTF_8), new TokenUsage(10, 20), false));
    private final Catalog catalog = TestCatalogs.of(TestCatalogs.model("echo", "sim", "echo-v2", 150_000, 600_000, 100));
    private final CountingRateLimiter limiter = new CountingRateLimiter();
    private final TierRateLimits tiers = new TierRateLimits(Map.of(
            Tier.FREE, new RateLimiter.Limits(2, 1_000),
            Tier.STARTER, new RateLimiter.Limits(100, 100_000),
            Tier.PROFESSIONAL, new RateLimiter.Limits(500, 500_000),
            Tier.ENTERPRISE, new RateLimiter.Limits(2_000, 2_000_000)));
    private final CompletionService service = new CompletionService(() -> catalog, List.of(upstream),
            new AlwaysHealthy(), ledger.admission(), ledger.settlement(), null, clock, UUID::randomUUID,
            new CompletionService.Settings(true, Duration.ofSeconds(5)), null,
            new RateLimitGate(limiter, ledger.standings(), tiers, DEFAULT_OUTPUT));
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

    private ChatRequest request(String model, Optional<Integer> maxTokens) {
        return new ChatRequest(model, maxTokens, Optional.empty(), BODY);
    }

    private long balance() {
        return ledger.standings().summary(account).orElseThrow().balance().value();
    }

    @Test
    void aRequestOverTheTiersRequestLimitIsRefusedWithItsBudgetsAndChargesNothing() {
        ChatCompletion first = service.complete(Caller.of(account), request("echo", Optional.empty()));
        assertThat(first.limits()).hasValue(new RateLimitStatus(2, 1, CountingRateLimiter.RESET, 1_000,
                1_000 - PROMPT_ESTIMATE - DEFAULT_OUTPUT, CountingRateLimiter.RESET));
        service.complete(Caller.of(account), request("echo", Optional.empty()));
        long balance = balance();
        int events = journal.payloads(account).size();

        assertThatThrownBy(() -> service.complete(Caller.of(account), request("echo", Optional.empty())))
                .isInstanceOfSatisfying(FailureWithRateLimits.class, e -> {
                    assertThat(e.failure()).isInstanceOfSatisfying(CompletionException.class, refusal -> {
                        assertThat(refusal.code()).isEqualTo(CompletionError.RATE_LIMITED_REQUESTS);
                        assertThat(refusal.retryAfter()).hasValue(CountingRateLimiter.RESET);
                        assertThat(refusal.getMessage()).isEqualTo("Rate limit reached for requests per minute (RPM)"
                                + " on account " + account + ": Limit 2, Used 2, Requested 1. Please try again in 30s.");
                    });
                    assertThat(e.limits().requestsRemaining()).isZero();
                    assertThat(e.limits().tokensRemaining()).isEqualTo(1_000 - 2 * 30);
                });
        assertThat(balance()).isEqualTo(balance);
        assertThat(journal.payloads(account)).hasSize(events);
        assertThat(upstream.calls()).hasSize(2);
    }

    @Test
    void theTokenReservationIsTheEstimateAndIsTruedUpToTheUsageCharged() {
        List<Long> reservedDuringTheCall = new ArrayList<>();
        upstream.answerWith(call -> {
            reservedDuringTheCall.add(limiter.tokensUsed(account));
            return new UpstreamReply("{}".getBytes(StandardCharsets.UTF_8), new TokenUsage(10, 20), false);
        });
        service.complete(Caller.of(account), request("echo", Optional.empty()));
        service.complete(Caller.of(account), request("echo", Optional.of(300)));

        assertThat(reservedDuringTheCall).containsExactly(PROMPT_ESTIMATE + DEFAULT_OUTPUT, 30 + PROMPT_ESTIMATE + 300);
        assertThat(limiter.tokensUsed(account)).isEqualTo(60);
    }

    @Test
    void aRequestWhoseEstimateTheTokenBudgetCannotCoverIsRefusedAsTokensAndTakesNoRequest() {
        assertThatThrownBy(() -> service.complete(Caller.of(account), request("echo", Optional.of(1_000))))
                .isInstanceOfSatisfying(FailureWithRateLimits.class, e -> assertThat(e.failure())
                        .isInstanceOfSatisfying(CompletionException.class, refusal -> {
                            assertThat(refusal.code()).isEqualTo(CompletionError.RATE_LIMITED_TOKENS);
                            assertThat(refusal.getMessage()).startsWith("Request too large for tokens per min (TPM)");
                        }));
        assertThat(limiter.requestsUsed(account)).isZero();
        assertThat(upstream.calls()).isEmpty();
    }

    @Test
    void refusalsBeforeTheUpstreamGiveEverythingBackAndCarryTheBudgets() {
        assertThatThrownBy(() -> service.complete(Caller.of(account), request("nope", Optional.empty())))
                .isInstanceOfSatisfying(FailureWithRateLimits.class, e -> {
                    assertThat(e.failure()).isInstanceOfSatisfying(CompletionException.class,
                            failure -> assertThat(failure.code()).isEqualTo(CompletionError.MODEL_NOT_FOUND));
                    assertThat(e.limits().requestLimit()).isEqualTo(2);
                });
        AccountId broke = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(broke, "b", Tier.FREE, clock.instant()));
        assertThatThrownBy(() -> service.complete(Caller.of(broke), request("echo", Optional.empty())))
                .isInstanceOfSatisfying(FailureWithRateLimits.class, e -> assertThat(e.failure())
                        .isInstanceOfSatisfying(CreditException.class,
                                failure -> assertThat(failure.code()).isEqualTo(CreditError.INSUFFICIENT_CREDITS)));

        assertThat(limiter.requestsUsed(account)).isZero();
        assertThat(limiter.tokensUsed(account)).isZero();
        assertThat(limiter.requestsUsed(broke)).isZero();
    }

    @Test
    void anUpstreamFailureKeepsItsRequestAndGivesItsTokensBack() {
        upstream.answerWith(call -> {
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, 503, "down", Optional.empty());
        });
        assertThatThrownBy(() -> service.complete(Caller.of(account), request("echo", Optional.empty())))
                .isInstanceOf(FailureWithRateLimits.class);
        assertThat(limiter.requestsUsed(account)).isEqualTo(1);
        assertThat(limiter.tokensUsed(account)).isZero();
    }

    @Test
    void theAdministratorsOverrideReplacesTheTiersLimit() {
        ledger.changes().execute(account, new SetRateLimits(account, 5, null, clock.instant()));
        for (int i = 0; i < 5; i++) {
            assertThat(service.complete(Caller.of(account), request("echo", Optional.empty())).limits().orElseThrow()
                    .requestLimit()).isEqualTo(5);
        }
        assertThatThrownBy(() -> service.complete(Caller.of(account), request("echo", Optional.empty())))
                .isInstanceOf(FailureWithRateLimits.class);
    }

    @Test
    void aStreamReportsItsBudgetsToTheSinkBeforeItsFirstChunkAndIsTruedUpToWhatItSent() {
        upstream.streamWith(List.of("{\"c\":1}", "{\"c\":2}"), 7, null);
        List<String> seen = new ArrayList<>();
        service.stream(Caller.of(account), request("echo", Optional.of(100)), new ChunkSink() {
            @Override
            public void rateLimits(RateLimitStatus limits) {
                seen.add("limits " + limits.requestsRemaining());
            }

            @Override
            public void chunk(byte[] chunkJson) {
                seen.add("chunk");
            }
        });
        assertThat(seen).startsWith("limits 1", "chunk");
        UsageCharged charge = (UsageCharged) journal.payloads(account).get(journal.payloads(account).size() - 1);
        assertThat(limiter.tokensUsed(account)).isEqualTo(charge.inputTokens() + charge.outputTokens());
    }

    @Test
    void aRetryOfAChargedRequestIsAnsweredByTheReplayAndCountsNothing() {
        ChatRequest named = new ChatRequest("echo", Optional.empty(), Optional.of(new RequestId("once")), BODY);
        service.complete(Caller.of(account), named);
        assertThatThrownBy(() -> service.complete(Caller.of(account), named))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.ANSWER_NOT_KEPT));
        assertThat(limiter.requestsUsed(account)).isEqualTo(1);
    }

    @Test
    void anUnknownAccountIsRefusedByTheLedgerWithoutBudgets() {
        AccountId unknown = AccountId.of(UUID.randomUUID());
        assertThatThrownBy(() -> service.complete(Caller.of(unknown), request("echo", Optional.empty())))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
    }

    @Test
    void durationsAreWrittenAsOpenAiWritesThem() {
        assertThat(RateLimitStatus.format(Duration.ofMillis(59_200))).isEqualTo("59.2s");
        assertThat(RateLimitStatus.format(Duration.ofMinutes(6))).isEqualTo("6m0s");
        assertThat(RateLimitStatus.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(RateLimitStatus.format(Duration.ofMillis(20))).isEqualTo("20ms");
        assertThat(RateLimitStatus.format(Duration.ofNanos(1))).isEqualTo("1ms");
        assertThat(RateLimitStatus.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(RateLimitStatus.format(Duration.ofMillis(61_005))).isEqualTo("1m1.005s");
        assertThat(RateLimitStatus.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(RateLimitStatus.format(Duration.ofMillis(1_050))).isEqualTo("1.05s");
        assertThat(RateLimitStatus.format(Duration.ofMillis(2_120))).isEqualTo("2.12s");
        assertThat(RateLimitStatus.format(Duration.ofMillis(3_999))).isEqualTo("3.999s");
    }
}
