package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Docs that run (issue #18, ADR 0027): every block marked {@code sh runnable} in the README and in
 * the Markdown files of {@code docs/} runs with bash against this started gateway (embedded
 * PostgreSQL, the built-in simulator), a document's blocks in order in one shell, with {@code GW}
 * set to the gateway's URL and {@code ADMIN} to its admin key — the two variables the README's
 * quickstart tells the reader to set. A block that fails, or prints other than its {@code output}
 * block shows, fails the document's test.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocsRunEndToEndTest {

    /** Where the documents are, seen from the bootstrap module (Maven runs its tests there). */
    static final Path ROOT = Path.of("..");
    /** The documents that must have runnable blocks with output: the README's quickstart and the guides. */
    static final List<String> MUST_RUN = List.of("README.md", "docs/byok-guide.md", "docs/power-levels.md",
            "docs/credits.md", "docs/integration.md", "docs/admin-guide.md");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestGateways.embedded(registry, "docs-e2e");
        // As the BYOK guide tells the reader to start it: a custom endpoint on this machine is allowed.
        registry.add("switchgear.byok.allowed-hosts", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    static String name(Path document) {
        return ROOT.relativize(document).toString().replace('\\', '/');
    }

    @Test
    void theReadmeAndEveryGuideHaveRunnableBlocksThatShowTheirOutput() throws IOException {
        for (String document : MUST_RUN) {
            List<RunnableDocs.Block> blocks = RunnableDocs.blocks(document, Files.readString(ROOT.resolve(document)));
            assertThat(blocks).as(document + " has runnable blocks").isNotEmpty();
        }
        // curl exits 0 on an error status, so a block's exit status alone proves little: each shows its output.
        for (Path document : documents()) {
            for (RunnableDocs.Block block : RunnableDocs.blocks(name(document), Files.readString(document))) {
                assertThat(block.hasExpectedOutput()).as("the runnable block at " + block.where()
                        + " is followed by an output block").isTrue();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRunnableBlockRunsAndPrintsWhatItsDocumentShows() throws IOException {
        Map<String, String> environment = Map.of("GW", "http://127.0.0.1:" + port, "ADMIN", GatewayClient.ADMIN_KEY);
        DocScriptRunner runner = new DocScriptRunner(environment, Duration.ofMinutes(3));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path document : documents()) {
            List<RunnableDocs.Block> blocks = RunnableDocs.blocks(name(document), Files.readString(document));
            if (blocks.isEmpty()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name(document) + " (" + blocks.size() + " blocks)", () -> {
                DocScriptRunner.Outcome outcome = runner.run(blocks);
                assertThat(outcome.failure()).as(name(document)).isNull();
                assertThat(outcome.blocksRun()).isEqualTo(blocks.size());
            }));
        }
        return tests.stream();
    }
}
