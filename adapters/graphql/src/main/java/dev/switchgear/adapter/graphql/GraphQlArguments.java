package dev.switchgear.adapter.graphql;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Arguments the queries share, read or refused with an error that names the argument. */
final class GraphQlArguments {

    /** The earliest and latest instants a query may name (what the usage records can hold). */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private GraphQlArguments() {
    }

    static AccountId accountId(String raw, String argument) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new GraphQlErrors.BadArgumentException(argument, "`" + argument + "` is not an account id");
        }
    }

    /** An ISO-8601 instant from 1970 to the end of 9999. */
    static Instant instant(String raw, String name) {
        Instant instant;
        try {
            instant = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new GraphQlErrors.BadArgumentException(name, "`" + name
                    + "` must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new GraphQlErrors.BadArgumentException(name, "`" + name + "` must be between " + EARLIEST + " and "
                    + LATEST);
        }
        return instant;
    }
}
