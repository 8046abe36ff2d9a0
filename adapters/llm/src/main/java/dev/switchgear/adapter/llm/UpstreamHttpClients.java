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
 * Builds the HTTP client for upstream calls (ADR 0005): Apache HttpClient 5's blocking API on the
 * caller's (virtual) thread — over TLS through its async transport, so HTTP/2 is used where the
 * upstream offers it; over plain http on the classic HTTP/1.1 client — with pooled keep-alive
 * connections, no redirects (a key only goes to the host it was configured for), no cookies, no
 * automatic retries (retrying is routing's decision). The classic client measured here at about a
 * quarter of the JDK HttpClient's CPU per request.
 */
public final class UpstreamHttpClients {

    private UpstreamHttpClients() {
    }

    public static CloseableHttpClient create(UpstreamTimeouts timeouts, int maxConnections) {
        return create(timeouts, maxConnections, SystemDefaultDnsResolver.INSTANCE);
    }

    /**
     * A client for an upstream at {@code baseUrl}: over TLS, HTTP/2 when the upstream offers it
     * (negotiated by ALPN, HTTP/1.1 otherwise) through the async transport behind the same blocking
     * API; plain http (local servers, the simulator) on the classic HTTP/1.1 client.
     */
    public static CloseableHttpClient forUpstream(java.net.URI baseUrl, UpstreamTimeouts timeouts, int maxConnections) {
        if (baseUrl != null && "https".equalsIgnoreCase(baseUrl.getScheme())) {
            return negotiating(timeouts, maxConnections, SystemDefaultDnsResolver.INSTANCE,
                    org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder.create().useSystemProperties().buildAsync());
        }
        return create(timeouts, maxConnections);
    }

    /** The TLS client that negotiates HTTP/2 (ALPN), with the given TLS strategy (tests trust their stand-in). */
    public static CloseableHttpClient negotiating(UpstreamTimeouts timeouts, int maxConnections, DnsResolver resolver,
                                           org.apache.hc.core5.http.nio.ssl.TlsStrategy tls) {
        var connections = org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDnsResolver(resolver)
                .setTlsStrategy(tls)
                .setDefaultTlsConfig(org.apache.hc.client5.http.config.TlsConfig.custom()
                        .setVersionPolicy(org.apache.hc.core5.http2.HttpVersionPolicy.NEGOTIATE).build())
                .setDefaultConnectionConfig(connectionConfig(timeouts))
                .build();
        var async = org.apache.hc.client5.http.impl.async.HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(requestConfig(timeouts))
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .evictIdleConnections(TimeValue.of(30, TimeUnit.SECONDS))
                .setUserAgent("switchgear")
                .build();
        return new NegotiatingHttpClient(async);
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
                .setDefaultConnectionConfig(connectionConfig(timeouts))
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(requestConfig(timeouts))
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.of(30, TimeUnit.SECONDS))
                .setUserAgent("switchgear")
                .build();
    }

    private static ConnectionConfig connectionConfig(UpstreamTimeouts timeouts) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(timeouts.connect()))
                .setSocketTimeout(Timeout.of(timeouts.total()))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
    }

    private static RequestConfig requestConfig(UpstreamTimeouts timeouts) {
        return RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeouts.total()))
                .setConnectionRequestTimeout(Timeout.of(timeouts.connect()))
                .build();
    }
}
