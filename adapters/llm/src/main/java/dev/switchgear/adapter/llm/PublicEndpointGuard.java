package dev.switchgear.adapter.llm;

import dev.switchgear.application.port.out.keyring.EgressGuard;
import dev.switchgear.application.port.out.keyring.EgressRefusedException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The SSRF guard for user-given endpoints (custom BYOK providers). An endpoint must be https (plain
 * http only for a host an administrator allowed, such as a local vLLM), carry no user info, and its
 * host must be public: no loopback, private, link-local, carrier-grade NAT, multicast, reserved or
 * metadata address in any spelling (dotted, decimal, octal or hex IPv4, IPv6, IPv4-mapped and
 * -compatible IPv6), and no name that resolves to one. The same checks run as the HTTP client's
 * DNS resolver, so the address a connection opens to is one that was checked (no DNS rebinding),
 * and the client follows no redirects.
 */
public final class PublicEndpointGuard implements EgressGuard, DnsResolver {

    private static final Set<String> FORBIDDEN_NAMES = Set.of("localhost", "metadata", "metadata.google.internal",
            "metadata.goog", "instance-data", "instance-data.ec2.internal");
    private static final List<String> FORBIDDEN_SUFFIXES = List.of(".localhost", ".internal", ".local",
            ".localdomain", ".home.arpa");

    private final Set<String> allowedHosts;
    private final DnsResolver system;

    /** @param allowedHosts hosts an administrator allows over plain http and on private addresses */
    public PublicEndpointGuard(Set<String> allowedHosts) {
        this(allowedHosts, SystemDefaultDnsResolver.INSTANCE);
    }

    PublicEndpointGuard(Set<String> allowedHosts, DnsResolver system) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.system = system;
    }

    @Override
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new EgressRefusedException("the endpoint is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = host(uri);
        if (host == null) {
            throw new EgressRefusedException("the endpoint needs an http(s) URL with a host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new EgressRefusedException("the endpoint must not carry a user name or password");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new EgressRefusedException("the endpoint is a base URL, without query or fragment");
        }
        boolean allowed = allowedHosts.contains(host);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowed)) {
            throw new EgressRefusedException("the endpoint must use https");
        }
        if (!allowed) {
            resolvePublic(host);
        }
        return uri.normalize();
    }

    /** The HTTP client's resolver: only addresses that passed the checks are ever connected to. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(name)) {
            return system.resolve(host);
        }
        try {
            return resolvePublic(name);
        } catch (EgressRefusedException refused) {
            throw new UnknownHostException("refused by the egress guard");
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host)[0].getHostAddress();
    }

    private InetAddress[] resolvePublic(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String forbidden = name;
        if (FORBIDDEN_NAMES.contains(name) || FORBIDDEN_SUFFIXES.stream().anyMatch(forbidden::endsWith)) {
            throw refused();
        }
        Optional<InetAddress> literal = literal(name);
        InetAddress[] addresses;
        if (literal.isPresent()) {
            addresses = new InetAddress[] {literal.get()};
        } else {
            if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw new EgressRefusedException("the endpoint's host name is not valid");
            }
            try {
                addresses = system.resolve(name);
            } catch (UnknownHostException e) {
                throw new EgressRefusedException("the endpoint's host name cannot be resolved");
            }
        }
        if (addresses.length == 0 || Arrays.stream(addresses).anyMatch(PublicEndpointGuard::notPublic)) {
            throw refused();
        }
        return addresses;
    }

    private static EgressRefusedException refused() {
        return new EgressRefusedException("the endpoint resolves to a loopback, private, link-local or metadata "
                + "address, which is not allowed");
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI leaves the host null for some spellings (for instance a decimal address with
            // a trailing dot, or underscores); take it from the authority.
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            host = authority.substring(at + 1);
            if (!host.startsWith("[") && host.lastIndexOf(':') > 0) {
                host = host.substring(0, host.lastIndexOf(':'));
            }
        }
        return host == null || host.isBlank() ? null : host.toLowerCase(Locale.ROOT);
    }

    /**
     * An address literal in any spelling the C library accepts: IPv6, or IPv4 as 1 to 4 parts each
     * in decimal, octal (leading 0) or hex (0x); for example 2130706433, 0x7f.1 and 0177.0.0.1 are
     * all 127.0.0.1.
     */
    static Optional<InetAddress> literal(String name) {
        try {
            if (name.contains(":")) {
                if (!name.matches("[0-9a-f:.%a-z]+")) {
                    return Optional.empty();
                }
                return Optional.of(InetAddress.getByName(name.contains("%") ? name.substring(0, name.indexOf('%'))
                        : name));
            }
            if (!name.matches("[0-9a-fx.]+") || !Character.isDigit(name.charAt(0))) {
                return Optional.empty();
            }
            String[] parts = name.split("\\.", -1);
            if (parts.length > 4) {
                throw refusedLiteral();
            }
            long[] values = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = part(parts[i]);
            }
            long address = 0;
            for (int i = 0; i < parts.length - 1; i++) {
                if (values[i] > 255) {
                    throw refusedLiteral();
                }
                address = (address << 8) | values[i];
            }
            int rest = 4 - (parts.length - 1);
            long last = values[parts.length - 1];
            if (last >= (1L << (8 * rest))) {
                throw refusedLiteral();
            }
            address = (address << (8 * rest)) | last;
            byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException | NumberFormatException e) {
            throw refusedLiteral();
        }
    }

    private static long part(String part) {
        if (part.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        if (part.startsWith("0x")) {
            return Long.parseLong(part.substring(2), 16);
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return Long.parseLong(part.substring(1), 8);
        }
        return Long.parseLong(part);
    }

    private static EgressRefusedException refusedLiteral() {
        return new EgressRefusedException("the endpoint's address is not valid");
    }

    /** Whether an address is anything but a public unicast address. */
    static boolean notPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return notPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            boolean embedsV4 = isZero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || isZero(b, 10, 2));
            boolean nat64 = (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b);
            if (embedsV4 || nat64) {
                return notPublicV4(Arrays.copyOfRange(b, 12, 16));
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return notPublicV4(Arrays.copyOfRange(b, 2, 6));
            }
            int first = b[0] & 0xff;
            return (first & 0xfe) == 0xfc // unique local fc00::/7 (also AWS's fd00:ec2::254)
                    || (first == 0xfe && (b[1] & 0xc0) == 0xc0) // site-local fec0::/10
                    || (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) // documentation
                    || first == 0x01 && isZero(b, 1, 7); // discard-only 100::/64
        }
        return true;
    }

    private static boolean notPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0 // this network
                || a0 == 10 // private
                || a0 == 127 // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31) // private
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol assignments, documentation
                || (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay
                || (a0 == 192 && a1 == 168) // private
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113) // documentation
                || a0 >= 224; // multicast, reserved, broadcast
    }

    private static boolean isZero(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
