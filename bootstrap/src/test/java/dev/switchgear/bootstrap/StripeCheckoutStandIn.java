package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for Stripe that a browser can walk through: the Checkout Sessions API as stripe-java
 * calls it (form-encoded {@code POST /v1/checkout/sessions}, a JSON session with its {@code url}), a
 * hosted checkout page at that url with a Pay button, and on paying what Stripe does — deliver the
 * signed {@code checkout.session.completed} event to the gateway's webhook (HMAC-SHA256 of
 * {@code "timestamp.body"} with the endpoint secret) and send the buyer to the session's
 * {@code success_url} with {@code {CHECKOUT_SESSION_ID}} filled in.
 */
final class StripeCheckoutStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String webhookUrl;
    private final String webhookSecret;
    private final Map<String, Map<String, String>> sessions = new ConcurrentHashMap<>();
    private final List<Integer> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    StripeCheckoutStandIn(String webhookUrl, String webhookSecret) throws IOException {
        this.webhookUrl = webhookUrl;
        this.webhookSecret = webhookSecret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/checkout/sessions", this::createSession);
        server.createContext("/c/pay/", this::checkoutPage);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The sessions created, by id, each with the form fields stripe-java sent. */
    Map<String, Map<String, String>> sessions() {
        return sessions;
    }

    /** The gateway's answers to the webhook deliveries made so far. */
    List<Integer> deliveries() {
        return deliveries;
    }

    private void createSession(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "application/json", "{}");
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String id = "cs_test_console_" + ids.incrementAndGet();
        sessions.put(id, form);
        ObjectNode session = JSON.createObjectNode().put("id", id).put("object", "checkout.session").put("mode", "payment")
                .put("payment_status", "unpaid").put("url", baseUrl() + "/c/pay/" + id)
                .put("success_url", form.get("success_url"));
        answer(exchange, 200, "application/json", session.toString());
    }

    private void checkoutPage(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/c/pay/".length());
        Map<String, String> form = sessions.get(id);
        if (form == null) {
            answer(exchange, 404, "text/plain", "no such checkout session");
            return;
        }
        long cents = Long.parseLong(form.getOrDefault("line_items[0][price_data][unit_amount]", "0"))
                * Long.parseLong(form.getOrDefault("line_items[0][quantity]", "1"));
        if ("GET".equals(exchange.getRequestMethod())) {
            String amount = String.format("$%d.%02d", cents / 100, cents % 100);
            answer(exchange, 200, "text/html; charset=utf-8", "<!doctype html><html lang=\"en\"><head><title>Checkout (Stripe stand-in)"
                    + "</title><link rel=\"icon\" href=\"data:,\"></head><body><main><h1>Pay Switchgear</h1><p>" + amount + "</p><form method=\"post\">"
                    + "<button type=\"submit\">Pay " + amount + "</button></form></main></body></html>");
            return;
        }
        String event = completed(id, form, cents);
        long now = Instant.now().getEpochSecond();
        try {
            HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(URI.create(webhookUrl))
                    .header("Content-Type", "application/json").header("Stripe-Signature", signature(event, now))
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            deliveries.add(delivered.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        exchange.getResponseHeaders().add("Location", form.get("success_url").replace("{CHECKOUT_SESSION_ID}", id));
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    private static String completed(String session, Map<String, String> form, long cents) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
            }
        });
        ObjectNode object = JSON.createObjectNode().put("id", session).put("object", "checkout.session")
                .put("mode", "payment").put("payment_status", "paid").put("amount_total", cents)
                .put("currency", form.getOrDefault("line_items[0][price_data][currency]", "usd"))
                .put("payment_intent", "pi_" + session).put("client_reference_id", form.get("client_reference_id"));
        object.set("metadata", JSON.valueToTree(metadata));
        ObjectNode event = JSON.createObjectNode().put("id", "evt_" + session).put("object", "event")
                .put("api_version", "2025-09-30.clover").put("type", "checkout.session.completed")
                .put("created", Instant.now().getEpochSecond());
        event.putObject("data").set("object", object);
        return JSON.writeValueAsString(event);
    }

    private String signature(String payload, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
