package dev.switchgear.adapter.persistence.rebuild;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tables an event processor's projection writes (ADR 0025): what a rebuild clears, refills by
 * replaying the event store through the projection's own handlers, and checksums before and after.
 * A processor whose tables are declared here is rebuilt in one transaction; one with none is only
 * reset (its own {@code @ResetHandler} must clear it) or, if it calls out, refused. Declare one bean
 * per processor in bootstrap; a new read model joins with a new bean.
 *
 * @param processor the event processor's name (its processing group)
 * @param tables    the tables its projection writes, in the order they are cleared
 */
public record ReadModelTables(String processor, List<Table> tables) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public ReadModelTables {
        Objects.requireNonNull(processor, "processor");
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a read model has at least one table");
        }
    }

    public static ReadModelTables of(String processor, Table... tables) {
        return new ReadModelTables(processor, List.of(tables));
    }

    /** The table names, for a status. */
    public List<String> names() {
        return tables.stream().map(Table::name).toList();
    }

    /**
     * One table. {@code notFromEvents} are columns no event writes (a last-use time): left out of the
     * checksum and, when the table has a {@code keepKey}, carried over to the rebuilt row of the same
     * key. With a {@code keepKey}, rows the replay does not write again (rows from before their
     * events existed) are kept as they were; without one, the table holds exactly what the events say.
     */
    public record Table(String name, Set<String> notFromEvents, String keepKey) {

        public Table {
            requireIdentifier(name);
            notFromEvents = Set.copyOf(notFromEvents);
            notFromEvents.forEach(Table::requireIdentifier);
            if (keepKey != null) {
                requireIdentifier(keepKey);
            }
        }

        /** A table whose every row and column comes from the events. */
        public static Table derived(String name) {
            return new Table(name, Set.of(), null);
        }

        private static void requireIdentifier(String identifier) {
            if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
                throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + identifier);
            }
        }
    }
}
