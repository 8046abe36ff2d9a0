package dev.switchgear.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.ParameterizableViewController;

class ConsoleRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SimpleUrlHandlerMapping mapping(ConsoleSettings settings) {
        SimpleUrlHandlerMapping mapping = ConsoleRoutes.mapping(settings, JSON);
        mapping.setApplicationContext(new StaticWebApplicationContext());
        return mapping;
    }

    private static Object handler(SimpleUrlHandlerMapping mapping, String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        HandlerExecutionChain chain = mapping.getHandler(request);
        return chain == null ? null : chain.getHandler();
    }

    @Test
    void everyDeepLinkOfTheConsoleIsAnsweredWithItsSinglePage() throws Exception {
        SimpleUrlHandlerMapping mapping = mapping(new ConsoleSettings(Optional.empty(), "switchgear-console"));
        for (String path : new String[] {"/admin", "/admin/llm/byok", "/admin/subscription/credits", "/admin/oidc-callback"}) {
            assertThat(handler(mapping, "GET", path)).as(path).isInstanceOfSatisfying(ParameterizableViewController.class,
                    page -> assertThat(page.getViewName()).isEqualTo("forward:/index.html"));
        }
        assertThat(handler(mapping, "GET", "/api/v1/admin/master-key")).as("the API is not the console's").isNull();
        assertThat(handler(mapping, "GET", "/administrator")).isNull();
    }

    @Test
    void theSettingsTellWhetherAndWhereToSignInWithOidcAndNothingElse() throws Exception {
        JsonNode off = config(new ConsoleSettings(Optional.of("  "), "switchgear-console"));
        assertThat(off.at("/oidc/enabled").asBoolean()).isFalse();
        assertThat(off.at("/oidc/issuer").isNull()).isTrue();
        assertThat(off.at("/oidc/client_id").isNull()).isTrue();

        JsonNode on = config(new ConsoleSettings(Optional.of("https://id.example.com/realms/acme"), "switchgear-console"));
        assertThat(on.at("/oidc/enabled").asBoolean()).isTrue();
        assertThat(on.at("/oidc/issuer").asText()).isEqualTo("https://id.example.com/realms/acme");
        assertThat(on.at("/oidc/client_id").asText()).isEqualTo("switchgear-console");
        assertThat(on.size()).isEqualTo(1);
    }

    @Test
    void theSettingsAreOnlyRead() throws Exception {
        HttpRequestHandler handler = (HttpRequestHandler) handler(mapping(new ConsoleSettings(Optional.empty(), "c")),
                "POST", ConsoleRoutes.CONFIG);
        MockHttpServletResponse response = new MockHttpServletResponse();
        handler.handleRequest(new MockHttpServletRequest("POST", ConsoleRoutes.CONFIG), response);
        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void aBlankClientIdIsRefused() {
        assertThatThrownBy(() -> new ConsoleSettings(Optional.empty(), " ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode config(ConsoleSettings settings) throws Exception {
        HttpRequestHandler handler = (HttpRequestHandler) handler(mapping(settings), "GET", ConsoleRoutes.CONFIG);
        MockHttpServletResponse response = new MockHttpServletResponse();
        handler.handleRequest(new MockHttpServletRequest("GET", ConsoleRoutes.CONFIG), response);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        return JSON.readTree(response.getContentAsString());
    }
}
