package dev.switchgear.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchgear.domain.credit.api.UsageCharged;
import org.junit.jupiter.api.Test;

/**
 * A {@code UsageCharged} of revision 4 (the bytes below are one of the stored events of the
 * fixture store written before ADR 0012) read as revision 5: no parts, the parts' rates those the
 * tokens were in effect charged at, and the recorded cost still its price applied to its usage.
 */
class UsageChargedPartsUpcasterTest {

    private static final String REVISION_4 = "{\"accountId\":\"a87b915e-2d49-4879-a40a-fecf92c43cae\","
            + "\"requestId\":\"chatcmpl-e871d183-e404-4221-bdaa-67a5c1d9752e\",\"model\":\"sim-echo\","
            + "\"provider\":\"simulator\",\"inputTokens\":14,\"outputTokens\":7,\"usageEstimated\":false,"
            + "\"inputPricePer1kTokens\":150000,\"outputPricePer1kTokens\":600000,\"cost\":1575,\"charged\":1575,"
            + "\"uncollected\":0,\"balanceAfter\":998425,\"chargedAt\":\"2026-12-01T20:04:30.646638379Z\","
            + "\"byok\":false,\"multiplierBasisPoints\":2500,\"markupBasisPoints\":0,\"routing\":null}";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new DomainJacksonModule());

    @Test
    void anOldChargeIsReadWithNoPartsAtTheRatesItWasChargedAt() throws Exception {
        JsonNode upcast = UsageChargedPartsUpcaster.withParts(json.readTree(REVISION_4));
        UsageCharged event = json.treeToValue(upcast, UsageCharged.class);

        assertThat(event.usage().hasParts()).isFalse();
        assertThat(event.cachedInputPricePer1kTokens()).isEqualTo(150_000);
        assertThat(event.cacheWrite5mPricePer1kTokens()).isEqualTo(150_000);
        assertThat(event.cacheWrite1hPricePer1kTokens()).isEqualTo(150_000);
        assertThat(event.reasoningPricePer1kTokens()).isEqualTo(600_000);
        // 14 × 150,000 + 7 × 600,000 = 6,300,000; / 1000 × 0.25 = 1,575
        assertThat(event.price().costOf(event.usage(), event.multiplierBasisPoints(), event.markupBasisPoints()))
                .isEqualTo(event.cost());
    }

    @Test
    void aChargeOfTodaysRevisionIsLeftAsItIs() throws Exception {
        JsonNode today = json.readTree(REVISION_4.replace("\"routing\":null", "\"routing\":null,"
                + "\"cachedInputTokens\":4,\"cachedInputPricePer1kTokens\":15000"));
        JsonNode upcast = UsageChargedPartsUpcaster.withParts(today);
        assertThat(upcast.path("cachedInputTokens").asLong()).isEqualTo(4);
        assertThat(upcast.path("cachedInputPricePer1kTokens").asLong()).isEqualTo(15_000);
    }
    @Test
    void aChargeIsStoredWithItsPartsAndRatesOnlyOnce() throws Exception {
        UsageCharged event = json.treeToValue(UsageChargedPartsUpcaster.withParts(json.readTree(REVISION_4)),
                UsageCharged.class);
        JsonNode stored = json.valueToTree(event);

        assertThat(stored.has("cachedInputTokens")).isTrue();
        assertThat(stored.has("reasoningPricePer1kTokens")).isTrue();
        // usage() and price() are derived views, not stored fields
        assertThat(stored.has("usage")).isFalse();
        assertThat(stored.has("price")).isFalse();
        assertThat(json.treeToValue(stored, UsageCharged.class)).isEqualTo(event);
    }
}
