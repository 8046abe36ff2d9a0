package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The extractor, the matcher and the runner behind {@link DocsRunEndToEndTest}, without a gateway. */
class RunnableDocsTest {

    private static final String FENCE = "```";

    private static String doc(String... lines) {
        return String.join("\n", lines).replace("~~~", FENCE) + "\n";
    }

    @Test
    void onlyBlocksMarkedRunnableAreTakenEachWithTheOutputBlockRightAfterIt() {
        List<RunnableDocs.Block> blocks = RunnableDocs.blocks("guide.md", doc(
                "# Guide",
                "~~~sh",
                "echo not run",
                "~~~",
                "~~~sh runnable",
                "X=1",
                "echo \"x is $X\"",
                "~~~",
                "",
                "~~~output",
                "x is 1",
                "~~~",
                "~~~bash runnable",
                "true",
                "~~~",
                "Some prose.",
                "~~~json",
                "{}",
                "~~~"));

        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).line()).isEqualTo(5);
        assertThat(blocks.get(0).script()).isEqualTo("X=1\necho \"x is $X\"\n");
        assertThat(blocks.get(0).expected()).containsExactly("x is 1");
        assertThat(blocks.get(1).where()).isEqualTo("guide.md:13");
        assertThat(blocks.get(1).hasExpectedOutput()).isFalse();
    }

    @Test
    void anOutputBlockThatFollowsNoRunnableBlockIsAMistakeInTheDocument() {
        assertThatThrownBy(() -> RunnableDocs.blocks("guide.md", doc(
                "~~~sh runnable", "echo a", "~~~", "Prose in between.", "~~~output", "a", "~~~")))
                .hasMessageContaining("guide.md:5").hasMessageContaining("must follow a runnable block");
        assertThatThrownBy(() -> RunnableDocs.blocks("guide.md", doc("~~~python runnable", "print(1)", "~~~")))
                .hasMessageContaining("must be sh, bash or shell");
        assertThatThrownBy(() -> RunnableDocs.blocks("guide.md", doc("~~~sh runnable", "echo a")))
                .hasMessageContaining("never closed");
    }

    @Test
    void placeholdersStandForAnyTextInALineAndThreeDotsForAnyLines() {
        List<String> expected = List.of("{", "  \"id\": \"<id>\",", "...", "  \"balance\": \"9.998320\"", "}");

        assertThat(RunnableDocs.mismatch(expected,
                "{\n  \"id\": \"0bec3040-496f\",\n  \"a\": 1,\n  \"b\": 2,\n  \"balance\": \"9.998320\"\n}\n")).isNull();
        assertThat(RunnableDocs.mismatch(expected, "{\n  \"id\": \"x\",\n  \"balance\": \"9.998320\"\n}")).isNull();
        assertThat(RunnableDocs.lineMatches("X-Request-Id: <request id>", "X-Request-Id: chatcmpl-1\r")).isTrue();
        assertThat(RunnableDocs.lineMatches("\"id\": \"<id>\"", "\"id\": \"\"")).isFalse();
        assertThat(RunnableDocs.lineMatches("costs 1.5 (a.b)", "costs 105 (axb)")).isFalse();
    }

    @Test
    void aMismatchNamesTheLineThatDiffersAndShowsTheWholeOutput() {
        String mismatch = RunnableDocs.mismatch(List.of("{", "  \"balance\": \"9.998320\"", "}"),
                "{\n  \"balance\": \"9.998000\"\n}\n");

        assertThat(mismatch).contains("output line 2 does not match expected line 2")
                .contains("expected:   \"balance\": \"9.998320\"")
                .contains("actual:     \"balance\": \"9.998000\"");
        assertThat(RunnableDocs.mismatch(List.of("a", "b"), "a\n")).contains("(the end of the output)");
        assertThat(RunnableDocs.mismatch(List.of("a"), "a\nb\n")).contains("output line 2");
    }

    @Test
    void theRunnerSharesStateAcrossBlocksAndReportsABlockWhoseOutputDrifted() throws Exception {
        List<RunnableDocs.Block> blocks = RunnableDocs.blocks("guide.md", doc(
                "~~~sh runnable", "ACCOUNT=acme-$GREETING", "~~~",
                "~~~sh runnable", "echo \"account $ACCOUNT\"", "~~~",
                "~~~output", "account acme-<word>", "~~~",
                "~~~sh runnable", "echo \"balance 9.998320\"", "~~~",
                "~~~output", "balance 10.000000", "~~~"));

        DocScriptRunner.Outcome outcome = new DocScriptRunner(Map.of("GREETING", "hello"), Duration.ofSeconds(30))
                .run(blocks);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.failure()).contains("guide.md:10").contains("no longer prints what the document shows")
                .contains("actual:   balance 9.998320");
    }

    @Test
    void theRunnerStopsAtTheFirstCommandThatFailsAndNamesItsBlock() throws Exception {
        List<RunnableDocs.Block> blocks = RunnableDocs.blocks("guide.md", doc(
                "~~~sh runnable", "echo first", "~~~",
                "~~~sh runnable", "echo second; curl-that-does-not-exist --help; echo never", "~~~",
                "~~~sh runnable", "echo third", "~~~"));

        DocScriptRunner.Outcome outcome = new DocScriptRunner(Map.of(), Duration.ofSeconds(30)).run(blocks);

        assertThat(outcome.failure()).contains("the block at guide.md:4 failed (exit status 127)")
                .contains("--- its output ---\nsecond\n\n--- its errors ---");
        assertThat(outcome.blocksRun()).isEqualTo(1);
    }

    @Test
    void anUnsetVariableAndAFailingPipeStageFailTheirBlock() throws Exception {
        DocScriptRunner runner = new DocScriptRunner(Map.of(), Duration.ofSeconds(30));

        assertThat(runner.run(RunnableDocs.blocks("a.md", doc("~~~sh runnable", "echo \"$NOT_SET\"", "~~~")))
                .failure()).contains("a.md:1 failed").contains("NOT_SET");
        assertThat(runner.run(RunnableDocs.blocks("b.md", doc("~~~sh runnable", "false | cat", "~~~")))
                .failure()).contains("b.md:1 failed");
    }

    @Test
    void aBlockThatHangsIsStoppedAndReported() throws Exception {
        DocScriptRunner.Outcome outcome = new DocScriptRunner(Map.of(), Duration.ofSeconds(2))
                .run(RunnableDocs.blocks("slow.md", doc("~~~sh runnable", "sleep 60", "~~~")));

        assertThat(outcome.failure()).contains("slow.md:1 did not finish within 2 s");
    }

    @Test
    void aDocumentWhoseBlocksAllRunAndMatchPasses() throws Exception {
        DocScriptRunner.Outcome outcome = new DocScriptRunner(Map.of("GW", "http://gw"), Duration.ofSeconds(30))
                .run(RunnableDocs.blocks("ok.md", doc(
                        "~~~sh runnable", "printf '{\\n  \"url\": \"%s\"\\n}\\n' \"$GW\"", "~~~",
                        "~~~output", "{", "  \"url\": \"http://<host>\"", "}", "~~~")));

        assertThat(outcome.passed()).as(String.valueOf(outcome.failure())).isTrue();
        assertThat(outcome.blocksRun()).isEqualTo(1);
    }
}
