package dev.switchgear.application.fakes;

import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.TokenUsage;

/**
 * The ledger's admission and settlement as the ledger tests drive them: a fixed estimate on the
 * platform's key, settled at list price (no multiplier, no routing trace).
 */
public final class LedgerCalls {

    private LedgerCalls() {
    }

    public static RequestAdmission.Hold admit(CreditLedger ledger, AccountId account, RequestId requestId,
                                              MicroCredits estimate) {
        return ledger.admission().admit(account, requestId,
                standing -> new RequestAdmission.Reservation<>(estimate, false, standing)).hold();
    }

    public static UsageSettlement.Settlement settle(CreditLedger ledger, RequestAdmission.Hold hold, String model,
                                                    String provider, TokenUsage usage, boolean usageEstimated,
                                                    ModelPrice price) {
        return ledger.settlement().settle(hold, new UsageSettlement.Charge(model, provider, usage, usageEstimated, price,
                false, ModelPrice.FULL, null));
    }
}
