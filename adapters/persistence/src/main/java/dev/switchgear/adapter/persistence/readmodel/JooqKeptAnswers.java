package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.application.port.out.credit.KeptAnswers;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The answers kept with their charges, in table {@code kept_answer}: {@link #insert} runs inside
 * the journal's transaction with the charges' events; a retry reads an answer back with
 * {@link #find}. The parts of an answer are stored as one {@code bytea}, each part behind its
 * length.
 */
public class JooqKeptAnswers implements KeptAnswers {

    private static final Table<?> KEPT = table("kept_answer");
    private static final Field<UUID> ACCOUNT_ID = field("account_id", UUID.class);
    private static final Field<String> REQUEST_ID = field("request_id", String.class);
    private static final Field<String> REQUEST_HASH = field("request_hash", String.class);
    private static final Field<Boolean> STREAM = field("stream", Boolean.class);
    private static final Field<byte[]> PARTS = field("parts", byte[].class);
    private static final Field<String> MODEL = field("model", String.class);
    private static final Field<String> PROVIDER = field("provider", String.class);
    private static final Field<Long> INPUT_TOKENS = field("input_tokens", Long.class);
    private static final Field<Long> OUTPUT_TOKENS = field("output_tokens", Long.class);
    private static final Field<Boolean> USAGE_ESTIMATED = field("usage_estimated", Boolean.class);
    private static final Field<Long> CHARGED = field("charged_micros", Long.class);
    private static final Field<OffsetDateTime> KEPT_AT = field("kept_at", OffsetDateTime.class);
    private static final Field<OffsetDateTime> EXPIRES_AT = field("expires_at", OffsetDateTime.class);

    private final DSLContext db;

    public JooqKeptAnswers(DSLContext db) {
        this.db = db;
    }

    /** Writes the answers (in the caller's transaction); an answer already kept for a request stays as it is. */
    public void insert(List<KeptAnswer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        var insert = db.insertInto(KEPT).columns(ACCOUNT_ID, REQUEST_ID, REQUEST_HASH, STREAM, PARTS, MODEL,
                PROVIDER, INPUT_TOKENS, OUTPUT_TOKENS, USAGE_ESTIMATED, CHARGED, KEPT_AT, EXPIRES_AT);
        for (KeptAnswer a : answers) {
            insert = insert.values(UUID.fromString(a.accountId().value()), a.requestId().value(), a.requestHash(),
                    a.stream(), pack(a.parts()), a.model(), a.provider(), a.inputTokens(), a.outputTokens(),
                    a.usageEstimated(), a.charged().value(), a.keptAt().atOffset(ZoneOffset.UTC),
                    a.expiresAt().atOffset(ZoneOffset.UTC));
        }
        insert.onConflictDoNothing().execute();
    }

    @Override
    public Optional<KeptAnswer> find(AccountId accountId, RequestId requestId, Instant now) {
        return db.select().from(KEPT)
                .where(ACCOUNT_ID.eq(UUID.fromString(accountId.value())))
                .and(REQUEST_ID.eq(requestId.value()))
                .and(EXPIRES_AT.ge(now.atOffset(ZoneOffset.UTC)))
                .fetchOptional()
                .map(r -> new KeptAnswer(accountId, requestId, r.get(REQUEST_HASH), r.get(STREAM), unpack(r.get(PARTS)),
                        r.get(MODEL), r.get(PROVIDER), r.get(INPUT_TOKENS), r.get(OUTPUT_TOKENS),
                        r.get(USAGE_ESTIMATED), MicroCredits.of(r.get(CHARGED)), r.get(KEPT_AT).toInstant(),
                        r.get(EXPIRES_AT).toInstant()));
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.deleteFrom(KEPT).where(EXPIRES_AT.lt(now.atOffset(ZoneOffset.UTC))).execute();
    }

    static byte[] pack(List<byte[]> parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (byte[] part : parts) {
                out.writeInt(part.length);
                out.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<byte[]> unpack(byte[] packed) {
        List<byte[]> parts = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(packed))) {
            while (in.available() > 0) {
                byte[] part = new byte[in.readInt()];
                in.readFully(part);
                parts.add(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a kept answer is damaged", e);
        }
        return parts;
    }
}
