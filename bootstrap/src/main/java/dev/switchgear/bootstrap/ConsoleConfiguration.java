package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.console.ConsoleRoutes;
import dev.switchgear.adapter.console.ConsoleSettings;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * The web console (ADR 0026): its pages' deep links and public settings, and the security chain of
 * its static files. The console's files and pages are public (they hold no data: every figure on a
 * page comes from the API with the signed-in caller's credential); every API route stays behind
 * {@link SecurityConfiguration}'s chain, which this one never matches.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    /** Content-Security-Policy of the console: its own scripts and styles only (MUI's emotion injects style elements). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self' %s; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'; object-src 'none'";

    @Bean
    ConsoleSettings consoleSettings(@Value("${switchgear.oidc.issuer-uri:}") String issuer,
                                    @Value("${switchgear.console.oidc-client-id:switchgear-console}") String clientId) {
        return new ConsoleSettings(Optional.ofNullable(issuer), clientId);
    }

    @Bean
    SimpleUrlHandlerMapping consoleRoutes(ConsoleSettings settings, ObjectMapper json) {
        return ConsoleRoutes.mapping(settings, json);
    }

    /**
     * GET and HEAD of the console's files and pages, ahead of the API's chain: public, stateless, with a
     * strict content security policy (scripts only from the gateway itself; API calls to the gateway and,
     * when configured, to the OIDC issuer for the PKCE token exchange).
     */
    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, ConsoleSettings settings) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher pages = new OrRequestMatcher(
                path.matcher(HttpMethod.GET, "/"), path.matcher(HttpMethod.GET, ConsoleRoutes.INDEX),
                path.matcher(HttpMethod.GET, "/assets/**"), path.matcher(HttpMethod.GET, "/favicon.svg"),
                path.matcher(HttpMethod.GET, ConsoleRoutes.CONFIG),
                path.matcher(HttpMethod.GET, "/admin"), path.matcher(HttpMethod.GET, "/admin/**"),
                path.matcher(HttpMethod.HEAD, "/"), path.matcher(HttpMethod.HEAD, "/admin/**"));
        String issuerOrigin = settings.oidcIssuer().map(ConsoleConfiguration::origin).orElse("");
        return http
                .securityMatcher(pages)
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                CONTENT_SECURITY_POLICY.formatted(issuerOrigin).replace(" ;", ";")))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(routes -> routes.anyRequest().permitAll())
                .build();
    }

    /** The scheme, host and port of a URI (the CSP names origins, not paths). */
    static String origin(String uri) {
        java.net.URI parsed = java.net.URI.create(uri.strip());
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }
}
