package dev.switchgear.adapter.graphql;

import graphql.GraphQLContext;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;
import java.util.List;

/**
 * Limits checked on the parsed document before graphql-java validates it (validation of many
 * same-named fields is quadratic, so a thousand aliases must be refused before it): at most
 * {@code maxAliases} aliased fields and {@code maxFields} fields in all, and introspection
 * ({@code __schema}, {@code __type}) only for a signed-in caller. Depth and complexity are
 * graphql-java's own {@code MaxQueryDepthInstrumentation} and {@code MaxQueryComplexityInstrumentation}.
 */
final class QueryLimits extends SimplePerformantInstrumentation {

    private final int maxAliases;
    private final int maxFields;

    QueryLimits(int maxAliases, int maxFields) {
        this.maxAliases = maxAliases;
        this.maxFields = maxFields;
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                          InstrumentationState state) {
        Counts counts = new Counts();
        Document document = parameters.getDocument();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                count(operation.getSelectionSet(), counts);
            } else if (definition instanceof FragmentDefinition fragment) {
                count(fragment.getSelectionSet(), counts);
            }
        }
        if (counts.aliases > maxAliases) {
            throw new AbortExecutionException("The query has " + counts.aliases + " aliases; at most " + maxAliases
                    + " are allowed");
        }
        if (counts.fields > maxFields) {
            throw new AbortExecutionException("The query selects " + counts.fields + " fields; at most " + maxFields
                    + " are allowed");
        }
        if (counts.introspection) {
            GraphQLContext context = parameters.getExecutionInput().getGraphQLContext();
            if (context == null || context.get(GraphQlAuthentication.CALLER) == null) {
                throw new AbortExecutionException("Introspection needs a signed-in caller: send an API key as "
                        + "`Authorization: Bearer <key>`");
            }
        }
        return super.beginValidation(parameters, state);
    }

    private static void count(SelectionSet selections, Counts counts) {
        if (selections == null) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (counts.fields > Integer.MAX_VALUE / 2) {
                return;
            }
            if (selection instanceof Field field) {
                counts.fields++;
                if (field.getAlias() != null) {
                    counts.aliases++;
                }
                if (field.getName().equals("__schema") || field.getName().equals("__type")) {
                    counts.introspection = true;
                }
                count(field.getSelectionSet(), counts);
            } else if (selection instanceof InlineFragment fragment) {
                count(fragment.getSelectionSet(), counts);
            }
        }
    }

    private static final class Counts {
        int fields;
        int aliases;
        boolean introspection;
    }

    @Override
    public String toString() {
        return "QueryLimits[aliases=" + maxAliases + ", fields=" + maxFields + "]";
    }

    /**
     * A field's cost: 1, plus its selection's cost once for every 10 items a list argument
     * ({@code first} or {@code limit}) asks for — so a page of 100 models costs ten times a page of
     * 10 — and once for any other field.
     */
    static int fieldComplexity(graphql.analysis.FieldComplexityEnvironment environment, int childComplexity) {
        Object size = environment.getArguments().get("first");
        if (size == null) {
            size = environment.getArguments().get("limit");
        }
        long weight = size instanceof Integer items && items > 10 ? (items + 9L) / 10 : 1;
        return (int) Math.min(Integer.MAX_VALUE, 1 + weight * childComplexity);
    }

    /** graphql-java's complexity limit with {@link #fieldComplexity} and an error that says what to do. */
    static final class Complexity extends graphql.analysis.MaxQueryComplexityInstrumentation {
        Complexity(int maxComplexity) {
            super(maxComplexity, QueryLimits::fieldComplexity);
        }

        @Override
        protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
            return new AbortExecutionException("The query's complexity is " + complexity + "; at most " + maxComplexity
                    + " is allowed (each field counts 1, a list's fields once per 10 items of `first` or `limit`): "
                    + "select fewer fields or ask for smaller pages");
        }
    }

    /** graphql-java's depth limit with an error that says what to do. */
    static final class Depth extends graphql.analysis.MaxQueryDepthInstrumentation {
        Depth(int maxDepth) {
            super(maxDepth);
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
            return new AbortExecutionException("The query's depth is " + depth + "; at most " + maxDepth
                    + " levels of fields are allowed: nest fewer selections");
        }
    }
}
