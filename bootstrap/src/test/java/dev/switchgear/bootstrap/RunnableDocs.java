package dev.switchgear.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable shell blocks of a Markdown document and the output each is said to print (ADR 0027).
 *
 * <p>The convention, also told in {@code docs/README.md}: a fenced block whose info string is
 * {@code sh runnable} (or {@code bash runnable}) is run; an {@code output} block right after it
 * (only blank lines between) is what it prints on standard output. In an {@code output} block a line
 * that is just {@code ...} stands for any number of lines (none included), and a token in angle
 * brackets such as {@code <id>}, {@code <key>} or {@code <time>} for any text of at least one
 * character within its line. Anything else must match exactly, except trailing white space. An
 * {@code output} block that follows no runnable block is a mistake in the document, reported as such.
 */
final class RunnableDocs {

    /** One runnable block: where it starts (1-based line of its opening fence), its script, what it prints. */
    record Block(String document, int line, String script, List<String> expected) {

        boolean hasExpectedOutput() {
            return expected != null;
        }

        String where() {
            return document + ":" + line;
        }
    }

    private static final Pattern FENCE = Pattern.compile("^(`{3,})\\s*(.*)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][A-Za-z0-9 _.:/-]*>");
    static final String ANY_LINES = "...";

    private RunnableDocs() {
    }

    /** The runnable blocks of {@code markdown}, in order; a misplaced {@code output} block throws. */
    static List<Block> blocks(String document, String markdown) {
        List<String> lines = Arrays.asList(markdown.split("\r?\n", -1));
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        Block pending = null;
        while (i < lines.size()) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                if (!lines.get(i).isBlank()) {
                    pending = null;
                }
                i++;
                continue;
            }
            String fence = open.group(1);
            List<String> info = Arrays.asList(open.group(2).trim().toLowerCase(Locale.ROOT).split("\\s+"));
            int start = i;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.size() && !(lines.get(i).startsWith(fence) && lines.get(i).substring(fence.length()).isBlank())) {
                body.add(lines.get(i));
                i++;
            }
            if (i == lines.size()) {
                throw new IllegalArgumentException(document + ":" + (start + 1) + ": the fenced block is never closed");
            }
            i++;
            if (info.contains("runnable")) {
                if (!List.of("sh", "bash", "shell").contains(info.get(0))) {
                    throw new IllegalArgumentException(document + ":" + (start + 1)
                            + ": a runnable block must be sh, bash or shell, not " + info.get(0));
                }
                pending = new Block(document, start + 1, String.join("\n", body) + "\n", null);
                blocks.add(pending);
            } else if (info.get(0).equals("output")) {
                if (pending == null) {
                    throw new IllegalArgumentException(document + ":" + (start + 1)
                            + ": an output block must follow a runnable block (only blank lines between)");
                }
                blocks.set(blocks.size() - 1, new Block(document, pending.line(), pending.script(), List.copyOf(body)));
                pending = null;
            } else {
                pending = null;
            }
        }
        return blocks;
    }

    /**
     * Whether {@code actual} matches {@code expected}: {@code null} when it does, else a description
     * of the first line that does not.
     */
    static String mismatch(List<String> expected, String actual) {
        List<String> got = new ArrayList<>(Arrays.asList(actual.split("\r?\n", -1)));
        List<String> want = new ArrayList<>(expected);
        trimTrailingBlank(got);
        trimTrailingBlank(want);
        Integer[][] memo = new Integer[want.size() + 1][got.size() + 1];
        if (matches(want, 0, got, 0, memo)) {
            return null;
        }
        int[] furthest = furthest(want, got);
        int w = furthest[0];
        int g = furthest[1];
        String expectedLine = w < want.size() ? want.get(w) : "(the end of the output)";
        String actualLine = g < got.size() ? got.get(g) : "(the end of the output)";
        return "output line " + (g + 1) + " does not match expected line " + (w + 1) + "\n  expected: "
                + expectedLine + "\n  actual:   " + actualLine + "\n--- whole output ---\n" + String.join("\n", got);
    }

    private static boolean matches(List<String> want, int w, List<String> got, int g, Integer[][] memo) {
        if (memo[w][g] != null) {
            return memo[w][g] == 1;
        }
        boolean result;
        if (w == want.size()) {
            result = g == got.size();
        } else if (want.get(w).strip().equals(ANY_LINES)) {
            result = false;
            for (int skip = g; skip <= got.size() && !result; skip++) {
                result = matches(want, w + 1, got, skip, memo);
            }
        } else {
            result = g < got.size() && lineMatches(want.get(w), got.get(g)) && matches(want, w + 1, got, g + 1, memo);
        }
        memo[w][g] = result ? 1 : 0;
        return result;
    }

    /** The first expected and actual lines that could not be matched, following exact lines greedily. */
    private static int[] furthest(List<String> want, List<String> got) {
        int w = 0;
        int g = 0;
        while (w < want.size()) {
            if (want.get(w).strip().equals(ANY_LINES)) {
                int next = w + 1;
                if (next == want.size()) {
                    return new int[] {want.size(), got.size()};
                }
                while (g < got.size() && !lineMatches(want.get(next), got.get(g))) {
                    g++;
                }
                w = next;
                continue;
            }
            if (g < got.size() && lineMatches(want.get(w), got.get(g))) {
                w++;
                g++;
            } else {
                return new int[] {w, g};
            }
        }
        return new int[] {w, g};
    }

    static boolean lineMatches(String expected, String actual) {
        return linePattern(expected.stripTrailing()).matcher(actual.stripTrailing()).matches();
    }

    private static Pattern linePattern(String expected) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(expected);
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(expected.substring(last, placeholder.start()))).append(".+?");
            last = placeholder.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void trimTrailingBlank(List<String> lines) {
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
    }
}
