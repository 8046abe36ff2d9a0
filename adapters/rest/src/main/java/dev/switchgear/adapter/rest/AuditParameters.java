package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.out.audit.AuditAction;
import dev.switchgear.application.port.out.audit.AuditCursor;
import dev.switchgear.application.port.out.audit.AuditQuery;
import dev.switchgear.domain.shared.AccountId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code GET /api/v1/audit}'s query parameters strictly: each bad value is a 400 naming its
 * parameter, never echoing it. The cursor is opaque to clients: the last entry's time and id, in
 * URL-safe base64.
 */
final class AuditParameters {

    /** Times the audit log can hold and PostgreSQL can compare: 1970 to the end of 9999. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final int DEFAULT_LIMIT = 50;
    private static final String ACTIONS = Arrays.stream(AuditAction.values()).map(AuditAction::code)
            .collect(Collectors.joining(", "));

    private AuditParameters() {
    }

    static AuditQuery query(String account, String actor, List<String> actions, String from, String to, String cursor,
                            String limit) {
        Optional<Instant> start = Optional.ofNullable(from).map(f -> time(f, "from"));
        Optional<Instant> end = Optional.ofNullable(to).map(t -> time(t, "to"));
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw new BadRequestException("`to` must be after `from`", "to");
        }
        return new AuditQuery(Optional.ofNullable(account).map(AuditParameters::account),
                Optional.ofNullable(actor).map(AuditParameters::actor), actions(actions), start, end,
                Optional.ofNullable(cursor).map(AuditParameters::cursor), limit(limit));
    }

    /** The cursor a client sends back for the page after {@code after}. */
    static String cursor(AuditCursor after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((after.at() + "|" + after.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static AuditCursor cursor(String raw) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (raw.length() > 300 || bar < 1 || bar == decoded.length() - 1 || !printable(decoded)) {
                throw new IllegalArgumentException("no cursor");
            }
            Instant at = Instant.parse(decoded.substring(0, bar));
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new IllegalArgumentException("no cursor");
            }
            return new AuditCursor(at, decoded.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequestException("`cursor` must be the `next` value of an earlier page", "cursor");
        }
    }

    private static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("`account` must be an account id (a UUID)", "account");
        }
    }

    private static String actor(String raw) {
        if (raw.isBlank() || raw.length() > 300 || !printable(raw)) {
            throw new BadRequestException("`actor` must be 1 to 300 characters, e.g. admin or key:<key id>", "actor");
        }
        return raw;
    }

    /** No control characters (PostgreSQL text cannot hold NUL; none belongs in an actor or id). */
    private static boolean printable(String text) {
        return text.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static Set<AuditAction> actions(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return Set.of();
        }
        Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
        for (String value : raw) {
            for (String code : value.split(",", -1)) {
                actions.add(AuditAction.fromCode(code.trim()).orElseThrow(() -> new BadRequestException(
                        "`action` must be one or more of " + ACTIONS, "action")));
            }
        }
        return actions;
    }

    private static Instant time(String raw, String name) {
        try {
            Instant at = OffsetDateTime.parse(raw.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new BadRequestException("`" + name + "` must be a time from 1970 to 9999", name);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new BadRequestException("`" + name + "` must be an RFC 3339 time, e.g. 2026-12-01T00:00:00Z", name);
        }
    }

    private static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new BadRequestException("`limit` must be a whole number from 1 to " + AuditQuery.MAX_LIMIT, "limit");
        }
        return limit;
    }
}
