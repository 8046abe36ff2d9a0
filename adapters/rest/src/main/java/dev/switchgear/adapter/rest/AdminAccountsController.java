package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.credit.AccountEvent;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administration of accounts, with the admin key: open, issue keys, grant credits, read history. */
@RestController
public class AdminAccountsController {

    private final ManageAccountsUseCase accounts;
    private final IssueApiKeyUseCase apiKeys;
    private final ObjectMapper json;

    public AdminAccountsController(ManageAccountsUseCase accounts, IssueApiKeyUseCase apiKeys, ObjectMapper json) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.json = json;
    }

    @PostMapping("/api/v1/admin/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    OpenedView open(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                    @RequestBody(required = false) byte[] body) {
        JsonNode root = object(body);
        JsonNode name = root.get("name");
        if (name == null || !name.isTextual()) {
            throw new BadRequestException("`name` must be a string", "name");
        }
        JsonNode tier = root.get("tier");
        if (tier == null || !tier.isTextual()) {
            throw new BadRequestException("`tier` must be one of free, starter, professional, enterprise", "tier");
        }
        AccountId id = accounts.open(caller, name.asText(), Tier.fromCode(tier.asText()));
        return new OpenedView(id.value());
    }

    @PostMapping("/api/v1/admin/accounts/{accountId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    KeyView issueKey(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                     @PathVariable String accountId) {
        IssueApiKeyUseCase.IssuedApiKey issued = apiKeys.issue(caller, account(accountId));
        return new KeyView(issued.keyId(), issued.key(), issued.prefix());
    }

    @PostMapping("/api/v1/admin/accounts/{accountId}/credits")
    BalanceView grant(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                      @PathVariable String accountId, @RequestBody(required = false) byte[] body) {
        JsonNode root = object(body);
        MicroCredits micros = JsonFields.credits(root.get("credits"), "credits");
        Optional<String> reason = JsonFields.text(root, "reason");
        AccountId id = account(accountId);
        MicroCredits balance = accounts.grant(caller, id, micros, reason.orElse(null));
        return new BalanceView(id.value(), balance.toCredits().toPlainString(), balance.value());
    }

    /** {@code {"credits", "reason"}}: takes credits back (the balance may go below zero, blocking platform usage). */
    @PostMapping("/api/v1/admin/accounts/{accountId}/refunds")
    BalanceView refund(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                       @PathVariable String accountId, @RequestBody(required = false) byte[] body) {
        JsonNode root = object(body);
        MicroCredits micros = JsonFields.credits(root.get("credits"), "credits");
        Optional<String> reason = JsonFields.text(root, "reason");
        AccountId id = account(accountId);
        MicroCredits balance = accounts.refund(caller, id, micros, reason.orElse(null));
        return new BalanceView(id.value(), balance.toCredits().toPlainString(), balance.value());
    }

    /** The account's events oldest first, {@code limit} (1–10,000) from sequence {@code from}; {@code nextFrom} continues. */
    @GetMapping("/api/v1/admin/accounts/{accountId}/events")
    HistoryView history(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                        @PathVariable String accountId,
                        @RequestParam(name = "from", defaultValue = "0") String fromParameter,
                        @RequestParam(name = "limit", defaultValue = "1000") String limitParameter) {
        long from = QueryParameters.whole(fromParameter, "from", 0, Long.MAX_VALUE);
        int limit = QueryParameters.whole(limitParameter, "limit", 1, 10_000);
        AccountId id = account(accountId);
        List<EventView> events = accounts.history(caller, id, from, limit).stream().map(EventView::of).toList();
        Long next = events.size() == limit ? events.get(events.size() - 1).sequence() + 1 : null;
        return new HistoryView(id.value(), events, next);
    }

    private JsonNode object(byte[] body) {
        return JsonBodies.object(json, body);
    }

    private static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
    }

    record OpenedView(String accountId) {
    }

    record KeyView(String keyId, String key, String prefix) {
    }

    record BalanceView(String accountId, String balance, long balanceMicroCredits) {
    }

    record HistoryView(String accountId, List<EventView> events, Long nextFrom) {
    }

    record EventView(long sequence, String type, Instant timestamp, Object payload) {
        static EventView of(AccountEvent event) {
            return new EventView(event.sequence(), event.type(), event.timestamp(), event.payload());
        }
    }
}
