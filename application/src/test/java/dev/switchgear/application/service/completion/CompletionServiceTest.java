package dev.switchgear.application.service.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.AlwaysHealthy;
import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.TestCatalogs;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.ScriptedCompletionProvider;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompletionServiceTest {

    private static final ModelPrice PRICE = new ModelPrice(150_000, 600_000);
    private static final byte[] BODY = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, clock, 100);
    private final ScriptedCompletionProvider upstream = new ScriptedCompletionProvider("sim",
            call -> new UpstreamReply("{\"ok\":true}".getBytes(StandardCharsets.UTF_8), new TokenUsage(10, 20), false));
    /** At Precision (1.0×) on the Free tier (no markup), so charges are the list price; the factors have their own tests. */
    private final Catalog catalog = TestCatalogs.of(
            TestCatalogs.model("echo", "sim", "echo-v2", PRICE.inputPer1kTokens(), PRICE.outputPer1kTokens(), 100));
    private final CompletionService service = new CompletionService(
            () -> catalog, List.of(upstream),
            new AlwaysHealthy(), ledger.admission(), ledger.settlement(), UUID::randomUUID, new CompletionService.Settings(true, Duration.ofSeconds(5)),
            null);
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

    private ChatRequest request(String model) {
        return new ChatRequest(model, Optional.empty(), Optional.empty(), BODY);
    }

    private long balance() {
        return ledger.standings().summary(account).orElseThrow().balance().value();
    }

    @Test
    void chargesTheActualUsageAtTheModelsPriceAndSendsTheDefaultOutputCap() {
        ChatCompletion completion = service.complete(Caller.of(account), request("echo"));

        long cost = (10 * 150_000 + 20 * 600_000) / 1000;
        assertThat(completion.charged()).isEqualTo(MicroCredits.of(cost));
        assertThat(balance()).isEqualTo(1_000_000 - cost);
        assertThat(journal.payloads(account)).last().isInstanceOfSatisfying(UsageCharged.class, e -> {
            assertThat(e.model()).isEqualTo("echo");
            assertThat(e.provider()).isEqualTo("sim");
            assertThat(e.requestId()).isEqualTo(completion.requestId());
        });
        assertThat(upstream.calls().get(0).upstreamModel()).isEqualTo("echo-v2");
        assertThat(upstream.calls().get(0).defaultMaxOutputTokens()).isEqualTo(100);
    }

    /** Issue #15: the charge records the id of the API key that made the request, and no key for anyone else. */
    @Test
    void theChargeRecordsTheCallersKeyIdAndNoKeyForASignedInUser() {
        service.complete(Caller.withKey(account, "ci-runner"), request("echo"));
        assertThat(journal.payloads(account)).last().isInstanceOfSatisfying(UsageCharged.class,
                e -> assertThat(e.apiKeyId()).isEqualTo("ci-runner"));
        service.stream(Caller.withKey(account, "laptop"), request("echo"), chunk -> { });
        assertThat(journal.payloads(account)).last().isInstanceOfSatisfying(UsageCharged.class,
                e -> assertThat(e.apiKeyId()).isEqualTo("laptop"));
        service.complete(Caller.signedIn(account, false), request("echo"));
        assertThat(journal.payloads(account)).last().isInstanceOfSatisfying(UsageCharged.class,
                e -> assertThat(e.apiKeyId()).isNull());
        service.complete(Caller.of(account), request("echo"));
        assertThat(journal.payloads(account)).last().isInstanceOfSatisfying(UsageCharged.class,
                e -> assertThat(e.apiKeyId()).isNull());
    }

    /**
     * ADR 0023: a 1-hour cache write costs 2× the input rate and reasoning (in this price) 2× the
     * output rate, so admission must hold the worst case at those rates, or such a call could cost
     * more than was held.
     */
    @Test
    void theHoldCoversACallWhosePromptIsAllOneHourCacheWritesAndWhoseOutputIsAllReasoning() {
        Catalog withParts = TestCatalogs.of(new CatalogModel("parts", "sim", "parts-v1", 1_000_000, 2_000_000,
                128_000, 100, Tier.FREE, null, 60, null, 100_000L, 1_250_000L, 2_000_000L, 4_000_000L));
        CompletionService partsService = new CompletionService(() -> withParts, List.of(upstream), new AlwaysHealthy(),
                ledger.admission(), ledger.settlement(), UUID::randomUUID,
                new CompletionService.Settings(true, Duration.ofSeconds(5)), null);
        upstream.answerWith(call -> new UpstreamReply("{\"ok\":true}".getBytes(StandardCharsets.UTF_8),
                new TokenUsage(BODY.length, 100, 0, 0, BODY.length, 100), false));
        // worst case: every body byte a 1-hour write, the default cap of 100 output tokens all reasoning
        long worst = -Math.floorDiv(-(BODY.length * 2_000_000L + 100 * 4_000_000L), 1000L);
        AccountId exact = fundedAtPrecision(worst);
        AccountId short1 = fundedAtPrecision(worst - 1);

        assertThatThrownBy(() -> partsService.complete(Caller.of(short1), request("parts")))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.INSUFFICIENT_CREDITS));
        ChatCompletion completion = partsService.complete(Caller.of(exact), request("parts"));

        assertThat(completion.charged()).isEqualTo(MicroCredits.of(worst));
        assertThat(journal.payloads(exact)).filteredOn(UsageCharged.class::isInstance).singleElement()
                .isInstanceOfSatisfying(UsageCharged.class, e -> {
            assertThat(e.uncollected()).isEqualTo(MicroCredits.ZERO);
            assertThat(e.cacheWrite1hTokens()).isEqualTo(BODY.length);
            assertThat(e.reasoningPricePer1kTokens()).isEqualTo(4_000_000);
        });
        assertThat(ledger.standings().summary(exact).orElseThrow().balance()).isEqualTo(MicroCredits.ZERO);
    }

    private AccountId fundedAtPrecision(long micros) {
        AccountId id = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(id, "parts", Tier.FREE, clock.instant()));
        ledger.changes().execute(id, new GrantCredits(id, MicroCredits.of(micros), "seed", clock.instant()));
        ledger.changes().execute(id, new ChoosePowerLevel(id, PowerLevel.PRECISION, clock.instant()));
        return id;
    }

    @Test
    void anUpstreamFailureReleasesTheHoldAndChargesNothing() {
        upstream.answerWith(call -> {
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, 503, "down", Optional.empty());
        });
        assertThatThrownBy(() -> service.complete(Caller.withKey(account, "ci"), request("echo")))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.UPSTREAM_UNAVAILABLE));
        assertThat(balance()).isEqualTo(1_000_000);
        assertThat(ledger.standings().summary(account).orElseThrow().reserved()).isEqualTo(MicroCredits.ZERO);
        // the set-up's three events and the failure, recorded without a charge (written by the next batch)
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (journal.payloads(account).size() < 4 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(journal.payloads(account)).hasSize(4).last().isInstanceOfSatisfying(RequestFailed.class, f -> {
            assertThat(f.requestedModel()).isEqualTo("echo");
            assertThat(f.apiKeyId()).isEqualTo("ci");
            assertThat(f.byok()).isFalse();
            assertThat(f.error()).isEqualTo("upstream_unavailable");
            assertThat(f.attempts()).extracting(RoutingTrace.Attempt::outcome).containsExactly("unavailable 503");
        });
        assertThat(journal.payloads(account)).noneMatch(UsageCharged.class::isInstance);
    }

    @Test
    void aRequestThatFailsAfterItWasChargedRecordsNoFailure() {
        ledger.close();
        // the charge cannot be stored (the writer is closed): the request fails, but its hold was settled, not failed
        assertThatThrownBy(() -> service.complete(Caller.of(account), request("echo")))
                .isInstanceOf(RuntimeException.class);
        assertThat(journal.payloads(account)).noneMatch(RequestFailed.class::isInstance);
    }

    @Test
    void unknownModelsAreNotFound() {
        for (String model : List.of("gpt-17", "orphan")) {
            assertThatThrownBy(() -> service.complete(Caller.of(account), request(model)))
                    .isInstanceOfSatisfying(CompletionException.class,
                            e -> assertThat(e.code()).isEqualTo(CompletionError.MODEL_NOT_FOUND));
        }
        assertThat(upstream.calls()).isEmpty();
    }

    @Test
    void aRequestThatCouldCostMoreThanTheBalanceNeverReachesTheUpstream() {
        AccountId poor = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(poor, "p", Tier.FREE, clock.instant()));
        assertThatThrownBy(() -> service.complete(Caller.of(poor), request("echo")))
                .isInstanceOfSatisfying(CreditException.class,
                        e -> assertThat(e.code()).isEqualTo(CreditError.INSUFFICIENT_CREDITS));
        assertThat(upstream.calls()).isEmpty();
    }

    @Test
    void aChargeThatCannotBeStoredIsReportedNotSwallowed() {
        journal.failNextAppends(1);
        assertThatThrownBy(() -> service.complete(Caller.of(account), request("echo")))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.CHARGE_NOT_RECORDED));
        assertThat(balance()).isEqualTo(1_000_000);
    }

    @Test
    void aRepeatedRequestIdIsChargedOnce() {
        ChatRequest once = new ChatRequest("echo", Optional.of(5), Optional.of(new RequestId("client-42")), BODY);
        service.complete(Caller.of(account), once);
        long after = balance();
        // this service keeps no answers (KeptAnswerReplayTest has one that does): the retry is told it was charged
        assertThatThrownBy(() -> service.complete(Caller.of(account), once))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.ANSWER_NOT_KEPT));
        assertThat(balance()).isEqualTo(after);
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void theAdminKeyCannotSpend() {
        assertThatThrownBy(() -> service.complete(Caller.administrator(), request("echo")))
                .isInstanceOf(IdentityException.class);
    }

    @Test
    void aStreamIsChargedForEveryChunkItProduced() {
        upstream.streamWith(List.of("a", "b", "c"), 10, null);
        List<String> received = new java.util.ArrayList<>();

        var streamed = service.stream(Caller.of(account), request("echo"),
                chunk -> received.add(new String(chunk, StandardCharsets.UTF_8)));

        assertThat(received).containsExactly("a", "b", "c");
        long cost = -Math.floorDiv(-(10 * 150_000L + 3 * 600_000L), 1000);
        assertThat(streamed.charged()).isEqualTo(MicroCredits.of(cost));
        assertThat(streamed.usageEstimated()).isFalse();
        assertThat(balance()).isEqualTo(1_000_000 - cost);
    }

    @Test
    void aCallerWhoLeavesMidStreamPaysForWhatWasProducedAndNoMore() {
        upstream.streamWith(List.of("a", "b", "c", "d"), 10, null);
        int[] seen = {0};

        var streamed = service.stream(Caller.of(account), request("echo"), chunk -> {
            if (++seen[0] == 3) {
                throw new dev.switchgear.application.port.in.completion.ClientGoneException();
            }
        });

        assertThat(streamed.usage()).isEqualTo(new TokenUsage(10, 2));
        assertThat(streamed.usageEstimated()).isTrue();
        assertThat(journal.payloads(account)).last().isInstanceOfSatisfying(UsageCharged.class,
                e -> assertThat(e.usageEstimated()).isTrue());
        assertThat(ledger.standings().summary(account).orElseThrow().reserved()).isEqualTo(MicroCredits.ZERO);
    }

    @Test
    void anUpstreamThatBreaksOffMidStreamIsChargedForWhatItSentAndTheFailureReported() {
        upstream.streamWith(List.of("a"), 10, "the provider sim stopped sending");

        var streamed = service.stream(Caller.of(account), request("echo"), chunk -> { });

        assertThat(streamed.failure()).contains("the provider sim stopped sending");
        assertThat(streamed.charged().isPositive()).isTrue();
        assertThat(balance()).isEqualTo(1_000_000 - streamed.charged().value());
    }
}
