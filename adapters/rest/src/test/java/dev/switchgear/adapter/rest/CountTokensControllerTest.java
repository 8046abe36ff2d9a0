package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.CountTokensUseCase;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.shared.Caller;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * {@code POST /v1/messages/count_tokens}: Anthropic's request read like a message (without
 * {@code max_tokens}), translated into the chat request that is counted — system prompt, tool
 * turns and tool definitions included — and every refusal in Anthropic's error shape, with nothing
 * counted and no completion started.
 */
class CountTokensControllerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> counted = new ArrayList<>();
    private final List<String> models = new ArrayList<>();
    private final CountTokensUseCase counts = (model, request) -> {
        if (model.equals("nope")) {
            throw new CompletionException(CompletionError.MODEL_NOT_FOUND, "The model `nope` does not exist");
        }
        try {
            counted.add(JSON.readTree(request));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        models.add(model);
        return new CountTokensUseCase.TokenCount(request.length, false);
    };
    private final CompleteChatUseCase completions = new CompleteChatUseCase() {
        @Override
        public ChatCompletion complete(Caller caller, ChatRequest request) {
            throw new AssertionError("a count never completes");
        }

        @Override
        public StreamedCompletion stream(Caller caller, ChatRequest request, ChunkSink sink) {
            throw new AssertionError("a count never streams");
        }
    };
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new MessagesController(completions, counts, JSON, new RestErrorHandling()))
            .setControllerAdvice(new RestErrorHandling(), new AnthropicErrorShape()).build();

    private MvcResult count(String body) throws Exception {
        return mvc.perform(post("/v1/messages/count_tokens").contentType(MediaType.APPLICATION_JSON).content(body)
                .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator())).andReturn();
    }

    @Test
    void aRequestWithSystemToolTurnsAndToolsIsCountedAsTheChatRequestItBecomes() throws Exception {
        MvcResult reply = count("""
                {"model":"claude-sonnet","system":"Be terse.","tool_choice":{"type":"auto"},
                 "tools":[{"name":"weather","description":"Weather of a city",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "messages":[{"role":"user","content":"Weather in Paris?"},
                   {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"weather","input":{"city":"Paris"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"18 degrees"}]}]}""");

        assertThat(reply.getResponse().getStatus()).as(reply.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode answer = JSON.readTree(reply.getResponse().getContentAsString());
        assertThat(answer.size()).isEqualTo(1);
        JsonNode request = counted.get(0);
        assertThat(answer.path("input_tokens").asLong()).isEqualTo(JSON.writeValueAsBytes(request).length);
        assertThat(models).containsExactly("claude-sonnet");
        assertThat(request.has("max_tokens")).isFalse();
        assertThat(request.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(request.at("/messages/0/content").asText()).isEqualTo("Be terse.");
        assertThat(request.at("/tools/0/function/name").asText()).isEqualTo("weather");
        assertThat(request.toString()).contains("tool_calls", "\"tool\"", "18 degrees");
    }

    @Test
    void maxTokensIsNotNeededToCount() throws Exception {
        mvc.perform(post("/v1/messages/count_tokens").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.input_tokens").isNumber());
    }

    @Test
    void badBodiesAreRefusedInAnthropicsShapeAndNothingIsCounted() throws Exception {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        for (String body : new String[] {"", "{", "[]", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"model\":\"\"," + messages + "}", "{\"model\":\"m\",\"messages\":[]}",
                "{\"model\":\"m\",\"messages\":\"hi\"}", "{\"model\":\"m\",\"messages\":[{\"role\":\"system\","
                + "\"content\":\"x\"}]}", "{\"model\":7," + messages + "}", "{\"model\":\"m\"," + messages + ",\"a\":1,\"a\":2}"}) {
            MvcResult reply = count(body);
            assertThat(reply.getResponse().getStatus()).as(body).isEqualTo(400);
            JsonNode error = JSON.readTree(reply.getResponse().getContentAsString());
            assertThat(error.path("type").asText()).as(body).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).as(body).isEqualTo("invalid_request_error");
            assertThat(error.at("/error/message").asText()).as(body).isNotBlank();
        }
        assertThat(counted).isEmpty();
    }

    @Test
    void anUnknownModelIsAnthropicsNotFoundError() throws Exception {
        MvcResult reply = count("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(reply.getResponse().getStatus()).isEqualTo(404);
        JsonNode error = JSON.readTree(reply.getResponse().getContentAsString());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("not_found_error");
        assertThat(error.at("/error/message").asText()).contains("nope");
    }

    @Test
    void oneRuleDecidesWhichPathsAreAnthropicsAndWhichTypeAStatusHas() {
        assertThat(List.of("/v1/messages", "/v1/messages/count_tokens", "/v1/messages/unknown/deeper",
                "/v1/messages;x=1")).allMatch(AnthropicRoutes::matches);
        assertThat(List.of("/v1/messagesx", "/v1/chat/completions", "/v1/message", "/api/v1/messages", ""))
                .noneMatch(AnthropicRoutes::matches);
        assertThat(AnthropicRoutes.matches((String) null)).isFalse();
        assertThat(List.of(400, 401, 402, 403, 404, 405, 406, 409, 413, 415, 429, 500, 502, 503, 529))
                .extracting(AnthropicRoutes::errorType)
                .containsExactly("invalid_request_error", "authentication_error", "billing_error", "permission_error",
                        "not_found_error", "invalid_request_error", "invalid_request_error", "invalid_request_error",
                        "request_too_large", "invalid_request_error", "rate_limit_error", "api_error", "api_error",
                        "overloaded_error", "overloaded_error");
    }
}
