package dev.switchgear.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Seeded property test over every JSON endpoint of the booted gateway (found by walking Spring's
 * {@link RequestMappingHandlerMapping}, plus {@code /graphql}): valid example bodies mutated (type
 * swaps, huge numbers, {@code 1e999999999}, negatives, NaN strings, deep nesting, unicode, nulls,
 * missing and extra fields, broken JSON), mutated headers and query parameters and path segments,
 * sent with the admin key, an account key or none. For every input: no 5xx, no internal name in
 * the response, errors in the route's own shape, and a refused request changes no balance, event,
 * key or routing rule. The seed is printed and named in every failure; rerun one with
 * {@code -Dswitchgear.fuzz.seed=<seed>}, and change the count with {@code -Dswitchgear.fuzz.inputs=<n>}.
 */
@SpringBootTest(classes = SwitchgearApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FuzzEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final WireMockServer STRIPE = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final Pattern LEAK = Pattern.compile("dev\\.switchgear|java\\.lang|java\\.|javax\\.|jakarta\\."
            + "|[A-Za-z]Exception\\b|\\bException\\b|org\\.springframework|org\\.apache|org\\.jooq|org\\.postgresql"
            + "|com\\.fasterxml|\\bat [a-z]+\\.[a-z]+\\.|\\bSELECT\\b|\\bINSERT INTO\\b|\\bUPDATE [a-z_]+ SET\\b"
            + "|syntax error at|\\bSQLSTATE\\b|\\bPSQL");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestGateways.embedded(registry, "fuzz");
        // Every input comes from 127.0.0.1; at the default limit the fuzzer's wrong keys would get
        // that one address answered 429 for everything, its valid keys and the state reads too.
        // The limit is tested on its own (FailedAuthenticationsTest and the security end-to-end tests).
        registry.add("switchgear.security.failed-authentications-per-minute", () -> "100000000");
        registry.add("switchgear.billing.stripe-secret-key", () -> "sk_test_switchgear_fuzz_0123456789");
        registry.add("switchgear.billing.stripe-webhook-secret", () -> "whsec_fuzz_0123456789");
        registry.add("switchgear.billing.stripe-api-base", () -> "http://127.0.0.1:" + STRIPE.port());
        // Upstreams that answer at once (refused connections), so no input waits on the internet.
        for (String provider : List.of("openai", "anthropic", "cohere", "gemini", "groq", "together", "fireworks",
                "deepinfra", "openrouter", "perplexity", "huggingface")) {
            registry.add("switchgear.providers." + provider + ".base-url", () -> "http://127.0.0.1:9");
        }
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private long knownEvents;

    record Endpoint(String method, String path) {
    }

    record Input(int index, String method, String path, String bearerName, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            String shown = body == null ? "<none>" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
            String target = path.length() > 200 ? path.substring(0, 200) + "…" : path;
            String shownHeaders = headers.toString();
            shownHeaders = shownHeaders.length() > 120 ? shownHeaders.substring(0, 120) + "…" : shownHeaders;
            return "#" + index + " " + method + " " + target + " as " + bearerName + " headers=" + shownHeaders
                    + " body=" + shown;
        }
    }

    @Test
    void noMutatedInputGets5xxLeaksAnInternalNameOrChangesStateWhenRefused() throws Exception {
        long seed = Long.getLong("switchgear.fuzz.seed", System.nanoTime());
        int inputs = Integer.getInteger("switchgear.fuzz.inputs", 2500);
        System.out.println("FuzzEndToEndTest seed=" + seed + " inputs=" + inputs);
        SplittableRandom random = new SplittableRandom(seed);

        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"cs_test_fuzz\",\"object\":\"checkout.session\",\"mode\":\"payment\","
                        + "\"payment_status\":\"unpaid\",\"url\":\"https://checkout.stripe.com/c/pay/cs_test_fuzz\"}")));
        GatewayClient gateway = new GatewayClient(port);
        String account = gateway.openAccount("Fuzzed", "enterprise");
        String accountKey = gateway.issueKey(account);
        gateway.grant(account, "100000");
        GatewayClient.Reply first = gateway.post("/v1/chat/completions", accountKey, GatewayEndToEndTest.HELLO);
        assertThat(first.status()).isEqualTo(200);
        String requestId = first.raw().headers().firstValue("X-Request-Id").orElseThrow();
        Fixture fixture = new Fixture(account, accountKey, requestId,
                JSON.readTree(gateway.get("/api/v1/llm/routing/rules", GatewayClient.ADMIN_KEY).raw().body()));

        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(30);
        Map<Endpoint, Integer> tried = new TreeMap<>((a, b) -> (a.path + a.method).compareTo(b.path + b.method));
        List<String> failures = new ArrayList<>();
        countEvents(fixture);
        String state = state(fixture);
        int sent = 0;
        long sending = 0;
        long checking = 0;
        for (int i = 0; i < inputs && failures.size() < 25; i++) {
            Endpoint endpoint = endpoints.get(i % endpoints.size());
            Input input = input(i, endpoint, fixture, random);
            HttpResponse<String> reply;
            long began = System.nanoTime();
            try {
                reply = send(input, fixture);
            } catch (IllegalArgumentException notSendable) {
                continue;
            }
            sent++;
            sending += System.nanoTime() - began;
            tried.merge(endpoint, 1, Integer::sum);
            String problem = check(input, reply);
            if (problem == null && MUTATING.contains(input.method())) {
                long stateBegan = System.nanoTime();
                String after = state(fixture);
                checking += System.nanoTime() - stateBegan;
                if (reply.statusCode() >= 400 && !after.equals(state)) {
                    problem = "a refused request (" + reply.statusCode() + ") changed the state: " + reply.body();
                }
                if (reply.statusCode() < 400 || problem != null) {
                    countEvents(fixture);
                    after = state(fixture);
                }
                state = after;
            }
            if (problem != null) {
                failures.add("seed=" + seed + " " + input + "\n  -> " + reply.statusCode() + " " + problem);
            }
        }
        System.out.println("FuzzEndToEndTest seed=" + seed + " sent=" + sent + " endpoints=" + tried.size()
                + " failures=" + failures.size() + " sending=" + sending / 1_000_000 + "ms state="
                + checking / 1_000_000 + "ms");
        assertThat(failures).as("seed=" + seed + " (rerun with -Dswitchgear.fuzz.seed=" + seed + ")").isEmpty();
        assertThat(tried.keySet()).as("every endpoint got inputs").containsExactlyInAnyOrderElementsOf(endpoints);
        assertThat(sent).isGreaterThan(inputs * 9 / 10);
    }

    private record Fixture(String account, String accountKey, String requestId, JsonNode rules) {
    }

    /** Every REST endpoint of the gateway's own controllers, and GraphQL. */
    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getName().startsWith("dev.switchgear.")) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            List<String> names = methods.isEmpty() ? List.of("GET", "POST") : methods.stream().map(Enum::name).toList();
            for (String pattern : entry.getKey().getPatternValues()) {
                for (String method : names) {
                    endpoints.add(new Endpoint(method, pattern));
                }
            }
        }
        endpoints.add(new Endpoint("POST", "/graphql"));
        endpoints.sort((a, b) -> (a.path + a.method).compareTo(b.path + b.method));
        return endpoints;
    }

    /**
     * Balance, holds, cap and threshold; the account's events after the first {@code knownEvents}
     * (its history is append-only, so none there means none added); its keyring; the routing rules
     * and catalog version.
     */
    private String state(Fixture f) throws IOException {
        JsonNode credits = JSON.readTree(observe("/api/v1/llm/credits", f.accountKey()));
        String money = credits.path("balanceMicroCredits").asText() + "/" + credits.path("reserved").asText() + "/"
                + credits.path("monthlyCap").asText() + "/" + credits.path("lowBalanceThreshold").asText();
        JsonNode added = JSON.readTree(observe("/api/v1/admin/accounts/" + f.account() + "/events?from="
                + knownEvents, GatewayClient.ADMIN_KEY)).path("events");
        return money + "\n" + added + "\n" + observe("/api/v1/byok/keys", f.accountKey()) + "\n"
                + observe("/api/v1/llm/routing/rules", GatewayClient.ADMIN_KEY);
    }

    /** Counts the account's events, so that {@link #state} reads only those added since. */
    private void countEvents(Fixture f) throws IOException {
        knownEvents += JSON.readTree(observe("/api/v1/admin/accounts/" + f.account() + "/events?from=" + knownEvents,
                GatewayClient.ADMIN_KEY)).path("events").size();
    }

    /** A read of the state with a valid key; anything but 200 is a failure of the test, not a finding. */
    private String observe(String path, String key) throws IOException {
        try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("reading the state failed: " + reply.statusCode() + " " + reply.body());
            }
            return reply.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(Input input, Fixture f) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + input.path()))
                .timeout(Duration.ofSeconds(60))
                .method(input.method(), input.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(input.body()));
        String bearer = switch (input.bearerName()) {
            case "admin" -> GatewayClient.ADMIN_KEY;
            case "account" -> f.accountKey();
            case "wrong" -> "sk-sg-wrong-0123456789";
            default -> null;
        };
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (!input.headers().containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        input.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Null when the reply is acceptable, else what is wrong with it. */
    private static String check(Input input, HttpResponse<String> reply) {
        int status = reply.statusCode();
        String body = reply.body() == null ? "" : reply.body();
        if (status >= 500) {
            return "a 5xx: " + abbreviate(body);
        }
        Matcher leak = LEAK.matcher(body);
        if (leak.find()) {
            return "leaks `" + leak.group() + "`: " + abbreviate(body);
        }
        if (input.path().startsWith("/graphql")) {
            return body.contains("INTERNAL_ERROR") ? "an internal GraphQL error: " + abbreviate(body) : null;
        }
        if (status >= 400) {
            JsonNode error;
            try {
                error = JSON.readTree(body);
            } catch (IOException e) {
                return "an error that is not JSON: " + abbreviate(body);
            }
            if (error == null) {
                return "an error without a body";
            }
            boolean anthropic = input.path().startsWith("/v1/messages");
            if (anthropic && !("error".equals(error.path("type").asText()) && error.at("/error/type").isTextual()
                    && error.at("/error/message").isTextual())) {
                return "not Anthropic's error shape: " + abbreviate(body);
            }
            if (!anthropic && !(error.at("/error/message").isTextual() && error.at("/error/type").isTextual())) {
                return "not OpenAI's error shape: " + abbreviate(body);
            }
        }
        return null;
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }

    // ---- inputs ----

    private Input input(int index, Endpoint endpoint, Fixture f, SplittableRandom random) {
        String path = path(endpoint.path(), f, random);
        Map<String, String> headers = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        if (roll < 25) {
            headers.putAll(header(random));
        }
        if (random.nextInt(100) < 20) {
            path = path + (path.contains("?") ? "&" : "?") + query(random);
        }
        String bearer = switch (random.nextInt(10)) {
            case 0 -> "none";
            case 1 -> "wrong";
            case 2, 3, 4 -> "admin";
            default -> "account";
        };
        if (endpoint.path().startsWith("/api/v1/admin") || endpoint.path().startsWith("/api/v1/llm/routing")
                || endpoint.path().equals("/api/v1/llm/providers") || endpoint.path().startsWith("/api/v1/llm/models")) {
            bearer = random.nextInt(4) == 0 ? "account" : "admin";
        }
        String body = null;
        if (MUTATING.contains(endpoint.method()) || random.nextInt(10) == 0) {
            body = body(seedBody(endpoint, f, random), random);
        }
        return new Input(index, endpoint.method(), path, bearer, headers, body);
    }

    private static String path(String template, Fixture f, SplittableRandom random) {
        Matcher m = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = random.nextInt(3) == 0 ? evilSegment(random) : switch (name) {
                case "accountId" -> f.account();
                case "provider" -> pick(random, "openai", "anthropic", "simulator", "nope");
                case "id" -> pick(random, "fuzz-provider", "no-such-provider");
                case "requestId" -> f.requestId();
                default -> "x";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String evilSegment(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> "%2F";
            case 1 -> "%00";
            case 2 -> "..";
            case 3 -> encode("ünïcødé-😀");
            case 4 -> "a".repeat(5_000 + random.nextInt(10_000));
            case 5 -> encode("' OR 1=1 --");
            case 6 -> "-1";
            case 7 -> "99999999999999999999999";
            case 8 -> "%25";
            default -> encode(" ");
        };
    }

    private static String query(SplittableRandom random) {
        String name = pick(random, "page", "size", "from", "limit", "id", "label", "x", "stream", "", "to", "actor",
                "action", "account", "cursor");
        String value = pick(random, "abc", "-1", "0", "1", "1.5", "1e999999999", "99999999999999999999", "NaN", "",
                "true", encode("ünï 😀"), "%00", "2147483648", "9223372036854775808");
        return name + "=" + value;
    }

    private static Map<String, String> header(SplittableRandom random) {
        String value = pick(random, "", "yes", "maybe", "TRUE", "false", "turbo", "eco", "-1", "a".repeat(3000),
                "1e999999999", "req-" + random.nextInt(1000), "text/html", "application/xml", "*/*", "Bearer",
                "Basic Zm9vOmJhcg==", "null");
        String name = pick(random, "X-Request-Id", "X-Prefer-BYOK", "X-Power-Level", "Content-Type", "Accept",
                "Idempotency-Key", "x-api-key", "Stripe-Signature", "anthropic-version", "X-Forwarded-For");
        return Map.of(name, value);
    }

    private static String encode(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A valid (or nearly valid) example body for the endpoint, to mutate. */
    private static JsonNode seedBody(Endpoint endpoint, Fixture f, SplittableRandom random) {
        String p = endpoint.path();
        String chat = "{\"model\":\"sim-echo\",\"max_tokens\":8,\"stream\":" + random.nextBoolean() + ",\"n\":1,"
                + "\"temperature\":0.5,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"hello\"}]}]}";
        String text = switch (p) {
            case "/v1/chat/completions", "/api/v1/llm/chat/completions" -> chat;
            case "/v1/messages" -> "{\"model\":\"sim-echo\",\"max_tokens\":8,\"stream\":" + random.nextBoolean()
                    + ",\"system\":\"be brief\",\"temperature\":0.2,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"hi\"}]},{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "{\"role\":\"user\",\"content\":\"again\"}]}";
            case "/v1/messages/count_tokens" -> "{\"model\":\"sim-echo\",\"system\":\"be brief\",\"messages\":"
                    + "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],\"tools\":[{\"name\":"
                    + "\"f\",\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":{\"type\":\"auto\"}}";
            case "/v1/embeddings" -> "{\"model\":\"sim-embed\",\"input\":[\"hello\",\"world\"],\"dimensions\":8,"
                    + "\"encoding_format\":\"" + (random.nextBoolean() ? "float" : "base64") + "\",\"user\":\"fuzz\"}";
            case "/v1/completions" -> "{\"model\":\"sim-echo\",\"prompt\":[\"say\",\"hello\"],\"max_tokens\":8,"
                    + "\"stream\":" + random.nextBoolean() + ",\"temperature\":0.5,\"stop\":[\"\\n\"],\"echo\":false,"
                    + "\"suffix\":\"!\",\"stream_options\":{\"include_usage\":true}}";
            case "/v1/responses" -> "{\"model\":\"sim-echo\",\"max_output_tokens\":8,\"stream\":" + random.nextBoolean()
                    + ",\"store\":" + random.nextBoolean() + ",\"instructions\":\"be brief\",\"temperature\":0.2,"
                    + "\"metadata\":{\"k\":\"v\"},\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                    + "\"text\":\"hi\"}]},{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":"
                    + "\"{}\"},{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"ok\"}],\"tools\":"
                    + "[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}],"
                    + "\"tool_choice\":\"auto\",\"text\":{\"format\":{\"type\":\"text\"}}}";
            case "/api/v1/llm/credits/cap" -> "{\"monthly_cap\":\"5000\"}";
            case "/api/v1/llm/credits/low-balance-threshold" -> "{\"threshold\":\"1\"}";
            case "/api/v1/llm/credits/purchase" -> random.nextBoolean() ? "{\"package\":\"starter-10\"}"
                    : "{\"amount_usd\":25}";
            case "/api/v1/admin/accounts" -> "{\"name\":\"Fuzz child\",\"tier\":\"starter\"}";
            case "/api/v1/admin/accounts/{accountId}/credits" -> "{\"credits\":\"1.5\",\"reason\":\"fuzz\"}";
            case "/api/v1/admin/accounts/{accountId}/refunds" -> "{\"credits\":\"0.5\",\"reason\":\"fuzz\"}";
            case "/api/v1/admin/accounts/{accountId}/rate-limits" -> "{\"requests_per_minute\":1000,"
                    + "\"tokens_per_minute\":null}";
            case "/api/v1/llm/providers" -> "{\"id\":\"fuzz-provider\",\"name\":\"Fuzz\",\"type\":\"openai\","
                    + "\"local\":false}";
            case "/api/v1/llm/models" -> "{\"id\":\"fuzz-model\",\"provider\":\"simulator\",\"upstream_model\":"
                    + "\"sim-echo\",\"input_per_1k\":100,\"output_per_1k\":200,\"context_tokens\":8000,"
                    + "\"default_max_output_tokens\":256,\"min_tier\":\"free\",\"capabilities\":[\"tools\"],"
                    + "\"quality\":50,\"use_cases\":[\"chat\"]}";
            case "/api/v1/llm/routing/rules" -> f.rules().toString();
            case "/api/v1/llm/test" -> "{\"provider\":\"simulator\"}";
            case "/api/v1/llm/users/{accountId}/power-level" -> "{\"power_level\":\"eco\"}";
            case "/api/v1/llm/users/{accountId}/byok" -> "{\"prefer_byok\":true}";
            case "/api/v1/byok/keys/add" -> "{\"provider\":\"openai\",\"api_key\":\"sk-proj-fuzz0123456789abcdefghij"
                    + "klmnopqrstuv\",\"label\":\"fuzz\"}";
            case "/api/v1/byok/keys/test/{provider}" -> "{\"label\":\"fuzz\"}";
            case "/graphql" -> "{\"query\":\"query($id: ID!, $from: String) { account(id: $id) { name balance } "
                    + "usage(accountId: $id, from: $from) { totals { requests charged } rows { model } } }\","
                    + "\"variables\":{\"id\":\"" + f.account() + "\",\"from\":\"2026-01-01T00:00:00Z\"}}";
            default -> "{}";
        };
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example mutated 0 to 3 times, or replaced by broken JSON; raw tokens are spliced in after writing. */
    private static String body(JsonNode seed, SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            return pick(random, "", "{", "[]", "null", "1e999999999", "\"text\"", "{\"a\":1}{", "{\"a\":1,\"a\":2}",
                    "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}",
                    "{\"model\":NaN}", "\u0000", "{'single':'quotes'}", "{\"model\":\"sim-echo\",}");
        }
        JsonNode tree = seed.deepCopy();
        int mutations = roll < 15 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            tree = mutate(tree, random, 0);
        }
        String text = tree.toString();
        if (roll >= 92) {
            text = text.substring(0, random.nextInt(Math.max(1, text.length())));
        }
        return splice(text);
    }

    private static final String RAW = "@@raw:";

    private static String splice(String text) {
        Matcher m = Pattern.compile("\"" + RAW + "([^\"]*)\"").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String raw = switch (m.group(1)) {
                case "huge" -> "1e999999999";
                case "tiny" -> "-1e-999999999";
                case "nan" -> "NaN";
                case "deep" -> "[".repeat(3_000) + "]".repeat(3_000);
                case "bigint" -> "1" + "0".repeat(400);
                default -> "null";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(raw));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode mutate(JsonNode node, SplittableRandom random, int depth) {
        if (node.isObject() && node.size() > 0 && random.nextInt(3) != 0) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(6)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(pick(random, "extra", "n", "stream", "unknown_field", "max_tokens", "__proto__"),
                        evil(random));
                default -> object.set(name, depth < 4 ? mutate(object.get(name), random, depth + 1) : evil(random));
            }
            return object;
        }
        if (node.isArray() && node.size() > 0 && random.nextInt(3) != 0) {
            ArrayNode array = (ArrayNode) node;
            int at = random.nextInt(array.size());
            switch (random.nextInt(4)) {
                case 0 -> array.remove(at);
                case 1 -> array.add(evil(random));
                default -> array.set(at, depth < 4 ? mutate(array.get(at), random, depth + 1) : evil(random));
            }
            return array;
        }
        return swap(node, random);
    }

    /** A type swap of the value, or an evil value in its place. */
    private static JsonNode swap(JsonNode value, SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> value.isTextual() ? numberFrom(value.asText(), random) : NODES.textNode(value.asText());
            case 1 -> NODES.arrayNode().add(value);
            case 2 -> NODES.objectNode().set("value", value);
            default -> evil(random);
        };
    }

    private static JsonNode numberFrom(String text, SplittableRandom random) {
        try {
            return NODES.numberNode(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return NODES.numberNode(random.nextInt());
        }
    }

    private static JsonNode evil(SplittableRandom random) {
        return switch (random.nextInt(30)) {
            case 0 -> NODES.textNode("1e999999999");
            case 1 -> NODES.textNode(RAW + "huge");
            case 2 -> NODES.textNode(RAW + "tiny");
            case 3 -> NODES.textNode(RAW + "nan");
            case 4 -> NODES.textNode(RAW + "deep");
            case 5 -> NODES.textNode(RAW + "bigint");
            case 6 -> NODES.numberNode(-1);
            case 7 -> NODES.numberNode(0);
            case 8 -> NODES.numberNode(1.5);
            case 9 -> NODES.numberNode(Long.MAX_VALUE);
            case 10 -> NODES.numberNode(new BigInteger("9223372036854775808"));
            case 11 -> NODES.numberNode(-2147483649L);
            case 12 -> NODES.textNode("NaN");
            case 13 -> NODES.textNode("Infinity");
            case 14 -> NODES.textNode("-0");
            case 15 -> NODES.textNode("yes");
            case 16 -> NODES.booleanNode(random.nextBoolean());
            case 17 -> NODES.nullNode();
            case 18 -> NODES.textNode("");
            case 19 -> NODES.textNode("ünïcødé 😀 \u202E\u0000 \uFFFF");
            case 20 -> NODES.textNode("x".repeat(20_000 + random.nextInt(20_000)));
            case 21 -> NODES.arrayNode();
            case 22 -> NODES.objectNode();
            case 23 -> NODES.textNode("+999999999-01-01T00:00:00Z");
            case 24 -> NODES.textNode("' OR '1'='1");
            case 25 -> nested(random.nextInt(50, 400));
            case 26 -> NODES.numberNode(new BigDecimal("0.0000001"));
            case 27 -> NODES.textNode("sim-echo");
            case 28 -> NODES.numberNode(1e308);
            default -> NODES.numberNode(random.nextInt(-5, 1_000_001));
        };
    }

    private static JsonNode nested(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("k", node);
        }
        return node;
    }
}
