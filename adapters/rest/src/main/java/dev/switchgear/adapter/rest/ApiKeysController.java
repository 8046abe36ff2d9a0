package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase.IssuedApiKey;
import dev.switchgear.application.port.in.identity.ManageApiKeysUseCase;
import dev.switchgear.application.port.in.identity.ManageApiKeysUseCase.ApiKeyView;
import dev.switchgear.application.port.in.identity.ManageApiKeysUseCase.NewApiKey;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gateway API keys (ADR 0016): the caller's own at {@code /api/v1/keys} — create (the key shown in
 * that answer only), list (masked: the stored prefix and an ellipsis), revoke — and any account's for
 * the administrator next to the existing {@code POST /api/v1/admin/accounts/{id}/api-keys}. A caller
 * without an account (the admin key) is refused 403 on the self-service routes; another account's
 * key is 404. Bodies are read strictly: unknown fields and wrong types are 400 and create nothing.
 */
@RestController
public class ApiKeysController {

    private static final Set<String> FIELDS = Set.of("name", "expires_at", "expires_in_days");
    private static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z_]{1,40}");
    private static final int MAX_KEY_ID = 64;

    private final ManageApiKeysUseCase keys;
    private final ObjectMapper json;

    public ApiKeysController(ManageApiKeysUseCase keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @PostMapping("/api/v1/keys")
    ResponseEntity<CreatedView> create(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                       @RequestBody(required = false) byte[] body) {
        AccountId account = own(caller);
        IssuedApiKey issued = keys.create(caller, account, request(body));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedView(issued.keyId(), issued.name(),
                issued.key(), masked(issued.prefix()), rfc3339(issued.createdAt()), rfc3339(issued.expiresAt())));
    }

    @GetMapping("/api/v1/keys")
    Map<String, List<KeyView>> list(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return listOf(caller, own(caller));
    }

    @DeleteMapping("/api/v1/keys/{keyId}")
    ResponseEntity<Void> revoke(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                @PathVariable String keyId) {
        return revokeOf(caller, own(caller), keyId);
    }

    @GetMapping("/api/v1/admin/accounts/{accountId}/api-keys")
    Map<String, List<KeyView>> listForAdmin(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                            @PathVariable String accountId) {
        return listOf(caller, account(accountId));
    }

    @DeleteMapping("/api/v1/admin/accounts/{accountId}/api-keys/{keyId}")
    ResponseEntity<Void> revokeForAdmin(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                        @PathVariable String accountId, @PathVariable String keyId) {
        return revokeOf(caller, account(accountId), keyId);
    }

    private Map<String, List<KeyView>> listOf(Caller caller, AccountId account) {
        return Map.of("data", keys.list(caller, account).stream().map(ApiKeysController::view).toList());
    }

    private ResponseEntity<Void> revokeOf(Caller caller, AccountId account, String keyId) {
        if (keyId.length() > MAX_KEY_ID) {
            throw new CreditException(CreditError.API_KEY_NOT_FOUND, "API key not found");
        }
        keys.revoke(caller, account, keyId);
        return ResponseEntity.noContent().build();
    }

    /** {@code {"name"?, "expires_at"? (RFC 3339) | "expires_in_days"? (1–3650)}}; no body is a key without either. */
    private NewApiKey request(byte[] body) {
        if (body == null || body.length == 0) {
            return NewApiKey.unnamed();
        }
        JsonNode root = JsonBodies.object(json, body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                boolean plain = PLAIN_FIELD.matcher(field).matches();
                throw new BadRequestException((plain ? "unknown field `" + field + "`" : "unknown field")
                        + "; a key takes only name, expires_at and expires_in_days", plain ? field : null);
            }
        }
        String name = JsonFields.text(root, "name").orElse(null);
        Instant expiresAt = JsonFields.text(root, "expires_at").map(ApiKeysController::rfc3339).orElse(null);
        Integer days = JsonFields.integer(root, "expires_in_days", 1, NewApiKey.MAX_DAYS).map(Long::intValue)
                .orElse(null);
        if (expiresAt != null && days != null) {
            throw new BadRequestException("give `expires_at` or `expires_in_days`, not both", "expires_in_days");
        }
        return new NewApiKey(name, expiresAt, days);
    }

    /** An instant as RFC 3339 in UTC ({@code 2027-01-31T00:00:00Z}), whatever the JSON mapper's settings. */
    private static String rfc3339(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant rfc3339(String text) {
        try {
            if (text.length() > 40) {
                throw new DateTimeParseException("too long", text, 0);
            }
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("`expires_at` must be an RFC 3339 time with an offset, e.g. "
                    + "2027-01-31T00:00:00Z", "expires_at");
        }
    }

    private static AccountId own(Caller caller) {
        return caller.accountId().orElseThrow(() -> new IdentityException(IdentityError.ACCOUNT_KEY_REQUIRED,
                "this route manages the calling account's own keys and the admin key has no account; "
                        + "use /api/v1/admin/accounts/{id}/api-keys"));
    }

    private static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
    }

    /** The stored prefix and an ellipsis: nothing more of the key is kept, so nothing more is shown. */
    private static String masked(String prefix) {
        return prefix + "…";
    }

    private static KeyView view(ApiKeyView key) {
        return new KeyView(key.keyId(), key.name(), masked(key.prefix()), rfc3339(key.createdAt()),
                rfc3339(key.lastUsedAt()), rfc3339(key.expiresAt()), key.expired());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedView(String id, String name, String key, String masked, String createdAt, String expiresAt) {
        @Override
        public String toString() {
            return "CreatedView[id=" + id + ", masked=" + masked + "]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyView(String id, String name, String masked, String createdAt, String lastUsedAt, String expiresAt,
                   boolean expired) {
    }
}
