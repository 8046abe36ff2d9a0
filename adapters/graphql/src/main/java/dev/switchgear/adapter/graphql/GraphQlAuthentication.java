package dev.switchgear.adapter.graphql;

import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import java.util.Optional;
import dev.switchgear.application.port.in.shared.Caller;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * Puts the {@link Caller} that the security filter chain authenticated (ADR 0013) into the GraphQL
 * context. The chain answers a request to {@code /graphql} without a valid key with HTTP 401 (see
 * {@link GraphQlAuthenticationEntryPoint}) before it gets here, so introspection too is only for
 * signed-in callers; resolvers still refuse to answer without a caller.
 */
public class GraphQlAuthentication implements WebGraphQlInterceptor {

    static final String CALLER = "caller";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof Caller caller) {
            request.configureExecutionInput((input, builder) ->
                    builder.graphQLContext(context -> context.put(CALLER, caller)).build());
        }
        return chain.next(request);
    }
}
