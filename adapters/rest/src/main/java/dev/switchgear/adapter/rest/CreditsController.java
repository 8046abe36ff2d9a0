package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.billing.BuyCreditsUseCase;
import dev.switchgear.application.port.in.billing.CreditPackage;
import dev.switchgear.application.port.in.credit.AccountEvent;
import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.LowBalanceReached;
import dev.switchgear.domain.credit.api.MonthlyCapSet;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.MicroCredits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calling account's credits: balance, holds, monthly cap and spend, low-balance flag and the
 * burn-rate outlook; the transaction history (paged); the cap and threshold; the credit packages and
 * a purchase through Stripe Checkout.
 */
@RestController
public class CreditsController {

    /** The deepest page of history one may ask for (a million pages of up to 200 events). */
    static final int MAX_PAGE = 1_000_000;

    private final ManageAccountsUseCase accounts;
    private final BuyCreditsUseCase billing;
    private final ObjectMapper json;

    public CreditsController(ManageAccountsUseCase accounts, BuyCreditsUseCase billing, ObjectMapper json) {
        this.accounts = accounts;
        this.billing = billing;
        this.json = json;
    }

    @GetMapping("/api/v1/llm/credits")
    CreditsView credits(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return CreditsView.of(accounts.summary(caller, caller.account()), accounts.outlook(caller, caller.account()));
    }

    @PutMapping("/api/v1/llm/credits/cap")
    CreditsView setCap(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                       @RequestBody(required = false) byte[] body) {
        accounts.setMonthlyCap(caller, caller.account(), optionalCredits(object(body), "monthly_cap"));
        return credits(caller);
    }

    @PutMapping("/api/v1/llm/credits/low-balance-threshold")
    CreditsView setThreshold(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                             @RequestBody(required = false) byte[] body) {
        accounts.setLowBalanceThreshold(caller, caller.account(), optionalCredits(object(body), "threshold"));
        return credits(caller);
    }

