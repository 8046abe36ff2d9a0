package dev.switchgear.adapter.graphql;

import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import java.util.Optional;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Authenticates a GraphQL request by its bearer key and puts the {@link Caller} into the GraphQL
 * context; resolvers refuse to answer without one.
 */
public class GraphQlAuthentication implements WebGraphQlInterceptor {

    static final String CALLER = "caller";
    private static final String BEARER = "Bearer ";

    private final AuthenticateUseCase authenticate;

    public GraphQlAuthentication(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String header = request.getHeaders().getFirst("Authorization");
        Optional<Caller> caller = Optional.empty();
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            caller = authenticate.authenticate(header.substring(BEARER.length()).strip());
        }
        caller.ifPresent(c -> request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(CALLER, c)).build()));
        return chain.next(request);
    }
}
