package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The integration guide's table of errors (docs/integration.md, between the {@code errors:begin} and
 * {@code errors:end} markers) lists every status and code the gateway answers, and nothing it does
 * not (ADR 0027): every code of every refusal enum, as {@link RestErrorHandling} maps it, has a row
 * with that status and OpenAI type; every code literal an error body is built with in this adapter
 * has a row; every code in the table is one of those; and each row's Anthropic type is the one
 * {@link AnthropicRoutes#errorType} gives {@code /v1/messages} for its status.
 */
class ErrorTableTest {

    static final Path GUIDE = Path.of("..", "..", "docs", "integration.md");
    static final Path SOURCES = Path.of("src", "main", "java");
    /** A code literal in an error body: {@code OpenAiError.of(message, "type", "code")} or RestErrorHandling's {@code error(...)}. */
    static final Pattern CODE_LITERAL = Pattern.compile(
            "(?:OpenAiError\\.of|\\berror)\\((?:[^;]*?),\\s*\"([a-z_]+)\"\\s*,\\s*\"([a-z_]+)\"\\s*\\)", Pattern.DOTALL);

    record Row(String status, String code, String type, String anthropicType) {
        boolean covers(int status, String code) {
            return this.code.equals(code == null ? "—" : code)
                    && (this.status.equals(Integer.toString(status))
                    || (this.status.endsWith("xx") && this.status.charAt(0) == Integer.toString(status).charAt(0)));
        }
    }

    record Emitted(int status, String type, String code, String from) {
    }

    static List<Row> table() throws IOException {
        String guide = Files.readString(GUIDE);
        int begin = guide.indexOf("<!-- errors:begin -->");
        int end = guide.indexOf("<!-- errors:end -->");
        assertThat(begin).as("docs/integration.md marks its error table with <!-- errors:begin --> … <!-- errors:end -->")
                .isNotNegative();
        assertThat(end).isGreaterThan(begin);
        List<Row> rows = new ArrayList<>();
        for (String line : guide.substring(begin, end).split("\n")) {
            if (!line.startsWith("|") || line.startsWith("| status") || line.startsWith("| ---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            rows.add(new Row(cells[1].strip(), unquote(cells[2]), unquote(cells[3]), unquote(cells[4])));
        }
        assertThat(rows).as("rows of the error table").hasSizeGreaterThan(20);
        return rows;
    }

    private static String unquote(String cell) {
        return cell.strip().replace("`", "");
    }

    /** Every refusal of the enums, through the one mapping the REST adapter uses. */
    static List<Emitted> mapped() {
        RestErrorHandling handling = new RestErrorHandling();
        List<Emitted> emitted = new ArrayList<>();
        for (CreditError code : CreditError.values()) {
            emitted.add(emitted(handling.handle(new CreditException(code, "m")), "CreditError." + code));
        }
        for (KeyringError code : KeyringError.values()) {
            emitted.add(emitted(handling.handle(new KeyringException(code, "m")), "KeyringError." + code));
        }
        for (IdentityError code : IdentityError.values()) {
            emitted.add(emitted(handling.handle(new IdentityException(code, "m")), "IdentityError." + code));
        }
        for (CompletionError code : CompletionError.values()) {
            if (code == CompletionError.UPSTREAM_REJECTED) {
                for (int upstream : new int[] {400, 401, 403, 404, 422}) {
                    emitted.add(emitted(handling.handle(new CompletionException(code, "m", upstream, Optional.empty())),
                            "CompletionError." + code + " (upstream " + upstream + ")"));
                }
            } else {
                emitted.add(emitted(handling.handle(new CompletionException(code, "m", 0,
                        Optional.of(Duration.ofSeconds(1)))), "CompletionError." + code));
            }
        }
        return emitted;
    }

    private static Emitted emitted(ResponseEntity<OpenAiError> response, String from) {
        OpenAiError.Body body = response.getBody().error();
        return new Emitted(response.getStatusCode().value(), body.type(), body.code(), from);
    }

    /** Every code literal an error body is built with in this adapter's sources. */
    static Set<String> literalCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CODE_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    codes.add(m.group(2));
                }
            }
        }
        return codes;
    }

    @Test
    void everyMappedRefusalHasARowWithItsStatusAndType() throws IOException {
        List<Row> rows = table();
        List<String> missing = new ArrayList<>();
        for (Emitted e : mapped()) {
            boolean listed = rows.stream().anyMatch(r -> r.covers(e.status(), e.code()) && r.type().contains(e.type()));
            if (!listed) {
                missing.add(e.from() + " → " + e.status() + " " + e.code() + " (" + e.type() + ")");
            }
        }
        assertThat(missing).as("errors the gateway answers that docs/integration.md's table lacks").isEmpty();
    }

    @Test
    void everyCodeAnErrorBodyIsBuiltWithHasARow() throws IOException {
        Set<String> listed = new LinkedHashSet<>();
        table().forEach(r -> listed.add(r.code()));
        Set<String> literals = literalCodes();

        assertThat(literals).as("codes found in the sources (the scan itself works)")
                .contains("request_too_large", "not_acceptable", "too_many_failed_authentications", "invalid_api_key");
        assertThat(listed).as("codes in the sources that docs/integration.md's table lacks").containsAll(literals);
    }

    @Test
    void everyCodeInTheTableIsOneTheGatewayAnswers() throws IOException {
        Set<String> known = new TreeSet<>(literalCodes());
        mapped().forEach(e -> known.add(e.code() == null ? "—" : e.code()));
        known.add("—");
        List<String> stale = table().stream().map(Row::code).filter(c -> !known.contains(c)).toList();

        assertThat(stale).as("codes in docs/integration.md's table that no code answers").isEmpty();
    }

    @Test
    void eachRowNamesTheAnthropicTypeOfItsStatus() throws IOException {
        for (Row row : table()) {
            if (!row.status().matches("\\d{3}")) {
                continue; // "4xx" (the upstream's status) and "stream" (an event in a started stream)
            }
            assertThat(row.anthropicType()).as("Anthropic type of " + row.status() + " " + row.code())
                    .isEqualTo(AnthropicRoutes.errorType(Integer.parseInt(row.status())));
        }
    }

    @Test
    void theTableReaderSeesAMissingCode() {
        Row documented = new Row("402", "insufficient_credits", "insufficient_quota", "billing_error");
        Row anyClientError = new Row("4xx", "upstream_rejected", "invalid_request_error", "(its status')");

        assertThat(documented.covers(402, "insufficient_credits")).isTrue();
        assertThat(documented.covers(402, "monthly_cap_reached")).isFalse();
        assertThat(documented.covers(409, "insufficient_credits")).isFalse();
        assertThat(anyClientError.covers(404, "upstream_rejected")).isTrue();
        assertThat(anyClientError.covers(502, "upstream_rejected")).isFalse();
        Matcher m = CODE_LITERAL.matcher("return OpenAiError.of(\"a \" + b,\n  \"invalid_request_error\", \"new_code\");");
        assertThat(m.find()).isTrue();
        assertThat(m.group(2)).isEqualTo("new_code");
    }
}