    /**
     * The account's events newest first, as transactions: page {@code page} covers {@code size}
     * (1–200) events of the stream (events that move no money, like the account's opening, are left
     * out, so a page may hold fewer rows).
     */
    @GetMapping("/api/v1/llm/credits/history")
    Map<String, Object> history(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                @RequestParam(name = "page", defaultValue = "0") String pageParameter,
                                @RequestParam(name = "size", defaultValue = "50") String sizeParameter) {
        int page = QueryParameters.whole(pageParameter, "page", 0, MAX_PAGE);
        int size = QueryParameters.whole(sizeParameter, "size", 1, 200);
        long last = accounts.lastSequence(caller, caller.account());
        long newest = last - (long) page * size;
        List<Map<String, Object>> rows = new ArrayList<>();
        if (newest >= 0) {
            long oldest = Math.max(0, newest - size + 1);
            List<AccountEvent> events = accounts.history(caller, caller.account(), oldest, (int) (newest - oldest + 1));
            for (int i = events.size() - 1; i >= 0; i--) {
                transaction(events.get(i)).ifPresent(rows::add);
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("page", page);
        view.put("size", size);
        view.put("events", last + 1);
        view.put("has_more", newest - size >= 0);
        view.put("transactions", rows);
        return view;
    }

    @GetMapping("/api/v1/llm/credits/packages")
    Map<String, Object> packages() {
        return Map.of("packages", billing.packages().stream().map(CreditsController::packageView).toList(),
                "custom", Map.of("min_usd", 5, "max_usd", 10_000, "credits_per_usd", 1_000));
    }

    /** {@code {"package":"growth-50"}} or {@code {"amount_usd":25}}: starts a Stripe Checkout and returns its URL. */
    @PostMapping("/api/v1/llm/credits/purchase")
    ResponseEntity<Map<String, Object>> purchase(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                                 @RequestBody(required = false) byte[] body) {
        JsonNode request = object(body);
        Optional<String> code = JsonFields.text(request, "package");
        Optional<Long> dollars = JsonFields.integer(request, "amount_usd", 1, 1_000_000_000L);
        BuyCreditsUseCase.CheckoutStarted started = billing.purchase(caller, code, dollars);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("checkout_session_id", started.sessionId());
        view.put("checkout_url", started.url());
        view.put("package", packageView(started.bought()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    private static Map<String, Object> packageView(CreditPackage p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", p.code());
        view.put("price_usd", BigDecimal.valueOf(p.priceCents(), 2).toPlainString());
        view.put("credits", p.credits().toCredits().stripTrailingZeros().toPlainString());
        view.put("bonus_percent", p.bonusPercent());
        return view;
    }

    private static Optional<Map<String, Object>> transaction(AccountEvent e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sequence", e.sequence());
        row.put("at", e.timestamp().toString());
        Object p = e.payload();
        if (p instanceof CreditsGranted g) {
            put(row, "grant", g.amount(), g.balanceAfter());
            row.put("reason", g.reason());
        } else if (p instanceof CreditsPurchased b) {
            put(row, "purchase", b.credits(), b.balanceAfter());
            row.put("package", b.packageCode());
            row.put("amount_cents", b.amountCents());
            row.put("currency", b.currency());
            row.put("stripe_checkout_session", b.checkoutReference());
            row.put("stripe_payment_intent", b.paymentReference());
        } else if (p instanceof CreditsRefunded r) {
            put(row, "refund", MicroCredits.of(-r.credits().value()), r.balanceAfter());
            row.put("reason", r.reason());
            row.put("stripe_payment_intent", r.paymentReference());
            row.put("stripe_charge", r.chargeReference());
        } else if (p instanceof UsageCharged u) {
            put(row, "usage", MicroCredits.of(-u.charged().value()), u.balanceAfter());
            row.put("request_id", u.requestId().value());
            row.put("model", u.model());
            row.put("provider", u.provider());
            row.put("input_tokens", u.inputTokens());
            row.put("output_tokens", u.outputTokens());
            row.put("byok", u.byok());
            row.put("multiplier", (u.multiplierBasisPoints() == 0 ? 10_000 : u.multiplierBasisPoints()) / 10_000.0);
            row.put("tier_markup", u.markupBasisPoints() / 10_000.0);
            row.put("uncollected", u.uncollected().toCredits().toPlainString());
            row.put("cached_input_tokens", u.cachedInputTokens());
            row.put("cache_write_5m_tokens", u.cacheWrite5mTokens());
            row.put("cache_write_1h_tokens", u.cacheWrite1hTokens());
            row.put("reasoning_tokens", u.reasoningTokens());
            row.put("prices_per_1k", pricesPer1k(u));
        } else if (p instanceof PaymentFailed f) {
            row.put("type", "payment_failed");
            row.put("stripe_payment_intent", f.paymentReference());
            row.put("message", f.message());
        } else if (p instanceof LowBalanceReached l) {
            row.put("type", "low_balance");
            row.put("balance", l.balance().toCredits().toPlainString());
            row.put("threshold", l.threshold().toCredits().toPlainString());
        } else if (p instanceof MonthlyCapSet c) {
            row.put("type", "monthly_cap_set");
            row.put("monthly_cap", c.cap() == null ? null : c.cap().toCredits().toPlainString());
        } else {
            return Optional.empty();
        }
        return Optional.of(row);
    }

    /** Every rate a charge was computed at, in micro-credits per 1K tokens (ADR 0023). */
    private static Map<String, Object> pricesPer1k(UsageCharged u) {
        Map<String, Object> prices = new LinkedHashMap<>();
        prices.put("input", u.inputPricePer1kTokens());
        prices.put("output", u.outputPricePer1kTokens());
        prices.put("cached_input", u.cachedInputPricePer1kTokens());
        prices.put("cache_write_5m", u.cacheWrite5mPricePer1kTokens());
        prices.put("cache_write_1h", u.cacheWrite1hPricePer1kTokens());
        prices.put("reasoning", u.reasoningPricePer1kTokens());
        return prices;
    }

    private static void put(Map<String, Object> row, String type, MicroCredits amount, MicroCredits balanceAfter) {
        row.put("type", type);
        row.put("amount", amount.toCredits().toPlainString());
        row.put("amount_micro_credits", amount.value());
        row.put("balance_after", balanceAfter.toCredits().toPlainString());
    }

    private JsonNode object(byte[] body) {
        return JsonBodies.object(json, body);
    }

    /** A credits amount (number or decimal string), or null for none. */
    private static Optional<MicroCredits> optionalCredits(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null) {
            throw new BadRequestException("`" + field + "` is required (null removes it)", field);
        }
        if (value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(JsonFields.credits(value, field));
    }

    /** Money as exact decimal strings of credits and as integer micro-credits. */
    record CreditsView(String accountId, String tier, String balance, long balanceMicroCredits, String reserved,
                       String available, String monthlyCap, String monthToDate, String lowBalanceThreshold,
                       boolean lowBalance, String last7Days, String dailyBurn, BigDecimal daysLeft) {
        static CreditsView of(AccountSummary s, ManageAccountsUseCase.CreditOutlook o) {
            return new CreditsView(s.accountId().value(), s.tier().code(), s.balance().toCredits().toPlainString(),
                    s.balance().value(), s.reserved().toCredits().toPlainString(),
                    s.available().toCredits().toPlainString(),
                    s.monthlyCap().map(c -> c.toCredits().toPlainString()).orElse(null),
                    s.monthToDate().toCredits().toPlainString(), s.lowBalanceThreshold().toCredits().toPlainString(),
                    s.lowBalance(), o.last7Days().toCredits().toPlainString(), o.dailyBurn().toCredits().toPlainString(),
                    o.daysLeft().orElse(null));
        }
    }
}
