package dev.switchgear.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.anthropic.AnthropicMessagesCodec;
import dev.switchgear.adapter.wire.cohere.CohereChatCodec;
import dev.switchgear.adapter.wire.gemini.GeminiCodec;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.adapter.wire.openai.OpenAiUsage;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider's usage shape, plain and streamed, as the vendor documents it (ADR 0023), read by
 * the wire module into the disjoint buckets of a {@link TokenUsage} and priced by {@link ModelPrice}
 * at the default catalog's list prices, with the charge computed by hand in each row. Each row also
 * checks that the usage survives the internal OpenAI format (the usage chunk or object the gateway
 * hands on), so what the caller is shown is what was charged.
 *
 * <p>Prices are micro-credits per 1K tokens ($1 per million tokens = 1,000,000). The charge is
 * {@code ceil(Σ bucket × rate / 1000 × multiplier/10,000 × (10,000 + markup)/10,000)}.
 */
class UsagePriceTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AnthropicMessagesCodec ANTHROPIC = new AnthropicMessagesCodec(JSON);
    private static final GeminiCodec GEMINI = new GeminiCodec(JSON);
    private static final CohereChatCodec COHERE = new CohereChatCodec(JSON);

    // the default catalog's list prices (bootstrap DefaultCatalog), per 1K tokens
    private static final ModelPrice GPT_4O = new ModelPrice(2_500_000, 10_000_000, 1_250_000, 2_500_000, 2_500_000,
            10_000_000);
    private static final ModelPrice O3_MINI = new ModelPrice(1_100_000, 4_400_000, 550_000, 1_100_000, 1_100_000,
            4_400_000);
    private static final ModelPrice CLAUDE_SONNET_4 = new ModelPrice(3_000_000, 15_000_000, 300_000, 3_750_000,
            6_000_000, 15_000_000);
    private static final ModelPrice GEMINI_2_0_FLASH = new ModelPrice(100_000, 400_000, 25_000, 100_000, 100_000,
            400_000);
    private static final ModelPrice COMMAND_R = new ModelPrice(150_000, 600_000);
    // an admin's price with reasoning dearer than the answer (the catalog allows it)
    private static final ModelPrice REASONING_APART = new ModelPrice(1_000_000, 4_000_000, 100_000, 1_000_000,
            1_000_000, 8_000_000);
    // Gemini 2.5 Flash-like: thinking billed as output, cached content at 25 %
    private static final ModelPrice GEMINI_THINKING = new ModelPrice(300_000, 2_500_000, 75_000, 300_000, 300_000,
            2_500_000);

    private static final int LIST = 10_000;
    private static final int BALANCED = 2_500;
    private static final int STARTER = 4_000;
    private static final int ENTERPRISE = 8_000;

    enum Vendor { OPENAI, ANTHROPIC, GEMINI, COHERE }

    /** One usage as a vendor sends it (a stream: one event's data per line) and what it must cost. */
    record Row(String name, Vendor vendor, boolean stream, String wire, ModelPrice price, int multiplier, int markup,
               TokenUsage usage, long microCredits, String arithmetic) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("OpenAI plain: cached prompt tokens are part of prompt_tokens", Vendor.OPENAI, false, """
                        {"id":"chatcmpl-1","object":"chat.completion","choices":[],"usage":{"prompt_tokens":2006,
                         "completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920,
                         "audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""",
                        GPT_4O, LIST, 0, new TokenUsage(2006, 300, 1920, 0, 0, 0), 5_615_000,
                        "86 × 2,500,000 + 1,920 × 1,250,000 + 300 × 10,000,000 = 5,615,000,000; / 1000 = 5,615,000"),
                new Row("OpenAI stream: the usage chunk's cached and reasoning tokens", Vendor.OPENAI, true, """
                        {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}
                        {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":1500,"completion_tokens":1200,"total_tokens":2700,"prompt_tokens_details":{"cached_tokens":1024},"completion_tokens_details":{"reasoning_tokens":1000}}}""",
                        O3_MINI, LIST, 0, new TokenUsage(1500, 1200, 1024, 0, 0, 1000), 6_366_800,
                        "476 × 1,100,000 + 1,024 × 550,000 + 200 × 4,400,000 + 1,000 × 4,400,000 = 6,366,800,000;"
                                + " / 1000 = 6,366,800"),
                new Row("OpenAI plain: reasoning at its own rate, at Balanced for Enterprise", Vendor.OPENAI, false, """
                        {"choices":[],"usage":{"prompt_tokens":3000,"completion_tokens":900,"total_tokens":3900,
                         "prompt_tokens_details":{"cached_tokens":2048},"completion_tokens_details":{"reasoning_tokens":600}}}""",
                        REASONING_APART, BALANCED, ENTERPRISE, new TokenUsage(3000, 900, 2048, 0, 0, 600), 3_220_560,
                        "952 × 1,000,000 + 2,048 × 100,000 + 300 × 4,000,000 + 600 × 8,000,000 = 7,156,800,000;"
                                + " / 1000 = 7,156,800; × 0.25 × 1.8 = 3,220,560"),
                new Row("Anthropic plain: input_tokens excludes cache reads and both writes", Vendor.ANTHROPIC, false, """
                        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
                         "content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,
                         "usage":{"input_tokens":50,"cache_creation_input_tokens":2000,"cache_read_input_tokens":10000,
                         "cache_creation":{"ephemeral_5m_input_tokens":1500,"ephemeral_1h_input_tokens":500},
                         "output_tokens":400}}""",
                        CLAUDE_SONNET_4, LIST, 0, new TokenUsage(12_050, 400, 10_000, 1500, 500, 0), 17_775_000,
                        "50 × 3,000,000 + 10,000 × 300,000 + 1,500 × 3,750,000 + 500 × 6,000,000 + 400 × 15,000,000"
                                + " = 17,775,000,000; / 1000 = 17,775,000 (charging the 2,000 writes again as input,"
                                + " LiteLLM's #11364, would add 6,000,000)"),
                new Row("Anthropic plain at Balanced for Starter", Vendor.ANTHROPIC, false, """
                        {"id":"msg_2","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
                         "content":[],"stop_reason":"end_turn","usage":{"input_tokens":50,
                         "cache_creation_input_tokens":2000,"cache_read_input_tokens":10000,"cache_creation":
                         {"ephemeral_5m_input_tokens":1500,"ephemeral_1h_input_tokens":500},"output_tokens":400}}""",
                        CLAUDE_SONNET_4, BALANCED, STARTER, new TokenUsage(12_050, 400, 10_000, 1500, 500, 0), 6_221_250,
                        "17,775,000,000 / 1000 = 17,775,000; × 0.25 × 1.4 = 6,221,250"),
                new Row("Anthropic stream: message_start's cache write (no TTL split: 5 minutes), message_delta's"
                        + " output", Vendor.ANTHROPIC, true, """
                        {"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"usage":{"input_tokens":50,"cache_creation_input_tokens":2000,"cache_read_input_tokens":0,"output_tokens":1}}}
                        {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}
                        {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}
                        {"type":"content_block_stop","index":0}
                        {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":300}}
                        {"type":"message_stop"}""",
                        CLAUDE_SONNET_4, LIST, 0, new TokenUsage(2050, 300, 0, 2000, 0, 0), 12_150_000,
                        "50 × 3,000,000 + 2,000 × 3,750,000 + 300 × 15,000,000 = 12,150,000,000; / 1000 = 12,150,000"),
                new Row("Anthropic stream: message_delta's cumulative cache counts win over message_start's",
                        Vendor.ANTHROPIC, true, """
                        {"type":"message_start","message":{"id":"msg_t","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","usage":{"input_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}
                        {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":40,"cache_read_input_tokens":8000,"cache_creation_input_tokens":null,"output_tokens":20}}
                        {"type":"message_stop"}""",
                        CLAUDE_SONNET_4, LIST, 0, new TokenUsage(8040, 20, 8000, 0, 0, 0), 2_820_000,
                        "40 × 3,000,000 + 8,000 × 300,000 + 20 × 15,000,000 = 2,820,000,000; / 1000 = 2,820,000"),
                new Row("Gemini plain: promptTokenCount includes the cached content", Vendor.GEMINI, false, """
                        {"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]},"finishReason":"STOP"}],
                         "usageMetadata":{"promptTokenCount":10000,"cachedContentTokenCount":8000,
                         "candidatesTokenCount":500,"totalTokenCount":10500},"modelVersion":"gemini-2.0-flash"}""",
                        GEMINI_2_0_FLASH, LIST, 0, new TokenUsage(10_000, 500, 8000, 0, 0, 0), 600_000,
                        "2,000 × 100,000 + 8,000 × 25,000 + 500 × 400,000 = 600,000,000; / 1000 = 600,000"),
                new Row("Gemini stream: thoughtsTokenCount is apart from candidatesTokenCount", Vendor.GEMINI, true, """
                        {"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}]}
                        {"candidates":[{"content":{"role":"model","parts":[{"text":"lo"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":1200,"cachedContentTokenCount":1024,"candidatesTokenCount":80,"thoughtsTokenCount":700,"totalTokenCount":1980}}""",
                        GEMINI_THINKING, LIST, 0, new TokenUsage(1200, 780, 1024, 0, 0, 700), 2_079_600,
                        "176 × 300,000 + 1,024 × 75,000 + 80 × 2,500,000 + 700 × 2,500,000 = 2,079,600,000;"
                                + " / 1000 = 2,079,600"),
                new Row("Gemini plain: tool-use prompt tokens are input too", Vendor.GEMINI, false, """
                        {"candidates":[{"content":{"parts":[{"text":"ok"}]},"finishReason":"STOP"}],
                         "usageMetadata":{"promptTokenCount":300,"toolUsePromptTokenCount":200,
                         "candidatesTokenCount":50,"totalTokenCount":550}}""",
                        GEMINI_2_0_FLASH, LIST, 0, new TokenUsage(500, 50, 0, 0, 0, 0), 70_000,
                        "500 × 100,000 + 50 × 400,000 = 70,000,000; / 1000 = 70,000"),
                new Row("Cohere plain: the billed units, not the tokens processed", Vendor.COHERE, false, """
                        {"id":"c1","message":{"role":"assistant","content":[{"type":"text","text":"ok"}]},
                         "finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":1200,"output_tokens":300},
                         "tokens":{"input_tokens":1400,"output_tokens":300}}}""",
                        COMMAND_R, LIST, 0, new TokenUsage(1200, 300), 360_000,
                        "1,200 × 150,000 + 300 × 600,000 = 360,000,000; / 1000 = 360,000"),
                new Row("Cohere stream: message-end's billed units, at Balanced for Enterprise (rounded up once)",
                        Vendor.COHERE, true, """
                        {"type":"message-start","id":"c2","delta":{"message":{"role":"assistant"}}}
                        {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}
                        {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":77,"output_tokens":13},"tokens":{"input_tokens":90,"output_tokens":13}}}}""",
                        COMMAND_R, BALANCED, ENTERPRISE, new TokenUsage(77, 13), 8_708,
                        "77 × 150,000 + 13 × 600,000 = 19,350,000; / 1000 = 19,350; × 0.25 × 1.8 = 8,707.5 → 8,708"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachVendorsUsageIsReadIntoDisjointBucketsAndChargedAtTheirRates(Row row) {
        Read read = read(row);

        assertThat(read.usage()).as(row.arithmetic()).isEqualTo(row.usage());
        assertThat(row.price().costOf(read.usage(), row.multiplier(), row.markup()).value())
                .as(row.arithmetic()).isEqualTo(row.microCredits());
        // what the gateway hands on in its internal OpenAI format carries the same parts
        assertThat(read.handedOn()).as("the usage in the internal format").contains(row.usage());
        // the worst case admission holds for the same totals is never below the charge
        assertThat(row.price().ceiling().costOf(new TokenUsage(row.usage().inputTokens(), row.usage().outputTokens()),
                row.multiplier(), row.markup()).value()).isGreaterThanOrEqualTo(row.microCredits());
    }

    /** The usage read for the charge, and the usage in the OpenAI-format answer or usage chunk handed on. */
    record Read(TokenUsage usage, Optional<TokenUsage> handedOn) {
    }

    private static Read read(Row row) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : row.wire().split("\n(?=\\{)")) {
            events.add(parse(line));
        }
        if (!row.stream()) {
            JsonNode answer = events.get(0);
            return switch (row.vendor()) {
                case OPENAI -> {
                    TokenUsage usage = OpenAiUsage.read(answer.path("usage")).orElseThrow();
                    ObjectNode again = JSON.createObjectNode();
                    OpenAiUsage.put(again, usage);
                    yield new Read(usage, OpenAiUsage.read(again.path("usage")));
                }
                case ANTHROPIC -> new Read(ANTHROPIC.usage(answer),
                        OpenAiUsage.read(ANTHROPIC.toOpenAiResponse(answer, 1).path("usage")));
                case GEMINI -> {
                    TokenUsage usage = GEMINI.usage(answer).orElseThrow();
                    ObjectNode completion = GEMINI.toOpenAiResponse(answer, "gemini", 1);
                    OpenAiUsage.put(completion, usage);
                    yield new Read(usage, OpenAiUsage.read(completion.path("usage")));
                }
                case COHERE -> new Read(CohereChatCodec.usage(answer.path("usage")),
                        OpenAiUsage.read(COHERE.toOpenAiResponse(answer, "command-r", 1).path("usage")));
            };
        }
        List<ObjectNode> chunks = new ArrayList<>();
        if (row.vendor() == Vendor.OPENAI) {
            TokenUsage reported = null;
            for (JsonNode chunk : events) {
                reported = OpenAiUsage.read(chunk.get("usage")).orElse(reported);
                chunks.add((ObjectNode) chunk);
            }
            return new Read(reported, lastUsage(chunks));
        }
        ChunkDecoder.Out out = (chunk, text) -> chunks.add(chunk);
        ChunkDecoder decoder = switch (row.vendor()) {
            case ANTHROPIC -> ANTHROPIC.eventDecoder(Clock.systemUTC(), "claude", true, out);
            case GEMINI -> GEMINI.eventDecoder(Clock.systemUTC(), "gemini", true, out);
            case COHERE -> COHERE.eventDecoder(Clock.systemUTC(), "command-r", true, out);
            case OPENAI -> throw new IllegalStateException();
        };
        events.forEach(decoder::on);
        decoder.atEndOfStream();
        return new Read(decoder.reported().orElseThrow(), lastUsage(chunks));
    }

    private static Optional<TokenUsage> lastUsage(List<ObjectNode> chunks) {
        Optional<TokenUsage> last = Optional.empty();
        for (ObjectNode chunk : chunks) {
            Optional<TokenUsage> usage = OpenAiUsage.read(chunk.get("usage"));
            if (usage.isPresent()) {
                last = usage;
            }
        }
        return last;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
