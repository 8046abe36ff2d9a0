package dev.switchgear.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code switchgear.security.*} (ADR 0013): how many failed authentications one
 * client address may make a minute before it is answered 429, and how many addresses are tracked
 * at most. Which address a request comes from is Tomcat's remote address; behind a reverse proxy,
 * set {@code server.forward-headers-strategy=native} and {@code server.tomcat.remoteip.internal-proxies}
 * to the proxy's address so that only its {@code X-Forwarded-For} is believed.
 */
@ConfigurationProperties("switchgear.security")
public record AuthenticationProperties(@DefaultValue("20") int failedAuthenticationsPerMinute,
                                       @DefaultValue("100000") long trackedAddresses) {
}
