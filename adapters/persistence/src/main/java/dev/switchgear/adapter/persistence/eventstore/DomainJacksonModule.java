package dev.switchgear.adapter.persistence.eventstore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.MicroCredits;
import java.io.IOException;
import java.util.function.Function;

/**
 * How the domain's value objects look in JSON (stored events, the audit history): identifiers as
 * strings, tiers as their codes, money as integer micro-credits. The domain itself carries no
 * Jackson annotations.
 */
public class DomainJacksonModule extends SimpleModule {

    public DomainJacksonModule() {
        super("switchgear-domain");
        addSerializer(AccountId.class, stringOf(AccountId::value));
        addDeserializer(AccountId.class, fromString(AccountId::new));
        addSerializer(RequestId.class, stringOf(RequestId::value));
        addDeserializer(RequestId.class, fromString(RequestId::new));
        addSerializer(Tier.class, stringOf(Tier::code));
        addDeserializer(Tier.class, fromString(Tier::fromCode));
        addSerializer(MicroCredits.class, new JsonSerializer<>() {
            @Override
            public void serialize(MicroCredits value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeNumber(value.value());
            }
        });
        addDeserializer(MicroCredits.class, new JsonDeserializer<>() {
            @Override
            public MicroCredits deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return MicroCredits.of(p.getLongValue());
            }
        });
    }

    private static <T> JsonSerializer<T> stringOf(Function<T, String> text) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(text.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> fromString(Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        };
    }
}
