package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.adapter.persistence.readmodel.JooqMeteringLog;
import dev.switchgear.adapter.persistence.rebuild.ReadModelChecksums;
import dev.switchgear.adapter.persistence.rebuild.ReadModelTables;
import dev.switchgear.application.port.out.audit.ReadModelChecksum;
import dev.switchgear.application.port.out.billing.MeteringLog;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The read-model checksum on PostgreSQL (ADR 0025): the same rows in any order give the same digest;
 * a changed, missing or repeated row changes it; a column declared not-from-events does not count.
 * And the meter's log: a charge recorded twice is kept once, and its sums are exact.
 */
class ReadModelChecksumsTest {

    private final PostgresFixture pg = PostgresFixture.INSTANCE;

    @Test
    void theChecksumDependsOnTheRowsNotOnTheirOrder() {
        String table = "checksum_probe_" + UUID.randomUUID().toString().replace("-", "");
        pg.db.execute("create table " + table + " (id integer, name text, at timestamptz, details jsonb, seen timestamptz)");
        ReadModelTables model = ReadModelTables.of("probe", new ReadModelTables.Table(table, Set.of("seen"), null));
        ReadModelChecksums checksums = new ReadModelChecksums(pg.db);
        List<String> rows = List.of("(1, 'a', '2026-12-01T10:00:00Z', '{\"x\": 1}', null)",
                "(2, 'b', '2026-12-01T11:00:00Z', null, now())", "(3, null, null, '[]', null)");

        rows.forEach(r -> pg.db.execute("insert into " + table + " values " + r));
        ReadModelChecksum forward = checksums.checksum(model);
        pg.db.execute("delete from " + table);
        for (int i = rows.size() - 1; i >= 0; i--) {
            pg.db.execute("insert into " + table + " values " + rows.get(i));
        }
        ReadModelChecksum backward = checksums.checksum(model);
        pg.db.execute("update " + table + " set seen = now() where id = 1");
        ReadModelChecksum lastUseChanged = checksums.checksum(model);

        assertThat(forward.rows()).isEqualTo(3);
        assertThat(forward.digest()).hasSize(64);
        assertThat(backward).isEqualTo(forward);
        assertThat(lastUseChanged).isEqualTo(forward);

        pg.db.execute("update " + table + " set name = 'B' where id = 2");
        ReadModelChecksum changed = checksums.checksum(model);
        pg.db.execute("update " + table + " set name = 'b' where id = 2");
        pg.db.execute("insert into " + table + " values " + rows.get(0));
        ReadModelChecksum repeated = checksums.checksum(model);
        pg.db.execute("delete from " + table + " where id = 1");
        ReadModelChecksum missing = checksums.checksum(model);

        assertThat(changed.digest()).isNotEqualTo(forward.digest());
        assertThat(changed.rows()).isEqualTo(3);
        assertThat(repeated.digest()).isNotEqualTo(forward.digest());
        assertThat(missing.digest()).isNotEqualTo(forward.digest()).isNotEqualTo(repeated.digest());
        assertThat(missing.rows()).isEqualTo(2);
        pg.db.execute("drop table " + table);
    }

    @Test
    void theMeteringLogKeepsEachChargeOnceAndSumsExactly() {
        AccountId account = AccountId.of(UUID.randomUUID());
        JooqMeteringLog log = new JooqMeteringLog(pg.db);
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        MeteringLog.MeteredCharge first = new MeteringLog.MeteredCharge(account, new RequestId("m1"), 30,
                MicroCredits.of(1_250), at);
        log.recordMetered(List.of(first, new MeteringLog.MeteredCharge(account, new RequestId("m2"), 12,
                MicroCredits.of(750), at)));
        log.recordMetered(List.of(first));
        log.recordMetered(List.of());

        assertThat(log.metered(account)).isEqualTo(new MeteringLog.MeteredTotals(2, 42, MicroCredits.of(2_000)));
        assertThat(log.metered(AccountId.of(UUID.randomUUID())))
                .isEqualTo(new MeteringLog.MeteredTotals(0, 0, MicroCredits.ZERO));
    }
}
