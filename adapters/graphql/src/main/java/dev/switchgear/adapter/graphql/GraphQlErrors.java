package dev.switchgear.adapter.graphql;

import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

/**
 * Turns refusals into GraphQL errors with a classification; anything unexpected is left to
 * Spring's default, which answers INTERNAL_ERROR without the exception's message.
 */
public class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        ErrorType type;
        if (ex instanceof IdentityException identity
                && identity.code() == dev.switchgear.application.port.in.shared.IdentityError.ADMIN_REQUIRED) {
            type = ErrorType.FORBIDDEN;
        } else if (ex instanceof UnauthenticatedException || ex instanceof IdentityException) {
            type = ErrorType.UNAUTHORIZED;
        } else if (ex instanceof BadArgumentException bad) {
            return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(bad.getMessage())
                    .extensions(Map.of("argument", bad.argument())).build();
        } else if (ex instanceof CreditException credit && credit.code() == CreditError.ACCOUNT_NOT_FOUND) {
            type = ErrorType.NOT_FOUND;
        } else if (ex instanceof CreditException || ex instanceof IllegalArgumentException) {
            type = ErrorType.BAD_REQUEST;
        } else {
            return null;
        }
        return GraphqlErrorBuilder.newError(env).errorType(type).message(ex.getMessage()).build();
    }

    /** An argument the query cannot be answered with; the message and the {@code argument} extension name it. */
    static final class BadArgumentException extends RuntimeException {
        private final String argument;

        BadArgumentException(String argument, String message) {
            super(message, null, false, false);
            this.argument = argument;
        }

        String argument() {
            return argument;
        }
    }

    /** No valid bearer key came with the request. */
    static final class UnauthenticatedException extends RuntimeException {
        UnauthenticatedException() {
            super("Send an API key as `Authorization: Bearer <key>`", null, false, false);
        }
    }
}
