package dev.switchgear.application.service.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.AlwaysHealthy;
import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.ScriptedCompletionProvider;
import dev.switchgear.application.fakes.TestCatalogs;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Charges you can replay (issue #11): a request the caller named keeps its answer with its charge,
 * and a retry under the same id gets that answer again — no second charge, no second upstream call.
 */
class KeptAnswerReplayTest {

    private static final byte[] BODY = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"ho\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final Instant[] now = {Instant.parse("2026-06-15T12:00:00Z")};
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now[0];
        }
    };
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, clock, 100);
    private final ScriptedCompletionProvider upstream = new ScriptedCompletionProvider("sim",
            call -> new UpstreamReply("{\"answer\":42}".getBytes(StandardCharsets.UTF_8), new TokenUsage(10, 20), false));
    private final Catalog catalog = TestCatalogs.of(TestCatalogs.model("echo", "sim", "echo", 150_000, 600_000, 100));
    private final CompletionService service = service(1 << 20);
    private AccountId account;

    private CompletionService service(long maxBytes) {
        return new CompletionService(() -> catalog, List.of(upstream), new AlwaysHealthy(), ledger.admission(),
                ledger.settlement(), journal, clock, UUID::randomUUID, new CompletionService.Settings(true,
                Duration.ofSeconds(5), 0, Duration.ofMinutes(1), Duration.ofHours(24), maxBytes), null);
    }

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

    private ChatRequest named(String id, byte[] body) {
        return new ChatRequest("echo", Optional.empty(), Optional.of(new RequestId(id)), body);
    }

    private long balance() {
        return ledger.standings().summary(account).orElseThrow().balance().value();
    }

    private long charges() {
        return journal.payloads(account).stream().filter(UsageCharged.class::isInstance).count();
    }

    @Test
    void aRetryGetsThePaidForAnswerAgainAndIsNotChargedTwice() {
        ChatCompletion first = service.complete(Caller.of(account), named("client-1", BODY));
        long after = balance();
        ChatCompletion again = service.complete(Caller.of(account), named("client-1", BODY));
        assertThat(again.replayed()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.charged()).isEqualTo(first.charged());
        assertThat(again.model()).isEqualTo("echo");
        assertThat(again.usage()).isEqualTo(new TokenUsage(10, 20));
        assertThat(balance()).isEqualTo(after);
        assertThat(charges()).isEqualTo(1);
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void aStreamIsReplayedChunkByChunk() {
        upstream.streamWith(List.of("{\"c\":1}", "{\"c\":2}", "{\"c\":3}"), 10, null);
        List<String> first = new ArrayList<>();
        List<RequestId> named = new ArrayList<>();
        StreamedCompletion streamed = service.stream(Caller.of(account), named("client-s", BODY), new Sink(first, named));
        List<String> again = new ArrayList<>();
        StreamedCompletion replayed = service.stream(Caller.of(account), named("client-s", BODY), new Sink(again, named));
        assertThat(again).isEqualTo(first).hasSize(3);
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.charged()).isEqualTo(streamed.charged());
        assertThat(named).containsExactly(new RequestId("client-s"), new RequestId("client-s"));
        assertThat(charges()).isEqualTo(1);
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void anIdReusedForAnotherRequestIsRefusedAndChargesNothing() {
        service.complete(Caller.of(account), named("client-2", BODY));
        long after = balance();
        assertThatThrownBy(() -> service.complete(Caller.of(account), named("client-2", OTHER)))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.REQUEST_ID_REUSED));
        upstream.streamWith(List.of("{}"), 1, null);
        assertThatThrownBy(() -> service.stream(Caller.of(account), named("client-2", BODY), chunk -> { }))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.REQUEST_ID_REUSED));
        assertThat(balance()).isEqualTo(after);
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void anAnswerIsKeptForItsTimeOnly() {
        service.complete(Caller.of(account), named("client-3", BODY));
        now[0] = now[0].plus(Duration.ofHours(25));
        assertThatThrownBy(() -> service.complete(Caller.of(account), named("client-3", BODY)))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.ANSWER_NOT_KEPT));
        assertThat(journal.purgeExpired(now[0])).isEqualTo(1);
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    void anAnswerLargerThanTheLimitIsNotKeptAndAnUnnamedOneNeverIs() {
        CompletionService small = service(4);
        small.complete(Caller.of(account), named("client-4", BODY));
        assertThatThrownBy(() -> small.complete(Caller.of(account), named("client-4", BODY)))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.ANSWER_NOT_KEPT));
        ChatCompletion unnamed = service.complete(Caller.of(account),
                new ChatRequest("echo", Optional.empty(), Optional.empty(), BODY));
        assertThat(journal.find(account, unnamed.requestId(), now[0])).isEmpty();
        assertThat(charges()).isEqualTo(2);
    }

    @Test
    void aStreamThatBrokeOffKeepsNoAnswer() {
        upstream.streamWith(List.of("{\"c\":1}"), 10, "the provider sim stopped sending");
        service.stream(Caller.of(account), named("client-5", BODY), chunk -> { });
        assertThatThrownBy(() -> service.stream(Caller.of(account), named("client-5", BODY), chunk -> { }))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.ANSWER_NOT_KEPT));
    }

    @Test
    void aRetryWhileTheFirstIsRunningIsToldItIsInProgress() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        upstream.answerWith(call -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new UpstreamReply("{\"answer\":42}".getBytes(StandardCharsets.UTF_8), new TokenUsage(10, 20), false);
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ChatCompletion> first = pool.submit(() -> service.complete(Caller.of(account), named("client-6", BODY)));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> service.complete(Caller.of(account), named("client-6", BODY)))
                    .isInstanceOfSatisfying(CreditException.class,
                            e -> assertThat(e.code()).isEqualTo(CreditError.REQUEST_IN_PROGRESS));
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).replayed()).isFalse();
            assertThat(service.complete(Caller.of(account), named("client-6", BODY)).replayed()).isTrue();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(charges()).isEqualTo(1);
    }

    /** Collects the chunks and the request ids announced before them. */
    private record Sink(List<String> chunks, List<RequestId> named)
            implements dev.switchgear.application.port.in.completion.ChunkSink {

        @Override
        public void admitted(RequestId requestId) {
            named.add(requestId);
        }

        @Override
        public void chunk(byte[] chunkJson) {
            chunks.add(new String(chunkJson, StandardCharsets.UTF_8));
        }
    }
}
