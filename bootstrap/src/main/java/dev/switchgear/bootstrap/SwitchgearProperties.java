package dev.switchgear.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code switchgear.*}; each can be given as an environment variable
 * ({@code SWITCHGEAR_DATA_DIR}, {@code SWITCHGEAR_DB_URL}, {@code SWITCHGEAR_ADMIN_KEY}, ...).
 */
@ConfigurationProperties("switchgear")
public record SwitchgearProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Db db,
        String adminKey,
        @DefaultValue Ledger ledger,
        @DefaultValue Simulator simulator,
        @DefaultValue Upstream upstream,
        Map<String, Provider> providers,
        @DefaultValue Routing routing,
        @DefaultValue Billing billing,
        @DefaultValue Lago lago,
        @DefaultValue Byok byok,
        @DefaultValue("10000") int usageRowLimit) {

    /**
     * BYOK (ADR 0009): the master keyset as Tink JSON ({@code masterKeyset}, not rotatable here) or in
     * a file ({@code masterKeysetFile}, default {@code <data-dir>/master-keyset.json}, generated at
     * first start); the hosts an administrator allows custom endpoints to reach over plain http and
     * on private addresses (local vLLM, Ollama); the platform fee on calls made with a caller's own
     * key, in basis points of the model's price (default 0: no credits charged); and the model the
     * Anthropic key test sends its one-token message to.
     */
    public record Byok(String masterKeyset, Path masterKeysetFile, List<String> allowedHosts,
                       @DefaultValue("0") int feeBasisPoints,
                       @DefaultValue("claude-3-5-haiku-latest") String anthropicProbeModel) {
        @Override
        public String toString() {
            return "Byok[masterKeyset=" + (masterKeyset == null || masterKeyset.isBlank() ? "none" : "set")
                    + ", masterKeysetFile=" + masterKeysetFile + ", allowedHosts=" + allowedHosts + "]";
        }
    }

    /** An external PostgreSQL server; when {@code url} is empty the embedded one is started. */
    public record Db(String url, String user, String password, @DefaultValue("6") int poolSize,
                     @DefaultValue("true") boolean embeddedDurable) {
    }

    /**
     * The request-path ledger (ADR 0004); {@code keepAnswersFor} and {@code maxKeptAnswerBytes}: how
     * long, and up to what size, the answer to a request the caller named (its own request id) is
     * kept with its charge for retries (0: none kept); {@code commitLinger}: how long the writer may
     * wait for more charges before a commit while they come together (ADR 0034; 0: never).
     */
    public record Ledger(@DefaultValue("true") boolean waitForDurableCharge, @DefaultValue("1000") int maxBatch,
                         @DefaultValue("10s") Duration chargeTimeout, @DefaultValue("24h") Duration keepAnswersFor,
                         @DefaultValue("1048576") long maxKeptAnswerBytes,
                         @DefaultValue("2ms") Duration commitLinger) {
    }

    /** The built-in simulator upstream; {@code baseUrl} points at one running as its own process instead. */
    public record Simulator(@DefaultValue("true") boolean enabled, @DefaultValue("0") int port,
                            @DefaultValue("0ms") Duration latency, @DefaultValue("0") double errorRate,
                            String baseUrl) {
    }

    /**
     * Defaults for upstream calls: timeouts to connect, to the first byte, between stream chunks
     * (idle) and for the whole call; connections pooled per provider.
     */
    public record Upstream(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("60s") Duration firstByteTimeout,
                           @DefaultValue("60s") Duration idleTimeout, @DefaultValue("600s") Duration totalTimeout,
                           @DefaultValue("1000") int maxConnections) {
    }

    /**
     * An upstream provider: its wire format ({@code openai} for the OpenAI-compatible family, the
     * default, {@code anthropic}, {@code cohere} or {@code gemini}), where it is, the platform's key for it, and timeouts that
     * override the {@link Upstream} defaults. A {@code keyless} provider (a local vLLM or Ollama) is
     * offered once its base URL is set; every other one once its key is.
     */
    public record Provider(@DefaultValue("openai") String type, String baseUrl, String apiKey, boolean keyless,
                           Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout,
                           Duration totalTimeout) {
        @Override
        public String toString() {
            return "Provider[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "none" : "set") + "]";
        }
    }

    /**
     * Stripe (ADR 0011): the secret key for Checkout, the webhook signing secret, the API base (a
     * local stand-in in tests), where buyers return, the signature timestamp tolerance, and a webhook
     * told of low-balance alerts.
     */
    public record Billing(String stripeSecretKey, String stripeWebhookSecret, String stripeApiBase,
                          @DefaultValue("http://127.0.0.1:8080/billing/success") String successUrl,
                          @DefaultValue("http://127.0.0.1:8080/billing/cancel") String cancelUrl,
                          @DefaultValue("300s") Duration webhookTolerance, String alertWebhookUrl) {
        @Override
        public String toString() {
            return "Billing[stripeSecretKey=" + (stripeSecretKey == null || stripeSecretKey.isBlank() ? "none" : "set")
                    + ", stripeWebhookSecret=" + (stripeWebhookSecret == null || stripeWebhookSecret.isBlank() ? "none"
                    : "set") + ", stripeApiBase=" + stripeApiBase + "]";
        }
    }

    /** Lago metering: its URL (empty: no metering), API key, and the billable metric's code. */
    public record Lago(String url, String apiKey, @DefaultValue("llm_tokens") String metricCode) {
        @Override
        public String toString() {
            return "Lago[url=" + url + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "none" : "set") + "]";
        }
    }

    /**
     * Routing (ADR 0010): how often every provider is probed, how circuits judge (window of calls,
     * minimum calls, failure rate in percent, how long one stays open before a trial), how long one
     * request may spend falling back, and a webhook told of provider down/up transitions.
     */
    public record Routing(@DefaultValue("5m") Duration probeInterval, @DefaultValue("20") int circuitWindow,
                          @DefaultValue("5") int circuitMinimumCalls, @DefaultValue("50") float circuitFailureRate,
                          @DefaultValue("30s") Duration circuitOpenFor, @DefaultValue("120s") Duration routeDeadline,
                          String healthWebhookUrl) {
    }
}
