package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code SWITCHGEAR_API_DOCS_ENABLED=false} (ADR 0019): neither the document nor its page is served. */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiReferenceOffTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "api-docs-off");
        registry.add("SWITCHGEAR_API_DOCS_ENABLED", () -> "false");
    }

    @LocalServerPort
    int port;

    @Test
    void theDocumentAndThePageNeedAKeyAndAreNotServedEvenWithOne() {
        GatewayClient gateway = new GatewayClient(port);
        for (String path : new String[] {"/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui/index.html",
                "/swagger-ui.html"}) {
            HttpResponse<String> anonymous = gateway.send("GET", path, null, null, Map.of());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            HttpResponse<String> admin = gateway.send("GET", path, GatewayClient.ADMIN_KEY, null, Map.of());
            assertThat(admin.statusCode()).as(path + " -> " + admin.body()).isEqualTo(404);
        }
    }
}
