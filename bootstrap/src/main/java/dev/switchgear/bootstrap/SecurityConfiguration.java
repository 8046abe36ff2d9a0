package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.graphql.GraphQlAuthenticationEntryPoint;
import dev.switchgear.adapter.rest.ApiKeyAuthentication;
import dev.switchgear.adapter.rest.ApiKeyAuthenticationProvider;
import dev.switchgear.adapter.rest.ApiSecurityErrors;
import dev.switchgear.adapter.rest.BearerAuthenticationFilter;
import dev.switchgear.adapter.rest.BillingWebhookController;
import dev.switchgear.adapter.rest.FailedAuthentications;
import dev.switchgear.adapter.rest.JwtSignIn;
import dev.switchgear.adapter.rest.SignInTokenProvider;
import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.identity.SignInUseCase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import jakarta.servlet.DispatcherType;
import java.util.LinkedHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what (ADR 0013), decided by Spring Security on the normalized, decoded path that
 * Spring MVC routes by, behind {@link StrictHttpFirewall} (which refuses ambiguous spellings with a
 * JSON 400). Deny by default: every route needs a caller unless listed public here on purpose;
 * administrator routes need role {@code ADMIN}; actuator endpoints other than health are for the
 * administrator. Stateless: no session, no CSRF token (no cookie or browser session authenticates
 * anything), no form login, no generated password.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AuthenticationProperties.class)
class SecurityConfiguration {

    private static final String ADMIN = ApiKeyAuthentication.ADMIN;

    /** Our only authentication provider; declaring it also stops Boot from generating a user and password. */
    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(AuthenticateUseCase authenticate) {
        return new ApiKeyAuthenticationProvider(authenticate);
    }

    /**
     * No observation per filter of the chain (issue #13's profile: the decorator Spring Security puts
     * around each filter when an observation registry exists made a context, with its own map, per filter
     * per request, whether or not the observation was then enabled); the gateway's own
     * {@code authenticate} span names the key check (ADR 0028).
     */
    @Bean
    SecurityObservationSettings noFilterChainObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    FailedAuthentications failedAuthentications(AuthenticationProperties properties) {
        return new FailedAuthentications(properties.failedAuthenticationsPerMinute(), properties.trackedAddresses());
    }

    @Bean
    ApiSecurityErrors apiSecurityErrors(ObjectMapper json) {
        return new ApiSecurityErrors(json);
    }

    /** The firewall's refusals answered as JSON 400 instead of Spring's plain 500/400 page. */
    @Bean
    WebSecurityCustomizer firewall(ApiSecurityErrors errors) {
        return web -> web.httpFirewall(HeaderCharacters.firewall()).requestRejectedHandler(errors);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeyAuthenticationProvider provider, FailedAuthentications failures,
                            ApiSecurityErrors errors, GraphQlAuthenticationEntryPoint graphQlEntryPoint,
                            @Value("${spring.graphql.path:/graphql}") String graphQlPath,
                            ObjectProvider<JwtDecoder> signInTokenDecoder, ObjectProvider<SignInUseCase> signIn,
                            @Value("${springdoc.api-docs.enabled:true}") boolean apiDocsEnabled)
            throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        // The API reference (ADR 0019) is public while served; switched off, its paths need a key like any other.
        RequestMatcher apiDocs = apiDocsEnabled
                ? new OrRequestMatcher(path.matcher(HttpMethod.GET, "/v3/api-docs/**"),
                        path.matcher(HttpMethod.GET, "/swagger-ui.html"), path.matcher(HttpMethod.GET, "/swagger-ui/**"))
                : request -> false;
        RequestMatcher graphQl = path.matcher(graphQlPath);
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        entryPoints.put(graphQl, graphQlEntryPoint);
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(errors);
        // With an OIDC issuer configured (ADR 0015), JWS-shaped bearers go to Spring's JWT provider, keys to ours.
        JwtDecoder decoder = signInTokenDecoder.getIfAvailable();
        SignInUseCase signInUseCase = signIn.getIfAvailable();
        boolean signInTokens = decoder != null && signInUseCase != null;
        ProviderManager manager = signInTokens
                ? new ProviderManager(provider, new SignInTokenProvider(decoder, new JwtSignIn(signInUseCase)))
                : new ProviderManager(provider);
        BearerAuthenticationFilter bearer = new BearerAuthenticationFilter(manager, failures, entryPoint, errors,
                signInTokens);

        return http
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .rememberMe(rememberMe -> rememberMe.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .addFilterAt(bearer, BasicAuthenticationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(errors))
                .authorizeHttpRequests(routes -> routes
                        // An error dispatch renders the outcome of a request already decided on.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // Public on purpose: Stripe signs its deliveries; health is for load balancers.
                        .requestMatchers(path.matcher(HttpMethod.POST, BillingWebhookController.PATH)).permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(apiDocs).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ADMIN)
                        // An account reads its own history here; the service answers 404 for any other.
                        .requestMatchers(path.matcher(HttpMethod.GET, "/api/v1/admin/accounts/{accountId}/events"))
                        .authenticated()
                        .requestMatchers(path.matcher("/api/v1/admin/**")).hasRole(ADMIN)
                        // The platform's catalog, routing rules and connectivity tests change only by the admin.
                        .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/llm/providers")).hasRole(ADMIN)
                        .requestMatchers(path.matcher(HttpMethod.DELETE, "/api/v1/llm/providers/**")).hasRole(ADMIN)
                        .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/llm/models")).hasRole(ADMIN)
                        .requestMatchers(path.matcher(HttpMethod.DELETE, "/api/v1/llm/models")).hasRole(ADMIN)
                        .requestMatchers(path.matcher(HttpMethod.PUT, "/api/v1/llm/routing/rules")).hasRole(ADMIN)
                        .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/llm/test")).hasRole(ADMIN)
                        .anyRequest().authenticated())
                .build();
    }
}
