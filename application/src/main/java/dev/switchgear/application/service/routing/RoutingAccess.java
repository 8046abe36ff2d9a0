package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;

/** Who may do what in routing: changes need the administrator; an account's settings, its own key or the administrator. */
final class RoutingAccess {

    private RoutingAccess() {
    }

    static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
    }

    /** Another account's settings are reported as not found, never as forbidden. */
    static void requireVisible(Caller caller, AccountId account) {
        if (!caller.canSee(account)) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
    }
}
