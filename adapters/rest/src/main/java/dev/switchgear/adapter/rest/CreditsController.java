package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.identity.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/llm/credits}: the calling account's balance. */
@RestController
public class CreditsController {

    private final ManageAccountsUseCase accounts;

    public CreditsController(ManageAccountsUseCase accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/llm/credits")
    CreditsView credits(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return CreditsView.of(accounts.summary(caller, caller.account()));
    }

    /** Money as exact decimal strings of credits and as integer micro-credits. */
    record CreditsView(String accountId, String tier, String balance, long balanceMicroCredits, String reserved,
                       String available) {
        static CreditsView of(AccountSummary s) {
            return new CreditsView(s.accountId().value(), s.tier().code(), s.balance().toCredits().toPlainString(),
                    s.balance().value(), s.reserved().toCredits().toPlainString(),
                    s.available().toCredits().toPlainString());
        }
    }
}
