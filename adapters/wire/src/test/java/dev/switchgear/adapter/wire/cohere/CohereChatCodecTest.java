package dev.switchgear.adapter.wire.cohere;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.domain.shared.TokenUsage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CohereChatCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CohereChatCodec codec = new CohereChatCodec(JSON);

    @Test
    void withoutBilledUnitsTheTokenCountsAreTheUsage() throws IOException {
        assertThat(CohereChatCodec.usage(JSON.readTree("{\"tokens\":{\"input_tokens\":70,\"output_tokens\":9}}")))
                .isEqualTo(new TokenUsage(70, 9));
        assertThat(CohereChatCodec.usage(JSON.readTree("{\"billed_units\":{\"input_tokens\":7,\"output_tokens\":3},"
                + "\"tokens\":{\"input_tokens\":70,\"output_tokens\":9}}"))).isEqualTo(new TokenUsage(7, 3));
    }

    @Test
    void aJsonSchemaResponseFormatAndTheCallersCapsAreCarriedOver() throws IOException {
        ObjectNode request = codec.toCohereRequest(JSON.readTree("{\"max_tokens\":50,\"seed\":7,\"tool_choice\":\"none\","
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":"
                + "{\"type\":\"object\"}}},\"messages\":[{\"role\":\"user\",\"name\":\"ann\",\"content\":\"hi\"}]}"),
                "command-r", null, true);

        assertThat(request.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(request.path("seed").asInt()).isEqualTo(7);
        assertThat(request.path("tool_choice").asText()).isEqualTo("NONE");
        assertThat(request.at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(request.at("/response_format/json_schema/type").asText()).isEqualTo("object");
        assertThat(request.at("/messages/0/name").isMissingNode()).isTrue();
        assertThat(request.path("stream").asBoolean()).isTrue();
    }
}
