package dev.switchgear.adapter.persistence.rebuild;

import dev.switchgear.application.port.out.audit.ReadModelChecksum;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * An order-independent checksum of a read model, computed in PostgreSQL in one pass per table: each
 * row's event-derived columns (in the table's column order) are written as a row value's text and
 * hashed with MD5; the hashes' two 64-bit halves are summed (as numerics, so nothing overflows) and
 * counted. Sums do not depend on the order rows are read or were written, and a changed, missing or
 * extra row changes them. The per-table sums are hashed together (SHA-256) into one hex digest.
 * Timestamps are written in the session's time zone, the same for both sides of a comparison.
 */
public final class ReadModelChecksums {

    private final DSLContext db;

    public ReadModelChecksums(DSLContext db) {
        this.db = db;
    }

    public ReadModelChecksum checksum(ReadModelTables model) {
        StringBuilder sums = new StringBuilder();
        long rows = 0;
        for (ReadModelTables.Table table : model.tables()) {
            List<String> columns = columns(table);
            String row = columns.stream().map(c -> "t." + c).collect(Collectors.joining(", ", "row(", ")::text"));
            Record3<Long, BigDecimal, BigDecimal> sum = db.select(
                            DSL.count().cast(SQLDataType.BIGINT),
                            DSL.field("coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0)",
                                    SQLDataType.NUMERIC),
                            DSL.field("coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)",
                                    SQLDataType.NUMERIC))
                    .from(DSL.table("(select md5(" + row + ") as h from " + table.name() + " t) as hashed"))
                    .fetchOne();
            rows += sum.value1();
            sums.append(table.name()).append(':').append(sum.value1()).append(':')
                    .append(sum.value2().toPlainString()).append(':').append(sum.value3().toPlainString()).append(';');
        }
        return new ReadModelChecksum(sha256(sums.toString()), rows);
    }

    /** The table's columns in their order, less those no event writes. */
    private List<String> columns(ReadModelTables.Table table) {
        List<String> columns = db.select(DSL.field("column_name", String.class))
                .from(DSL.table("information_schema.columns"))
                .where(DSL.field("table_schema").eq(DSL.field("current_schema()")))
                .and(DSL.field("table_name").eq(table.name()))
                .orderBy(DSL.field("ordinal_position"))
                .fetch(DSL.field("column_name", String.class));
        List<String> derived = columns.stream().filter(c -> !table.notFromEvents().contains(c)).toList();
        if (derived.isEmpty()) {
            throw new IllegalStateException("table " + table.name() + " has no columns to checksum");
        }
        return derived.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
