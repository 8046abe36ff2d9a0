package dev.switchgear.adapter.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;

/** The {@code Long} scalar: 64-bit whole numbers, which GraphQL's 32-bit Int cannot carry. */
final class LongScalar {

    static final GraphQLScalarType LONG = GraphQLScalarType.newScalar()
            .name("Long")
            .description("A 64-bit whole number")
            .coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Long l) {
                        return l;
                    }
                    if (value instanceof Integer i) {
                        return i.longValue();
                    }
                    throw new CoercingSerializeException("not a Long: " + value.getClass().getSimpleName());
                }

                @Override
                public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof Long || input instanceof Integer || input instanceof Short
                            || input instanceof Byte) {
                        return ((Number) input).longValue();
                    }
                    if (input instanceof Number) {
                        try {
                            return new java.math.BigDecimal(input.toString()).longValueExact();
                        } catch (ArithmeticException | NumberFormatException e) {
                            throw new CoercingParseValueException("not a Long");
                        }
                    }
                    try {
                        return Long.parseLong(String.valueOf(input));
                    } catch (NumberFormatException e) {
                        throw new CoercingParseValueException("not a Long");
                    }
                }

                @Override
                public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                         Locale locale) {
                    if (input instanceof IntValue i) {
                        try {
                            return i.getValue().longValueExact();
                        } catch (ArithmeticException e) {
                            throw new CoercingParseLiteralException("not a Long: out of range");
                        }
                    }
                    if (input instanceof StringValue s) {
                        try {
                            return Long.parseLong(s.getValue());
                        } catch (NumberFormatException e) {
                            throw new CoercingParseLiteralException("not a Long");
                        }
                    }
                    throw new CoercingParseLiteralException("not a Long");
                }
            })
            .build();

    private LongScalar() {
    }
}
