package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code switchgear.graphql.introspection=false}: introspection is refused even to the administrator;
 * and GraphiQL switched off.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphQlIntrospectionOffTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "introspection");
        registry.add("switchgear.graphql.introspection", () -> "false");
        registry.add("switchgear.graphql.graphiql-enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Test
    void introspectionIsOffForEveryone() {
        GatewayClient gateway = new GatewayClient(port);
        JsonNode body = gateway.graphql(GatewayClient.ADMIN_KEY, "{ __schema { queryType { name } } }").body();
        assertThat(body.at("/data/__schema/queryType/name").isMissingNode()).isTrue();
        assertThat(body.at("/errors/0/message").asText()).isNotBlank();
        String account = gateway.openAccount("Still answers", "starter");
        assertThat(gateway.graphql(GatewayClient.ADMIN_KEY, "{ account(id: \"" + account + "\") { name } }").body()
                .at("/data/account/name").asText()).isEqualTo("Still answers");
    }

    /** {@code switchgear.graphql.graphiql-enabled=false} as in production (ADR 0024): no GraphiQL page at all. */
    @Test
    void graphiQlIsNotServedWhenSwitchedOff() {
        GatewayClient gateway = new GatewayClient(port);
        var page = gateway.send("GET", "/graphiql?path=/graphql", GatewayClient.ADMIN_KEY, null, java.util.Map.of());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContainIgnoringCase("<html");
    }
}
