package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.limit.RateLimitsUseCase;
import dev.switchgear.application.port.in.limit.RateLimitsUseCase.EffectiveRateLimits;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's rate limits (ADR 0017): the administrator reads and overrides any account's
 * ({@code null} returns a limit to the tier's default); an account reads its own.
 */
@RestController
public class RateLimitsController {

    static final String REQUESTS = "requests_per_minute";
    static final String TOKENS = "tokens_per_minute";
    /** The overrides' ranges, as the account's rules accept them. */
    static final long MAX_REQUESTS = 1_000_000;
    static final long MAX_TOKENS = 10_000_000_000L;

    private final RateLimitsUseCase limits;
    private final ObjectMapper json;

    public RateLimitsController(RateLimitsUseCase limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @GetMapping("/api/v1/llm/rate-limits")
    LimitsView own(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return LimitsView.of(limits.effective(caller, caller.account()));
    }

    @GetMapping("/api/v1/admin/accounts/{accountId}/rate-limits")
    LimitsView effective(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                         @PathVariable String accountId) {
        return LimitsView.of(limits.effective(caller, account(accountId)));
    }

    /** {@code {"requests_per_minute": n|null, "tokens_per_minute": n|null}}: both named, nothing else. */
    @PutMapping("/api/v1/admin/accounts/{accountId}/rate-limits")
    LimitsView override(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                        @PathVariable String accountId, @RequestBody(required = false) byte[] body) {
        JsonNode root = JsonBodies.object(json, body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of(REQUESTS, TOKENS).contains(name)) {
                throw new BadRequestException("unknown field `" + name + "`; send " + REQUESTS + " and " + TOKENS,
                        name);
            }
        }
        for (String field : new String[] {REQUESTS, TOKENS}) {
            if (!root.has(field)) {
                throw new BadRequestException("`" + field + "` is required: a whole number, or null for the tier's"
                        + " default", field);
            }
        }
        Optional<Integer> requests = JsonFields.integer(root, REQUESTS, 1, MAX_REQUESTS).map(Long::intValue);
        Optional<Long> tokens = JsonFields.integer(root, TOKENS, 1, MAX_TOKENS);
        return LimitsView.of(limits.override(caller, account(accountId), requests, tokens));
    }

    private static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
    }

    /** The limits in force, and where each comes from. */
    record LimitsView(@JsonProperty("account_id") String accountId, String tier,
                      @JsonProperty(REQUESTS) long requestsPerMinute, @JsonProperty(TOKENS) long tokensPerMinute,
                      @JsonProperty("tier_default") Limits tierDefault, Overrides override) {

        record Limits(@JsonProperty(REQUESTS) long requestsPerMinute, @JsonProperty(TOKENS) long tokensPerMinute) {
        }

        record Overrides(@JsonProperty(REQUESTS) Integer requestsPerMinute, @JsonProperty(TOKENS) Long tokensPerMinute) {
        }

        static LimitsView of(EffectiveRateLimits limits) {
            return new LimitsView(limits.account().value(), limits.tier().code(), limits.requestsPerMinute(),
                    limits.tokensPerMinute(), new Limits(limits.tierRequestsPerMinute(), limits.tierTokensPerMinute()),
                    new Overrides(limits.requestsOverride().orElse(null), limits.tokensOverride().orElse(null)));
        }
    }
}
