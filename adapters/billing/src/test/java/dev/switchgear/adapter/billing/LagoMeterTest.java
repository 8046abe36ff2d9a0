package dev.switchgear.adapter.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchgear.application.port.out.billing.MeteringLog;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LagoMeter}'s handler run directly against a stand-in for Lago's
 * {@code POST /api/v1/events/batch}: the events it sends, one call per unit of work (at most 100 per
 * call) at prepare-commit, and failures that propagate so the processor rolls back and retries.
 */
class LagoMeterTest {

    private static final String API_KEY = "lago_module_test_api_key_0123456789";
    private static final String BATCH = "/api/v1/events/batch";
    private static final AccountId ACCOUNT = AccountId.of(UUID.fromString("6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b"));
    private static final Instant CHARGED_AT = Instant.parse("2026-12-01T20:15:30.250Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WireMockServer LAGO = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void start() {
        LAGO.start();
    }

    @AfterAll
    static void stop() {
        LAGO.stop();
    }

    @BeforeEach
    void reset() {
        LAGO.resetAll();
    }

    private static LagoMeter meter() {
        return new LagoMeter(URI.create(LAGO.baseUrl()), API_KEY, "llm_tokens", JSON);
    }

    private static void lagoAccepts() {
        LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"events\":[]}")));
    }

    private static UsageCharged charge(String requestId, long input, long output, long charged, boolean byok) {
        return new UsageCharged(ACCOUNT, new RequestId(requestId), "gpt-4o-mini", "openai", input, output, false,
                150, 600, MicroCredits.of(charged), MicroCredits.of(charged), MicroCredits.ZERO,
                MicroCredits.of(9_000_000), CHARGED_AT, byok, 10_000, 0, null);
    }

    @Test
    void outsideAUnitOfWorkAChargeIsSentAtOnceAsOneLagoEvent() throws Exception {
        lagoAccepts();

        meter().on(charge("req_01HX", 1200, 300, 4_500, false));

        LAGO.verify(1, postRequestedFor(urlEqualTo(BATCH))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer " + API_KEY))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "application/json"))
                .withRequestBody(equalToJson("""
                        {"events":[{"transaction_id":"req_01HX","external_subscription_id":"%s",
                          "code":"llm_tokens","timestamp":%d,
                          "properties":{"tokens":1500,"input_tokens":1200,"output_tokens":300,"provider":"openai",
                            "model":"gpt-4o-mini","byok_used":false,"charged_micro_credits":4500}}]}"""
                        .formatted(ACCOUNT.value(), CHARGED_AT.getEpochSecond()))));
    }

    @Test
    void theBatchEndpointIsFoundUnderABaseUrlWithAPathWithOrWithoutItsSlash() throws Exception {
        LAGO.stubFor(post(urlEqualTo("/lago" + BATCH)).willReturn(aResponse().withStatus(200)));

        new LagoMeter(URI.create(LAGO.baseUrl() + "/lago"), API_KEY, "llm_tokens", JSON)
                .on(charge("req_a", 1, 1, 1, false));
        new LagoMeter(URI.create(LAGO.baseUrl() + "/lago/"), API_KEY, "llm_tokens", JSON)
                .on(charge("req_b", 1, 1, 1, false));

        LAGO.verify(2, postRequestedFor(urlEqualTo("/lago" + BATCH)));
        LAGO.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void theChargesOfOneUnitOfWorkGoInOneCallWhenItCommitsInTheirOrder() throws Exception {
        lagoAccepts();
        LagoMeter meter = meter();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));

        meter.on(charge("req_1", 10, 5, 100, false));
        meter.on(charge("req_2", 20, 5, 200, false));
        meter.on(charge("req_3", 30, 5, 300, false));
        assertThat(LAGO.findAll(anyRequestedFor(anyUrl()))).as("nothing is sent before the commit").isEmpty();
        unitOfWork.commit();

        List<JsonNode> batches = batches();
        assertThat(batches).hasSize(1);
        assertThat(transactionIds(batches.get(0))).containsExactly("req_1", "req_2", "req_3");
        assertThat(batches.get(0).at("/events/2/properties/tokens").asLong()).isEqualTo(35);
    }

    @Test
    void theChargesOfABatchLagoTookAreRecordedInTheMeteringLogAtItsCommit() throws Exception {
        lagoAccepts();
        List<MeteringLog.MeteredCharge> log = new ArrayList<>();
        LagoMeter meter = new LagoMeter(URI.create(LAGO.baseUrl()), API_KEY, "llm_tokens", JSON, recordingInto(log));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));

        meter.on(charge("req_1", 10, 5, 100, false));
        meter.on(charge("req_2", 20, 5, 200, true));
        assertThat(log).as("nothing is recorded before the commit").isEmpty();
        unitOfWork.commit();

        assertThat(log).extracting(c -> c.requestId().value(), MeteringLog.MeteredCharge::tokens,
                        c -> c.charged().value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("req_1", 15L, 100L),
                        org.assertj.core.groups.Tuple.tuple("req_2", 25L, 200L));
        assertThat(log).allSatisfy(c -> {
            assertThat(c.accountId()).isEqualTo(ACCOUNT);
            assertThat(c.chargedAt()).isEqualTo(CHARGED_AT);
        });
    }

    @Test
    void aBatchLagoRefusedIsNotRecordedInTheMeteringLog() throws Exception {
        LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(503)));
        List<MeteringLog.MeteredCharge> log = new ArrayList<>();
        LagoMeter meter = new LagoMeter(URI.create(LAGO.baseUrl()), API_KEY, "llm_tokens", JSON, recordingInto(log));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        meter.on(charge("req_1", 1, 1, 1, false));

        assertThat(catchThrowable(unitOfWork::commit)).isInstanceOf(LagoMeter.LagoUnavailable.class);
        assertThat(log).isEmpty();
    }

    private static MeteringLog recordingInto(List<MeteringLog.MeteredCharge> log) {
        return new MeteringLog() {
            @Override
            public void recordMetered(List<MeteredCharge> charges) {
                log.addAll(charges);
            }

            @Override
            public MeteredTotals metered(AccountId accountId) {
                throw new UnsupportedOperationException("the meter only writes");
            }
        };
    }

    @Test
    void moreThanAHundredChargesAreSplitIntoCallsOfAtMostAHundred() throws Exception {
        lagoAccepts();
        LagoMeter meter = meter();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> "req_" + i).toList();

        for (String id : ids) {
            meter.on(charge(id, 1, 1, 1, false));
        }
        unitOfWork.commit();

        List<JsonNode> batches = batches();
        assertThat(batches).extracting(b -> b.path("events").size()).containsExactly(100, 100, 50);
        List<String> sent = new ArrayList<>();
        batches.forEach(b -> sent.addAll(transactionIds(b)));
        assertThat(sent).containsExactlyElementsOf(ids);
    }

    @Test
    void byokAndZeroChargesAreMeteredTooMarkedAsSuch() throws Exception {
        lagoAccepts();

        meter().on(charge("req_byok", 800, 200, 0, true));

        JsonNode event = batches().get(0).at("/events/0");
        assertThat(event.path("transaction_id").asText()).isEqualTo("req_byok");
        assertThat(event.at("/properties/byok_used").asBoolean()).isTrue();
        assertThat(event.at("/properties/byok_used").isBoolean()).isTrue();
        assertThat(event.at("/properties/charged_micro_credits").asLong()).isZero();
        assertThat(event.at("/properties/tokens").asLong()).isEqualTo(1000);
    }

    @Test
    void aLagoServerErrorFailsTheCommitAndRollsTheUnitOfWorkBack() throws Exception {
        LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":503,\"error\":\"Service Unavailable\"}")));
        LagoMeter meter = meter();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        meter.on(charge("req_1", 1, 1, 1, false));

        Throwable thrown = catchThrowable(unitOfWork::commit);

        assertThat(thrown).isInstanceOf(LagoMeter.LagoUnavailable.class).hasMessage("Lago answered 503");
        assertThat(unitOfWork.isRolledBack()).isTrue();
        assertNoKey(thrown);
    }

    @Test
    void aLagoServerErrorOutsideAUnitOfWorkPropagatesFromTheHandler() {
        LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> meter().on(charge("req_1", 1, 1, 1, false)))
                .isInstanceOf(LagoMeter.LagoUnavailable.class).hasMessage("Lago answered 500");
    }

    @Test
    void aBrokenConnectionFailsTheCommitWithoutNamingTheKey() throws Exception {
        LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        LagoMeter meter = meter();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        meter.on(charge("req_1", 1, 1, 1, false));

        Throwable thrown = catchThrowable(unitOfWork::commit);

        assertThat(thrown).isInstanceOf(LagoMeter.LagoUnavailable.class)
                .hasMessageStartingWith("Lago could not be reached: ");
        assertThat(unitOfWork.isRolledBack()).isTrue();
        assertNoKey(thrown);
    }

    @Test
    void aBrokenConnectionOutsideAUnitOfWorkPropagatesAsAnIoFailure() {
        LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThatThrownBy(() -> meter().on(charge("req_1", 1, 1, 1, false))).isInstanceOf(IOException.class);
    }

    @Test
    void aBatchRefusedOnlyForTransactionIdsLagoAlreadyHasIsSentAgainWithoutThem() throws Exception {
        LAGO.stubFor(post(urlEqualTo(BATCH)).inScenario("duplicates").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(lagoRefuses("""
                        {"0":{"transaction_id":["value_already_exist"]},
                         "2":{"transaction_id":["value_already_exist"]}}""")).willSetStateTo("resent"));
        LAGO.stubFor(post(urlEqualTo(BATCH)).inScenario("duplicates").whenScenarioStateIs("resent")
                .willReturn(aResponse().withStatus(200)));
        LagoMeter meter = meter();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        for (String id : List.of("req_old_1", "req_new_1", "req_old_2", "req_new_2")) {
            meter.on(charge(id, 1, 1, 1, false));
        }

        unitOfWork.commit();

        List<JsonNode> batches = batches();
        assertThat(batches).hasSize(2);
        assertThat(transactionIds(batches.get(0))).containsExactly("req_old_1", "req_new_1", "req_old_2", "req_new_2");
        assertThat(transactionIds(batches.get(1))).containsExactly("req_new_1", "req_new_2");
        assertThat(unitOfWork.isRolledBack()).isFalse();
    }

    @Test
    void aBatchLagoAlreadyHasEntirelyIsDone() throws Exception {
        LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(lagoRefuses(
                "{\"0\":{\"transaction_id\":[\"value_already_exist\"]}}")));

        meter().on(charge("req_again", 1, 1, 1, false));

        LAGO.verify(1, postRequestedFor(urlEqualTo(BATCH)));
    }

    @Test
    void aRefusalForAnyOtherReasonIsAFailure() {
        String[] refusals = {
                "{\"0\":{\"timestamp\":[\"invalid_format\"]}}",
                "{\"0\":{\"transaction_id\":[\"value_already_exist\"],\"code\":[\"value_is_mandatory\"]}}",
                "{\"0\":{\"transaction_id\":[\"value_already_exist\"]},\"1\":{\"code\":[\"value_is_mandatory\"]}}",
                "{\"7\":{\"transaction_id\":[\"value_already_exist\"]}}",
                "{\"0\":{\"transaction_id\":[\"value_is_mandatory\"]}}",
                "{}", "\"no_events\""};
        for (String details : refusals) {
            LAGO.resetAll();
            LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(lagoRefuses(details)));

            assertThatThrownBy(() -> meter().send(List.of(charge("req_1", 1, 1, 1, false),
                    charge("req_2", 1, 1, 1, false)))).as(details)
                    .isInstanceOf(LagoMeter.LagoUnavailable.class).hasMessage("Lago answered 422");
            LAGO.verify(1, postRequestedFor(urlEqualTo(BATCH)));
        }
        LAGO.resetAll();
        LAGO.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(422).withBody("<html>no</html>")));
        assertThatThrownBy(() -> meter().on(charge("req_1", 1, 1, 1, false)))
                .isInstanceOf(LagoMeter.LagoUnavailable.class).hasMessage("Lago answered 422");
    }

    /** Lago's answer to a batch it refuses: 422 with the errors of each refused event by its position. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder lagoRefuses(String details) {
        return aResponse().withStatus(422).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"status\":422,\"error\":\"Unprocessable Entity\",\"code\":\"validation_errors\","
                        + "\"error_details\":" + details + "}");
    }

    @Test
    void aRetriedBatchCarriesTheSameTransactionIds() throws Exception {
        LAGO.stubFor(post(urlEqualTo(BATCH)).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        LAGO.stubFor(post(urlEqualTo(BATCH)).inScenario("retry").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        LagoMeter meter = meter();
        List<UsageCharged> charges = List.of(charge("req_x", 1, 2, 3, false), charge("req_y", 4, 5, 6, false));

        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        for (UsageCharged c : charges) {
            meter.on(c);
        }
        assertThatThrownBy(first::commit).isInstanceOf(LagoMeter.LagoUnavailable.class);
        UnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        for (UsageCharged c : charges) {
            meter.on(c);
        }
        retry.commit();

        List<JsonNode> batches = batches();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).isEqualTo(batches.get(0));
        assertThat(transactionIds(batches.get(1))).containsExactly("req_x", "req_y");
    }

    private static void assertNoKey(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain(API_KEY);
        }
    }

    private static List<JsonNode> batches() {
        List<LoggedRequest> requests = LAGO.findAll(postRequestedFor(urlEqualTo(BATCH)));
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : requests) {
            try {
                bodies.add(JSON.readTree(request.getBodyAsString()));
            } catch (IOException e) {
                throw new AssertionError("Lago was sent something that is not JSON: " + request.getBodyAsString());
            }
        }
        return bodies;
    }

    private static List<String> transactionIds(JsonNode batch) {
        List<String> ids = new ArrayList<>();
        batch.path("events").forEach(e -> ids.add(e.path("transaction_id").asText()));
        return ids;
    }
}
