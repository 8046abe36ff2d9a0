package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Spring Security's {@link AuthenticationFilter} for our keys, in the security filter chain: reads
 * the key with {@link ApiKeyAuthenticationConverter}, checks it through the
 * {@link AuthenticationManager} ({@link ApiKeyAuthenticationProvider}), and on success puts the
 * {@link dev.switchgear.application.port.in.shared.Caller} into the request as attribute
 * {@link #CALLER}, where controllers read it. Whether a route needs a caller, or the admin, is not
 * decided here but by the chain's authorization rules on the normalized path; a request without
 * any key passes on as anonymous. A wrong key is answered 401 at once (and counted against the
 * client's address by {@link FailedAuthentications}); an address over its limit gets 429 for any
 * request that presents a key.
 */
public class BearerAuthenticationFilter extends AuthenticationFilter {

    public static final String CALLER = "switchgear.caller";

    private final ApiKeyAuthenticationConverter converter;
    private final FailedAuthentications failures;
    private final ApiSecurityErrors errors;

    /**
     * @param unauthorized answers a wrong key with 401 in the route's shape
     * @param errors answers an address over its limit with 429
     */
    public BearerAuthenticationFilter(AuthenticationManager manager, FailedAuthentications failures,
                                      AuthenticationEntryPoint unauthorized, ApiSecurityErrors errors) {
        this(manager, new ApiKeyAuthenticationConverter(), failures, unauthorized, errors);
    }

    /**
     * @param signInTokens whether JWS-shaped bearers are identity-provider tokens (ADR 0015), for a
     *        manager that holds a {@link SignInTokenProvider}; an identity provider that cannot be
     *        reached is answered 503 and not counted as a failure
     */
    public BearerAuthenticationFilter(AuthenticationManager manager, FailedAuthentications failures,
                                      AuthenticationEntryPoint unauthorized, ApiSecurityErrors errors,
                                      boolean signInTokens) {
        this(manager, new ApiKeyAuthenticationConverter(signInTokens), failures, unauthorized, errors);
    }

    private BearerAuthenticationFilter(AuthenticationManager manager, ApiKeyAuthenticationConverter converter,
                                       FailedAuthentications failures, AuthenticationEntryPoint unauthorized,
                                       ApiSecurityErrors errors) {
        super(manager, converter);
        this.converter = converter;
        this.failures = failures;
        this.errors = errors;
        setSuccessHandler((request, response, authentication) ->
                request.setAttribute(CALLER, authentication.getPrincipal()));
        setFailureHandler((request, response, exception) -> {
            if (exception instanceof AuthenticationServiceException) {
                errors.identityProviderUnavailable(request, response);
                return;
            }
            Optional<Duration> wait = failures.failed(request.getRemoteAddr());
            if (wait.isPresent()) {
                errors.tooManyFailures(request, response, wait.get());
            } else {
                unauthorized.commence(request, response, exception);
            }
        });
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (converter.presentsCredential(request)) {
            Optional<Duration> wait = failures.blocked(request.getRemoteAddr());
            if (wait.isPresent()) {
                errors.tooManyFailures(request, response, wait.get());
                return;
            }
        }
        super.doFilterInternal(request, response, chain);
    }
}
