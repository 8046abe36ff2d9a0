package dev.switchgear.adapter.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * Every field of {@code Query} needs a signed-in caller, whatever its resolver does (ADR 0024): a
 * field added later is refused without one by default, not only when its resolver remembers to
 * check. The fields below a query field are only reached through it, and the use cases scope what
 * it returns to what the caller may see. Introspection has its own rule ({@link QueryLimits}).
 */
final class FieldAuthorization extends SimplePerformantInstrumentation {

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        DataFetchingEnvironment environment = parameters.getEnvironment();
        if (environment.getParentType() != environment.getGraphQLSchema().getQueryType()
                || environment.getField().getName().startsWith("__")) {
            return dataFetcher;
        }
        return fetching -> {
            if (fetching.getGraphQlContext().get(GraphQlAuthentication.CALLER) == null) {
                throw new GraphQlErrors.UnauthenticatedException();
            }
            return dataFetcher.get(fetching);
        };
    }
}
