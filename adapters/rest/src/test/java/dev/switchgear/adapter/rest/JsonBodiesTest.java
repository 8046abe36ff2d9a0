package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private final ObjectMapper json = new ObjectMapper();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJsonObjectIsRead() {
        assertThat(JsonBodies.object(json, bytes("{\"a\":1}")).path("a").asInt()).isEqualTo(1);
    }

    @Test
    void anEmptyOrMissingBodyIsRefused() {
        assertThatThrownBy(() -> JsonBodies.object(json, null)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> JsonBodies.object(json, new byte[0])).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void invalidJsonIsRefused() {
        assertThatThrownBy(() -> JsonBodies.object(json, bytes("{\"a\":"))).isInstanceOf(BadRequestException.class)
                .hasMessage("The request body is not valid JSON");
    }

    @Test
    void jsonThatIsNotAnObjectIsRefused() {
        for (String body : new String[] {"[1,2]", "\"text\"", "42", "null"}) {
            assertThatThrownBy(() -> JsonBodies.object(json, bytes(body))).as(body)
                    .isInstanceOf(BadRequestException.class).hasMessage("The request body must be a JSON object");
        }
    }
}
