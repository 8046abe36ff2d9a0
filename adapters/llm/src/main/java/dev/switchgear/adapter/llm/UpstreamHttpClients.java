package dev.switchgear.adapter.llm;

import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HTTP client for upstream calls (ADR 0005): Apache HttpClient 5 classic, blocking I/O
 * on the caller's (virtual) thread, pooled keep-alive connections, no redirects (a key only goes to
 * the host it was configured for), no cookies, no automatic retries (retrying is routing's
 * decision). Measured here at about a quarter of the JDK HttpClient's CPU per request.
 */
public final class UpstreamHttpClients {

    private UpstreamHttpClients() {
    }

    public static CloseableHttpClient create(UpstreamTimeouts timeouts, int maxConnections) {
        return create(timeouts, maxConnections, SystemDefaultDnsResolver.INSTANCE);
    }

    /**
     * A client whose connections open only to the addresses {@code resolver} returns; for custom
     * endpoints the resolver is the egress guard, so every address connected to was checked.
     */
    public static CloseableHttpClient create(UpstreamTimeouts timeouts, int maxConnections, DnsResolver resolver) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(timeouts.connect()))
                        .setSocketTimeout(Timeout.of(timeouts.total()))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(timeouts.total()))
                        .setConnectionRequestTimeout(Timeout.of(timeouts.connect()))
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.of(30, TimeUnit.SECONDS))
                .setUserAgent("switchgear")
                .build();
    }
}
