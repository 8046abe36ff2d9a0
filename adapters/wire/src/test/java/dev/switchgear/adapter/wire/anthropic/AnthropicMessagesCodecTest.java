package dev.switchgear.adapter.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.StreamErrorEvent;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.ChunkDecoder;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one Anthropic Messages codec, both ways: what the inbound {@code /v1/messages} route reads and
 * writes (Anthropic in, OpenAI for the engine, Anthropic out) and what the Anthropic provider writes
 * and reads (the reverse), checked each way and as round trips.
 */
class AnthropicMessagesCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
    private final AnthropicMessagesCodec codec = new AnthropicMessagesCodec(JSON);

    /** An Anthropic request with a system prompt, an image, an earlier tool use and its result, and a tool. */
    private static final String ANTHROPIC_REQUEST = """
            {"model":"claude-3-5-haiku-latest","max_tokens":300,"system":"Be terse.","temperature":0.3,
             "stop_sequences":["END"],"metadata":{"user_id":"u-1"},"stream":true,
             "messages":[
               {"role":"user","content":[{"type":"text","text":"Weather here?"},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0"}}]},
               {"role":"assistant","content":[{"type":"text","text":"Checking."},
                 {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C, sunny"}]},
               {"role":"user","content":"And tomorrow?"}],
             "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object",
               "properties":{"city":{"type":"string"}}}}],
             "tool_choice":{"type":"tool","name":"get_weather"}}""";

    @Test
    void anAnthropicRequestBecomesTheGatewaysOpenAiRequest() throws IOException {
        JsonNode openAi = codec.toOpenAiRequest(JSON.readTree(ANTHROPIC_REQUEST));

        assertThat(openAi.path("model").asText()).isEqualTo("claude-3-5-haiku-latest");
        assertThat(openAi.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(openAi.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(openAi.at("/messages/0/content").asText()).isEqualTo("Be terse.");
        assertThat(openAi.at("/messages/1/content/1/image_url/url").asText()).isEqualTo("data:image/png;base64,iVBORw0");
        assertThat(openAi.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(openAi.at("/messages/2/content").asText()).isEqualTo("Checking.");
        assertThat(openAi.at("/messages/2/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(JSON.readTree(openAi.at("/messages/2/tool_calls/0/function/arguments").asText()).path("city")
                .asText()).isEqualTo("Paris");
        assertThat(openAi.at("/messages/3/role").asText()).isEqualTo("tool");
        assertThat(openAi.at("/messages/3/tool_call_id").asText()).isEqualTo("toolu_1");
        assertThat(openAi.at("/messages/3/content").asText()).isEqualTo("18C, sunny");
        assertThat(openAi.at("/messages/4/content").asText()).isEqualTo("And tomorrow?");
        assertThat(openAi.at("/stop/0").asText()).isEqualTo("END");
        assertThat(openAi.path("user").asText()).isEqualTo("u-1");
        assertThat(openAi.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
        assertThat(openAi.at("/tool_choice/function/name").asText()).isEqualTo("get_weather");
        assertThat(openAi.path("stream").asBoolean()).isTrue();
        assertThat(openAi.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void aBlockTypeOpenAiCannotHoldIsRefusedNamingTheField() {
        assertThatThrownBy(() -> codec.toOpenAiRequest(JSON.readTree("{\"model\":\"m\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{}}]}]}")))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("content blocks of type `document` are not supported");
                    assertThat(e.field()).isEqualTo("messages");
                });
    }

    @Test
    void aRequestReadInboundIsWrittenOutboundAsTheSameAnthropicRequest() throws IOException {
        JsonNode original = JSON.readTree(ANTHROPIC_REQUEST);

        ObjectNode again = codec.toAnthropicRequest(codec.toOpenAiRequest(original), "claude-3-5-haiku-latest", 300, true);

        assertThat(again.path("system")).isEqualTo(original.path("system"));
        assertThat(again.path("messages")).isEqualTo(JSON.readTree("""
                [{"role":"user","content":[{"type":"text","text":"Weather here?"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0"}}]},
                 {"role":"assistant","content":[{"type":"text","text":"Checking."},
                   {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C, sunny"},
                   {"type":"text","text":"And tomorrow?"}]}]"""));
        assertThat(again.path("tools")).isEqualTo(original.path("tools"));
        assertThat(again.path("tool_choice")).isEqualTo(original.path("tool_choice"));
        assertThat(again.path("stop_sequences")).isEqualTo(original.path("stop_sequences"));
        assertThat(again.path("metadata")).isEqualTo(original.path("metadata"));
        assertThat(again.path("temperature")).isEqualTo(original.path("temperature"));
        assertThat(again.path("stream").asBoolean()).isTrue();
    }

    @Test
    void whatTheOutboundSideCannotSendIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> codec.toAnthropicRequest(JSON.readTree("{\"n\":2,\"messages\":[]}"), "m", 5, false))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("`n` greater than 1");
        assertThatThrownBy(() -> codec.toAnthropicRequest(JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png,xyz\"}}]}]}"), "m", 5, false))
                .isInstanceOf(WireFormatException.class).hasMessage("an image data URL must be base64-encoded");
        assertThatThrownBy(() -> codec.toAnthropicRequest(JSON.readTree("{\"messages\":[{\"role\":\"assistant\","
                + "\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]}]}"), "m", 5, false))
                .isInstanceOf(WireFormatException.class).hasMessage("tool call arguments must be a JSON object");
    }

    @Test
    void anAnthropicMessageAndTheOpenAiCompletionMapBothWays() throws IOException {
        JsonNode message = JSON.readTree("""
                {"id":"msg_9","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
                 "content":[{"type":"text","text":"Let me check."},
                   {"type":"tool_use","id":"toolu_9","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":120,"output_tokens":40}}""");

        ObjectNode completion = codec.toOpenAiResponse(message, 1_700_000_000L);
        ObjectNode back = codec.toAnthropicResponse(completion, "claude-3-5-haiku-20241022");

        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(completion.at("/usage/total_tokens").asLong()).isEqualTo(160);
        assertThat(codec.usage(message)).isEqualTo(new TokenUsage(120, 40));
        assertThat(back.path("content")).isEqualTo(message.path("content"));
        assertThat(back.path("stop_reason")).isEqualTo(message.path("stop_reason"));
        assertThat(back.path("usage").path("input_tokens").asLong()).isEqualTo(120);
        assertThat(back.path("usage").path("output_tokens").asLong()).isEqualTo(40);
        assertThat(back.path("usage").path("cache_read_input_tokens").asLong(-1)).isZero();
        assertThat(back.path("usage").path("cache_creation_input_tokens").asLong(-1)).isZero();
        assertThat(back.path("id").asText()).isEqualTo("msg_chatcmpl-msg_9");
    }

    @Test
    void cacheTokensCountAsPromptAndEveryFinishReasonHasItsStopReason() throws IOException {
        assertThat(codec.usage(JSON.readTree("{\"usage\":{\"input_tokens\":100,\"cache_creation_input_tokens\":20,"
                + "\"cache_read_input_tokens\":30,\"output_tokens\":5}}"))).isEqualTo(new TokenUsage(150, 5, 30, 20, 0, 0));
        for (String[] pair : new String[][] {{"stop", "end_turn"}, {"length", "max_tokens"}, {"tool_calls", "tool_use"},
                {"content_filter", "refusal"}}) {
            assertThat(AnthropicTerms.stopReason(pair[0])).isEqualTo(pair[1]);
            assertThat(AnthropicTerms.finishReason(pair[1])).isEqualTo(pair[0]);
        }
        assertThat(AnthropicTerms.stopReason("function_call")).isEqualTo("tool_use");
        assertThat(AnthropicTerms.finishReason("stop_sequence")).isEqualTo("stop");
    }

    /** Anthropic's documented stream with text then a tool use. */
    private static final String[] EVENTS = {
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"claude-3-5-haiku-20241022\",\"usage\":{\"input_tokens\":472,\"output_tokens\":2}}}",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "{\"type\":\"ping\"}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Check\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ing\"}}",
        "{\"type\":\"content_block_stop\",\"index\":0}",
        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\","
                + "\"name\":\"get_weather\",\"input\":{}}}",
        "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                + "\"{\\\"city\\\": \\\"Par\"}}",
        "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\"}\"}}",
        "{\"type\":\"content_block_stop\",\"index\":1}",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":89}}",
        "{\"type\":\"message_stop\"}"};

    private List<ObjectNode> decode(boolean usageChunk, String... events) throws IOException {
        List<ObjectNode> chunks = new ArrayList<>();
        ChunkDecoder decoder = codec.eventDecoder(CLOCK, "claude-3-5-haiku-latest", usageChunk,
                (chunk, text) -> chunks.add(chunk));
        for (String event : events) {
            decoder.on(JSON.readTree(event));
        }
        assertThat(decoder.ended()).isTrue();
        assertThat(decoder.reported()).contains(new TokenUsage(472, 89));
        return chunks;
    }

    @Test
    void anthropicEventsBecomeOpenAiChunksWithTheReportedUsage() throws IOException {
        List<ObjectNode> chunks = decode(true, EVENTS);

        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("id").asText()).isEqualTo("chatcmpl-msg_1");
            assertThat(c.path("created").asLong()).isEqualTo(CLOCK.instant().getEpochSecond());
        });
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(1).at("/choices/0/delta/content").asText()).isEqualTo("Check");
        assertThat(chunks.get(3).at("/choices/0/delta/tool_calls/0/id").asText()).isEqualTo("toolu_2");
        assertThat(chunks.get(4).at("/choices/0/delta/tool_calls/0/index").asInt()).isZero();
        assertThat(chunks.get(6).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(chunks.get(7).at("/usage/prompt_tokens").asLong()).isEqualTo(472);
        assertThat(chunks).hasSize(8);
        assertThat(decode(false, EVENTS)).hasSize(7);
    }

    @Test
    void anErrorEventIsReportedWithTheVendorsMessage() {
        ChunkDecoder decoder = codec.eventDecoder(CLOCK, "m", false, (chunk, text) -> { });
        assertThatThrownBy(() -> decoder.on(JSON.readTree("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}")))
                .isInstanceOfSatisfying(StreamErrorEvent.class, e -> assertThat(e.vendorMessage()).isEqualTo("Overloaded"));
    }

    @Test
    void openAiChunksBecomeAnthropicEventsAndAStreamSurvivesTheRoundTrip() throws IOException {
        AnthropicEventEncoder encoder = codec.eventEncoder("claude-3-5-haiku-latest");
        List<AnthropicEventEncoder.Event> events = new ArrayList<>();
        for (ObjectNode chunk : decode(true, EVENTS)) {
            events.addAll(encoder.chunk(chunk));
        }
        events.addAll(encoder.done());

        assertThat(events).extracting(AnthropicEventEncoder.Event::name).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events).allSatisfy(e -> assertThat(e.data().path("type").asText()).isEqualTo(e.name()));
        assertThat(events.get(0).data().at("/message/model").asText()).isEqualTo("claude-3-5-haiku-latest");
        StringBuilder text = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        for (AnthropicEventEncoder.Event event : events) {
            text.append(event.data().at("/delta/text").asText(""));
            arguments.append(event.data().at("/delta/partial_json").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Checking");
        assertThat(JSON.readTree(arguments.toString())).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(events.get(5).data().at("/content_block/name").asText()).isEqualTo("get_weather");
        assertThat(events.get(5).data().path("index").asInt()).isEqualTo(1);
        assertThat(events.get(9).data().at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(events.get(9).data().at("/usage/input_tokens").asLong()).isEqualTo(472);
        assertThat(events.get(9).data().at("/usage/output_tokens").asLong()).isEqualTo(89);
    }

    @Test
    void anErrorBeforeAnyChunkStillStartsTheMessageOnce() {
        AnthropicEventEncoder encoder = codec.eventEncoder("m");

        List<AnthropicEventEncoder.Event> events = encoder.error("The provider failed");

        assertThat(events).extracting(AnthropicEventEncoder.Event::name).containsExactly("message_start", "error");
        assertThat(events.get(1).data().at("/error/type").asText()).isEqualTo("api_error");
        assertThat(encoder.done()).extracting(AnthropicEventEncoder.Event::name)
                .containsExactly("message_delta", "message_stop");
    }
    @Test
    void anAnthropicCallerGetsTheCacheReadsAndWritesBackAsAnthropicReportsThem() throws IOException {
        JsonNode message = JSON.readTree("""
                {"id":"msg_c","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
                 "content":[{"type":"text","text":"Cached."}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":21,"cache_creation_input_tokens":188,"cache_read_input_tokens":4096,
                 "cache_creation":{"ephemeral_5m_input_tokens":120,"ephemeral_1h_input_tokens":68},"output_tokens":9}}""");

        ObjectNode completion = codec.toOpenAiResponse(message, 1L);
        ObjectNode back = codec.toAnthropicResponse(completion, "claude-sonnet-4-0");

        assertThat(completion.at("/usage/prompt_tokens").asLong()).isEqualTo(21 + 188 + 4096);
        assertThat(completion.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(4096);
        assertThat(completion.at("/usage/prompt_tokens_details/cache_creation_tokens").asLong()).isEqualTo(188);
        assertThat(completion.at("/usage/prompt_tokens_details/cache_creation_token_details/ephemeral_1h_input_tokens")
                .asLong()).isEqualTo(68);
        assertThat(JSON.readTree(back.path("usage").toString())).isEqualTo(message.path("usage"));

        AnthropicEventEncoder encoder = codec.eventEncoder("claude-sonnet-4-0");
        encoder.chunk(completion.deepCopy().without("choices"));
        List<AnthropicEventEncoder.Event> end = encoder.done();
        assertThat(end.get(0).name()).isEqualTo("message_delta");
        assertThat(JSON.readTree(end.get(0).data().path("usage").toString())).isEqualTo(message.path("usage"));
    }
}
