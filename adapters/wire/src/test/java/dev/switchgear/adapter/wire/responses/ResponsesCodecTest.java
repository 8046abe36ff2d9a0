package dev.switchgear.adapter.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEATHER_TOOL = "{\"type\":\"function\",\"name\":\"get_weather\",\"description\":"
            + "\"The weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]},\"strict\":true}";

    private final ResponsesCodec codec = new ResponsesCodec(JSON);

    private static JsonNode read(String text) throws Exception {
        return JSON.readTree(text);
    }

    private ObjectNode chat(String request) throws Exception {
        JsonNode parsed = read(request);
        return codec.toChatRequest(parsed, codec.inputItems(parsed));
    }

    @Test
    void aStringInputIsOneUserMessageAfterTheInstructions() throws Exception {
        ObjectNode chat = chat("{\"model\":\"sim-echo\",\"input\":\"Hello\",\"instructions\":\"Be brief\","
                + "\"max_output_tokens\":32,\"temperature\":0.2,\"top_p\":0.9,\"user\":\"u1\",\"metadata\":{\"a\":\"b\"},"
                + "\"store\":false}");

        assertThat(chat.path("model").asText()).isEqualTo("sim-echo");
        assertThat(chat.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(chat.at("/messages/0/content").asText()).isEqualTo("Be brief");
        assertThat(chat.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(chat.at("/messages/1/content/0/type").asText()).isEqualTo("text");
        assertThat(chat.at("/messages/1/content/0/text").asText()).isEqualTo("Hello");
        assertThat(chat.path("max_tokens").asLong()).isEqualTo(32);
        assertThat(chat.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(chat.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(chat.path("user").asText()).isEqualTo("u1");
        assertThat(chat.has("metadata")).isFalse();
        assertThat(chat.has("store")).isFalse();
        assertThat(chat.has("stream")).isFalse();
    }

    @Test
    void functionCallsAndTheirOutputsBecomeToolCallsAndToolMessages() throws Exception {
        ObjectNode chat = chat("{\"model\":\"m\",\"tools\":[" + WEATHER_TOOL + "],\"tool_choice\":{\"type\":"
                + "\"function\",\"name\":\"get_weather\"},\"input\":["
                + "{\"role\":\"developer\",\"content\":\"Use tools\"},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Paris?\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"https://example.com/p.png\",\"detail\":\"low\"}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_2\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Lyon\\\"}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"18C\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_2\",\"output\":[{\"type\":\"input_text\",\"text\":\"20C\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Done\"}]}]}");

        JsonNode messages = chat.path("messages");
        assertThat(messages).hasSize(6);
        assertThat(messages.at("/0/role").asText()).isEqualTo("system");
        assertThat(messages.at("/1/content/1/type").asText()).isEqualTo("image_url");
        assertThat(messages.at("/1/content/1/image_url/url").asText()).isEqualTo("https://example.com/p.png");
        assertThat(messages.at("/1/content/1/image_url/detail").asText()).isEqualTo("low");
        assertThat(messages.at("/2/role").asText()).isEqualTo("assistant");
        assertThat(messages.at("/2/content").isNull()).isTrue();
        assertThat(messages.at("/2/tool_calls")).hasSize(2);
        assertThat(messages.at("/2/tool_calls/0/id").asText()).isEqualTo("call_1");
        assertThat(messages.at("/2/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(messages.at("/2/tool_calls/1/function/arguments").asText()).isEqualTo("{\"city\":\"Lyon\"}");
        assertThat(messages.at("/3/role").asText()).isEqualTo("tool");
        assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.at("/3/content").asText()).isEqualTo("18C");
        assertThat(messages.at("/4/content").asText()).isEqualTo("20C");
        assertThat(messages.at("/5/content").asText()).isEqualTo("Done");
        assertThat(chat.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(chat.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(chat.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("city");
        assertThat(chat.at("/tools/0/function/strict").asBoolean()).isTrue();
        assertThat(chat.at("/tool_choice/function/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void textFormatsBecomeResponseFormatsAndAStreamAsksForUsage() throws Exception {
        ObjectNode schema = chat("{\"model\":\"m\",\"input\":\"x\",\"stream\":true,\"text\":{\"format\":{\"type\":"
                + "\"json_schema\",\"name\":\"answer\",\"strict\":true,\"schema\":{\"type\":\"object\"}}}}");
        assertThat(schema.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(schema.at("/response_format/json_schema/name").asText()).isEqualTo("answer");
        assertThat(schema.at("/response_format/json_schema/schema/type").asText()).isEqualTo("object");
        assertThat(schema.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(schema.path("stream").asBoolean()).isTrue();
        assertThat(schema.at("/stream_options/include_usage").asBoolean()).isTrue();

        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_object\"}}}")
                .at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"text\"}}}")
                .has("response_format")).isFalse();
    }

    @Test
    void anEarlierResponsesConversationComesBeforeTheNewInput() throws Exception {
        JsonNode first = read("{\"model\":\"m\",\"input\":\"My name is Ada\"}");
        ArrayNode firstInput = codec.inputItems(first);
        ObjectNode answered = codec.toResponse(read("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello Ada\"},\"finish_reason\":\"stop\"}]}"),
                new ResponseFrame("resp_1", 1, first));

        JsonNode second = read("{\"model\":\"m\",\"input\":\"What is my name?\",\"previous_response_id\":\"resp_1\"}");
        ArrayNode conversation = codec.conversation(firstInput, answered);
        codec.inputItems(second).forEach(conversation::add);
        ObjectNode chat = codec.toChatRequest(second, conversation);

        assertThat(chat.path("messages")).hasSize(3);
        assertThat(chat.at("/messages/0/content/0/text").asText()).isEqualTo("My name is Ada");
        assertThat(chat.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(chat.at("/messages/1/content").asText()).isEqualTo("Hello Ada");
        assertThat(chat.at("/messages/2/content/0/text").asText()).isEqualTo("What is my name?");
    }

    @Test
    void whatCannotBeTranslatedIsRefusedNamingTheField() {
        String[][] cases = {
                {"{\"input\":\"x\"}", "model"},
                {"{\"model\":\"m\"}", "input"},
                {"{\"model\":\"m\",\"input\":7}", "input"},
                {"{\"model\":\"m\",\"input\":[]}", "input"},
                {"{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}", "input"},
                {"{\"model\":\"m\",\"input\":[{\"type\":\"web_search_call\"}]}", "input"},
                {"{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "input"},
                {"{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\"}]}]}", "input"},
                {"{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":5}]}", "input"},
                {"{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"[1\"}]}", "input"},
                {"{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]}", "input"},
                {"{\"model\":\"m\",\"input\":[\"x\"]}", "input"},
                {"{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}]}", "tools"},
                {"{\"model\":\"m\",\"input\":\"x\",\"tools\":{}}", "tools"},
                {"{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":\"sometimes\"}", "tool_choice"},
                {"{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"yaml\"}}}", "text.format.type"},
                {"{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\"}}}", "text.format"},
                {"{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":0}", "max_output_tokens"},
                {"{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":1.5}", "max_output_tokens"},
                {"{\"model\":\"m\",\"input\":\"x\",\"temperature\":\"hot\"}", "temperature"},
                {"{\"model\":\"m\",\"input\":\"x\",\"temperature\":3}", "temperature"},
                {"{\"model\":\"m\",\"input\":\"x\",\"stream\":\"yes\"}", "stream"},
                {"{\"model\":\"m\",\"input\":\"x\",\"store\":1}", "store"},
                {"{\"model\":\"m\",\"input\":\"x\",\"instructions\":[]}", "instructions"},
                {"{\"model\":\"m\",\"input\":\"x\",\"previous_response_id\":5}", "previous_response_id"},
                {"{\"model\":\"m\",\"input\":\"x\",\"metadata\":{\"k\":1}}", "metadata"},
                {"{\"model\":\"m\",\"input\":\"x\",\"background\":true}", "background"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> chat(c[0])).as(c[0]).isInstanceOfSatisfying(WireFormatException.class,
                    e -> assertThat(e.field()).as(c[0]).isEqualTo(c[1]));
        }
    }

    @Test
    void aCompletionIsAResponseWithItsOutputItemsUsageAndEchoedSettings() throws Exception {
        JsonNode request = read("{\"model\":\"auto\",\"input\":\"x\",\"instructions\":\"Be kind\",\"tools\":["
                + WEATHER_TOOL + "],\"metadata\":{\"k\":\"v\"},\"max_output_tokens\":50}");
        ObjectNode response = codec.toResponse(read("{\"id\":\"c\",\"model\":\"sim-echo\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Let me look\",\"tool_calls\":[{\"id\":\"call_9\","
                + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,"
                + "\"total_tokens\":18,\"prompt_tokens_details\":{\"cached_tokens\":3}}}"),
                new ResponseFrame("resp_abc", 1_700_000_000L, request));

        assertThat(response.path("id").asText()).isEqualTo("resp_abc");
        assertThat(response.path("object").asText()).isEqualTo("response");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(response.path("model").asText()).isEqualTo("sim-echo");
        assertThat(response.path("instructions").asText()).isEqualTo("Be kind");
        assertThat(response.path("max_output_tokens").asLong()).isEqualTo(50);
        assertThat(response.at("/metadata/k").asText()).isEqualTo("v");
        assertThat(response.path("store").asBoolean()).isTrue();
        assertThat(response.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(response.path("output")).hasSize(2);
        assertThat(response.at("/output/0/type").asText()).isEqualTo("message");
        assertThat(response.at("/output/0/id").asText()).isEqualTo("msg_abc_0");
        assertThat(response.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
        assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("Let me look");
        assertThat(response.at("/output/1/type").asText()).isEqualTo("function_call");
        assertThat(response.at("/output/1/id").asText()).isEqualTo("fc_abc_1");
        assertThat(response.at("/output/1/call_id").asText()).isEqualTo("call_9");
        assertThat(response.at("/output/1/arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(response.at("/usage/input_tokens").asLong()).isEqualTo(11);
        assertThat(response.at("/usage/input_tokens_details/cached_tokens").asLong()).isEqualTo(3);
        assertThat(response.at("/usage/output_tokens").asLong()).isEqualTo(7);
        assertThat(response.at("/usage/output_tokens_details/reasoning_tokens").asLong()).isZero();
        assertThat(response.at("/usage/total_tokens").asLong()).isEqualTo(18);
    }

    @Test
    void aCutAnswerIsIncomplete() throws Exception {
        ObjectNode response = codec.toResponse(read("{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":\"length\"}]}"),
                new ResponseFrame("resp_x", 1, read("{\"model\":\"m\",\"input\":\"x\",\"store\":false}")));
        assertThat(response.path("status").asText()).isEqualTo("incomplete");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.path("store").asBoolean()).isFalse();
        assertThat(response.path("usage").isNull()).isTrue();
    }

    @Test
    void aTextStreamIsTheResponsesEventsInOrderEachNumbered() throws Exception {
        ResponsesEventEncoder encoder = codec.eventEncoder(new ResponseFrame("resp_s", 1,
                read("{\"model\":\"m\",\"input\":\"x\"}")));
        List<ResponsesEventEncoder.Event> events = new ArrayList<>();
        events.addAll(encoder.chunk(read("{\"model\":\"sim-echo\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
                + "\"assistant\",\"content\":\"\"}}]}")));
        events.addAll(encoder.chunk(read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}")));
        events.addAll(encoder.chunk(read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}")));
        events.addAll(encoder.chunk(read("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}")));
        events.addAll(encoder.chunk(read("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,"
                + "\"total_tokens\":7}}")));
        events.addAll(encoder.done());

        assertThat(events).extracting(ResponsesEventEncoder.Event::name).containsExactly(
                "response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).data().path("sequence_number").asLong()).isEqualTo(i);
            assertThat(events.get(i).data().path("type").asText()).isEqualTo(events.get(i).name());
        }
        assertThat(events.get(0).data().at("/response/status").asText()).isEqualTo("in_progress");
        assertThat(events.get(0).data().at("/response/model").asText()).isEqualTo("sim-echo");
        assertThat(events.get(4).data().path("delta").asText()).isEqualTo("Hel");
        assertThat(events.get(6).data().path("text").asText()).isEqualTo("Hello");
        JsonNode completed = events.get(9).data().path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo("Hello");
        assertThat(completed.at("/usage/input_tokens").asLong()).isEqualTo(5);
        assertThat(completed.at("/usage/output_tokens").asLong()).isEqualTo(2);
        assertThat(encoder.response()).isEqualTo(completed);
    }

    @Test
    void aToolCallStreamIsAFunctionCallItemWithArgumentDeltas() throws Exception {
        ResponsesEventEncoder encoder = codec.eventEncoder(new ResponseFrame("resp_t", 1,
                read("{\"model\":\"m\",\"input\":\"x\"}")));
        List<ResponsesEventEncoder.Event> events = new ArrayList<>();
        events.addAll(encoder.chunk(read("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":"
                + "[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"\"}}]}}]}")));
        events.addAll(encoder.chunk(read("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}")));
        events.addAll(encoder.chunk(read("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}}]}}]}")));
        events.addAll(encoder.chunk(read("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}")));
        events.addAll(encoder.done());

        assertThat(events).extracting(ResponsesEventEncoder.Event::name).containsExactly(
                "response.created", "response.in_progress", "response.output_item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        assertThat(events.get(2).data().at("/item/type").asText()).isEqualTo("function_call");
        assertThat(events.get(2).data().at("/item/call_id").asText()).isEqualTo("call_1");
        assertThat(events.get(5).data().path("arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
        JsonNode item = events.get(7).data().at("/response/output/0");
        assertThat(item.path("name").asText()).isEqualTo("get_weather");
        assertThat(item.path("arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(item.path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aBrokenStreamEndsWithAnErrorAndAFailedResponse() throws Exception {
        ResponsesEventEncoder encoder = codec.eventEncoder(new ResponseFrame("resp_e", 1,
                read("{\"model\":\"m\",\"input\":\"x\"}")));
        encoder.chunk(read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}"));
        List<ResponsesEventEncoder.Event> events = encoder.error("the upstream broke off", "upstream_stream_failed");
        assertThat(events).extracting(ResponsesEventEncoder.Event::name).containsExactly("error", "response.failed");
        assertThat(events.get(0).data().path("code").asText()).isEqualTo("upstream_stream_failed");
        assertThat(events.get(0).data().path("sequence_number").asLong()).isEqualTo(5);
        assertThat(events.get(1).data().at("/response/status").asText()).isEqualTo("failed");
        assertThat(events.get(1).data().at("/response/error/message").asText()).isEqualTo("the upstream broke off");
    }

    @Test
    void anItemReferenceIsTheStoredItemItNames() throws Exception {
        JsonNode first = read("{\"model\":\"m\",\"input\":\"Weather?\"}");
        ObjectNode answered = codec.toResponse(read("{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_7\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}"),
                new ResponseFrame("resp_abc", 1, first));
        String itemId = answered.at("/output/0/id").asText();
        assertThat(ResponsesCodec.responseOfItem(itemId)).contains("resp_abc");
        assertThat(ResponsesCodec.responseOfItem("nonsense")).isEmpty();

        JsonNode next = read("{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"" + itemId + "\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_7\",\"output\":\"sunny\"}]}");
        ArrayNode items = codec.inputItems(next, id -> ResponsesCodec.findItem(id, codec.inputItems(first), answered));
        assertThat(items.get(0).path("type").asText()).isEqualTo("function_call");
        assertThat(items.get(0).path("call_id").asText()).isEqualTo("call_7");
        ObjectNode chat = codec.toChatRequest(next, items);
        assertThat(chat.at("/messages/0/tool_calls/0/id").asText()).isEqualTo("call_7");
        assertThat(chat.at("/messages/1/tool_call_id").asText()).isEqualTo("call_7");

        assertThatThrownBy(() -> codec.inputItems(next, id -> java.util.Optional.empty()))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("no stored item");
    }

    @Test
    void aStoredConversationIsListedNewestFirstWithIdsInPages() throws Exception {
        JsonNode input = read("[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"a\"}]},{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":"
                + "\"{}\"},{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"x\"},{\"id\":\"msg_old_1\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"status\":\"completed\",\"content\":[]}]");

        ObjectNode newest = codec.inputItemsPage("resp_abc", input, false, 20, java.util.Optional.empty());
        assertThat(newest.path("object").asText()).isEqualTo("list");
        assertThat(newest.path("data")).hasSize(4);
        assertThat(newest.at("/data/0/id").asText()).isEqualTo("msg_old_1");
        assertThat(newest.at("/data/1/id").asText()).isEqualTo("fco_abc_in2");
        assertThat(newest.at("/data/2/id").asText()).isEqualTo("fc_abc_in1");
        assertThat(newest.at("/data/3/id").asText()).isEqualTo("msg_abc_in0");
        assertThat(newest.at("/data/3/status").asText()).isEqualTo("completed");
        assertThat(newest.path("first_id").asText()).isEqualTo("msg_old_1");
        assertThat(newest.path("last_id").asText()).isEqualTo("msg_abc_in0");
        assertThat(newest.path("has_more").asBoolean()).isFalse();

        ObjectNode first = codec.inputItemsPage("resp_abc", input, true, 3, java.util.Optional.empty());
        assertThat(first.path("data")).hasSize(3);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        ObjectNode rest = codec.inputItemsPage("resp_abc", input, true, 3,
                java.util.Optional.of(first.path("last_id").asText()));
        assertThat(rest.path("data")).hasSize(1);
        assertThat(rest.at("/data/0/id").asText()).isEqualTo("msg_old_1");
        assertThat(rest.path("has_more").asBoolean()).isFalse();
        ObjectNode none = codec.inputItemsPage("resp_abc", input, true, 3, java.util.Optional.of("unknown"));
        assertThat(none.path("data")).isEmpty();
        assertThat(none.path("first_id").isNull()).isTrue();
    }

    @Test
    void aResponseIdStartsWithResp() {
        assertThatThrownBy(() -> new ResponseFrame("msg_1", 1, JSON.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(codec.deleted("resp_1").toString()).isEqualTo("{\"id\":\"resp_1\",\"object\":\"response\",\"deleted\":true}");
    }
}
