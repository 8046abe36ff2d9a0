package dev.switchgear.domain;

import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.routing.RoutingException;
import java.util.function.Function;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * Matchers for an aggregate's refusal: its exception type and its stable error code, for
 * {@code AggregateTestFixture}'s {@code expectException(Matcher)}. Routing's refusals carry no
 * code, so they are matched by a part of their message.
 */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<Throwable> creditRefusal(CreditError code) {
        return refusal(CreditException.class, code, CreditException::code);
    }

    public static Matcher<Throwable> keyringRefusal(KeyringError code) {
        return refusal(KeyringException.class, code, KeyringException::code);
    }

    public static Matcher<Throwable> routingRefusal(String messagePart) {
        return refusal(RoutingException.class, messagePart, e -> e.getMessage().contains(messagePart) ? messagePart
                : e.getMessage());
    }

    private static <E extends Throwable, C> Matcher<Throwable> refusal(Class<E> type, C expected,
                                                                       Function<E, C> actual) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item, Description mismatch) {
                if (!type.isInstance(item)) {
                    mismatch.appendText("was ").appendValue(item);
                    return false;
                }
                C got = actual.apply(type.cast(item));
                if (!expected.equals(got)) {
                    mismatch.appendText(type.getSimpleName() + " with ").appendValue(got);
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " with ").appendValue(expected);
            }
        };
    }
}
