package dev.switchgear.adapter.persistence.readmodel;

import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The monthly partitions of {@code usage_row} (ADR 0024): created ahead of time, and dropped once
 * they are older than the retention (the rollups keep their sums). The usage projection also
 * creates a missing month itself, so an event of any time can be projected (a replay of old events
 * recreates their month, which the next retention run drops again).
 */
public class UsagePartitions {

    private final DSLContext db;

    public UsagePartitions(DSLContext db) {
        this.db = db;
    }

    /** Creates the partitions of the month holding {@code today} and the {@code ahead} months after it. */
    public void createAhead(LocalDate today, int ahead) {
        LocalDate month = today.withDayOfMonth(1);
        for (int i = 0; i <= ahead; i++) {
            db.fetch("select usage_ensure_partition(?::date)", month.plusMonths(i));
        }
    }

    /**
     * Drops the partitions of the months wholly older than {@code retentionMonths} full months before
     * the month of {@code today}, and the rows of failed requests of those months; returns how many
     * partitions were dropped.
     */
    public int dropExpired(LocalDate today, int retentionMonths) {
        if (retentionMonths < 1) {
            throw new IllegalArgumentException("the retention is at least one month");
        }
        LocalDate keepFrom = today.withDayOfMonth(1).minusMonths(retentionMonths);
        Integer dropped = db.fetchOne("select usage_drop_partitions_before(?::date)", keepFrom).get(0, Integer.class);
        // the raw rows of requests that failed outright (V14) go by the same retention; their counts stay
        db.execute("delete from usage_failure where failed_at < (?::date)::timestamp at time zone 'UTC'", keepFrom);
        return dropped == null ? 0 : dropped;
    }

    /** The partitions there are, oldest first (their table names, {@code usage_row_yyyymm}). */
    public List<String> partitions() {
        return db.fetch("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = 'usage_row'::regclass order by 1").getValues(0, String.class);
    }
}
