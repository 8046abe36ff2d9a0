package dev.switchgear.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.adapter.llm.UpstreamTimeouts;
import dev.switchgear.application.port.out.keyring.EgressRefusedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PublicEndpointGuardTest {

    /** A resolver standing in for DNS: names an attacker controls that point inside. */
    private static final Map<String, String> DNS = Map.of(
            "api.example.com", "93.184.216.34",
            "evil.example.com", "127.0.0.1",
            "meta.example.com", "169.254.169.254",
            "ten.example.com", "10.1.2.3",
            "v6loop.example.com", "::1");

    private final AtomicInteger lookups = new AtomicInteger();
    private final DnsResolver fakeDns = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            lookups.incrementAndGet();
            String address = DNS.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };
    private final PublicEndpointGuard guard = new PublicEndpointGuard(Set.of("vllm.local-lab.example"), fakeDns);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/v1", "https://localhost/v1", "https://LOCALHOST./v1", "https://sub.localhost/v1",
            "https://[::1]/v1", "https://[::ffff:127.0.0.1]/v1", "https://[::ffff:7f00:1]/v1", "https://[::127.0.0.1]/v1",
            "https://[0:0:0:0:0:0:0:1]/v1", "https://2130706433/v1", "https://0x7f000001/v1", "https://0177.0.0.1/v1",
            "https://127.1/v1", "https://0x7f.1/v1", "https://0/v1", "https://0.0.0.0/v1", "https://[::]/v1",
            "https://10.0.0.1/v1", "https://10.255.255.255/v1", "https://172.16.0.1/v1", "https://172.31.255.254/v1",
            "https://192.168.0.1/v1", "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/v1",
            "https://[fd00:ec2::254]/v1", "https://[fc00::1]/v1", "https://100.64.0.1/v1", "https://224.0.0.1/v1",
            "https://255.255.255.255/v1", "https://[64:ff9b::a9fe:a9fe]/v1", "https://[2002:7f00:1::]/v1",
            "https://metadata.google.internal/computeMetadata/v1", "https://metadata.google.internal./v1",
            "https://metadata/v1", "https://anything.internal/v1",
            "https://evil.example.com/v1", "https://meta.example.com/v1", "https://ten.example.com/v1",
            "https://v6loop.example.com/v1"})
    void refusesEveryPrivateLoopbackLinkLocalAndMetadataSpelling(String url) throws IOException {
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOf(EgressRefusedException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.com/v1", "ftp://api.example.com/v1", "https://user:pw@api.example.com/v1",
            "https://api.example.com/v1?x=1", "not a url", "https:///v1", "https://unknown.example.com/v1",
            "https://1.2.3.4.5/v1", "https://256.1.1.1/v1"})
    void refusesWhatIsNotAPlainHttpsBaseUrlOfAPublicHost(String url) {
        assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void acceptsAPublicHttpsEndpointAndAnAllowedLocalOne() {
        assertThat(guard.check("https://api.example.com/v1")).hasToString("https://api.example.com/v1");
        assertThat(guard.check("https://93.184.216.34:8443/v1")).hasToString("https://93.184.216.34:8443/v1");
        assertThat(guard.check("http://vllm.local-lab.example:8000/v1")).hasToString("http://vllm.local-lab.example:8000/v1");
    }

    @Test
    void theHttpClientNeverConnectsToAnAddressTheGuardRefuses() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(300);
            PublicEndpointGuard noAllowList = new PublicEndpointGuard(Set.of(), fakeDns);
            UpstreamTimeouts timeouts = new UpstreamTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(2));
            try (CloseableHttpClient client = UpstreamHttpClients.create(timeouts, 2, noAllowList)) {
                for (String url : List.of("http://127.0.0.1:" + trap.getLocalPort() + "/v1/models",
                        "http://evil.example.com:" + trap.getLocalPort() + "/v1/models",
                        "http://2130706433:" + trap.getLocalPort() + "/v1/models")) {
                    assertThatThrownBy(() -> client.execute(new HttpGet(url), response -> response.getCode()))
                            .as(url).isInstanceOf(UnknownHostException.class);
                }
            }
            try (CloseableHttpClient client = UpstreamHttpClients.negotiating(timeouts, 2, noAllowList,
                    org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder.create().buildAsync())) {
                for (String url : List.of("http://127.0.0.1:" + trap.getLocalPort() + "/v1/models",
                        "http://evil.example.com:" + trap.getLocalPort() + "/v1/models",
                        "https://evil.example.com:" + trap.getLocalPort() + "/v1/models")) {
                    assertThatThrownBy(() -> client.execute(new HttpGet(url), response -> response.getCode()))
                            .as(url).isInstanceOf(java.io.IOException.class);
                }
            }
            assertThatThrownBy(trap::accept).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void literalsAreReadInEverySpellingTheCLibraryAccepts() throws Exception {
        assertThat(PublicEndpointGuard.literal("2130706433")).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(PublicEndpointGuard.literal("0x7f.0.0.1")).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(PublicEndpointGuard.literal("0177.1")).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(PublicEndpointGuard.literal("10.1")).contains(InetAddress.getByName("10.0.0.1"));
        assertThat(PublicEndpointGuard.literal("api.example.com")).isEmpty();
        assertThat(PublicEndpointGuard.notPublic(InetAddress.getByName("93.184.216.34"))).isFalse();
        assertThat(PublicEndpointGuard.notPublic(InetAddress.getByName("2606:2800:220:1::1"))).isFalse();
    }
}
