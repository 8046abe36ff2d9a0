package dev.switchgear.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.parser.Parser;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.SchemaPrinter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL schema published in {@code docs/graphql-schema.graphqls} (ADR 0019) is the one served
 * from {@code graphql/*.graphqls}, and every type, field and argument in it is described.
 */
class PublishedSchemaTest {

    private static final Path PUBLISHED = Path.of("..", "..", "docs", "graphql-schema.graphqls");

    @Test
    void thePublishedSchemaIsTheServedOne() throws Exception {
        String served = served();
        String published = Files.readString(PUBLISHED, StandardCharsets.UTF_8);
        assertThat(printed(published)).as("docs/graphql-schema.graphqls differs from the served schema: copy "
                + "adapters/graphql/src/main/resources/graphql/schema.graphqls there").isEqualTo(printed(served));
    }

    @Test
    void everyTypeFieldAndArgumentIsDescribed() throws Exception {
        Document document = Parser.parse(served());
        List<String> undescribed = new ArrayList<>();
        document.getDefinitionsOfType(ScalarTypeDefinition.class).forEach(scalar -> {
            if (scalar.getDescription() == null) {
                undescribed.add("scalar " + scalar.getName());
            }
        });
        for (ObjectTypeDefinition type : document.getDefinitionsOfType(ObjectTypeDefinition.class)) {
            if (type.getDescription() == null) {
                undescribed.add("type " + type.getName());
            }
            for (FieldDefinition field : type.getFieldDefinitions()) {
                if (field.getDescription() == null) {
                    undescribed.add(type.getName() + "." + field.getName());
                }
                for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                    if (argument.getDescription() == null) {
                        undescribed.add(type.getName() + "." + field.getName() + "(" + argument.getName() + ")");
                    }
                }
            }
        }
        assertThat(document.getDefinitionsOfType(ObjectTypeDefinition.class)).hasSizeGreaterThan(4);
        assertThat(undescribed).isEmpty();
    }

    private static String served() throws Exception {
        try (InputStream in = PublishedSchemaTest.class.getResourceAsStream("/graphql/schema.graphqls")) {
            assertThat(in).as("the served schema on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The schema as graphql-java prints it, so layout does not count but every description does. */
    private static String printed(String sdl) {
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        return new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false))
                .print(UnExecutableSchemaGenerator.makeUnExecutableSchema(registry));
    }
}
