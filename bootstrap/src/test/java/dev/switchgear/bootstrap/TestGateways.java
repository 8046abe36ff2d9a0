package dev.switchgear.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every in-process end-to-end gateway starts with. */
final class TestGateways {

    private TestGateways() {
    }

    /**
     * A gateway on the embedded database (not kept between runs) in a fresh data directory named
     * after the test, with {@link GatewayClient#ADMIN_KEY} as its admin key.
     */
    static void embedded(DynamicPropertyRegistry registry, String name) {
        Path data;
        try {
            data = Files.createTempDirectory("switchgear-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("switchgear.data-dir", data::toString);
        registry.add("switchgear.admin-key", () -> GatewayClient.ADMIN_KEY);
        registry.add("switchgear.db.embedded-durable", () -> "false");
    }
}
