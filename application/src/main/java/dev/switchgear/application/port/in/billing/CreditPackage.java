package dev.switchgear.application.port.in.billing;

import dev.switchgear.domain.shared.MicroCredits;

/** A credit package: its code, its price in cents, the credits it gives (bonus included), and the bonus in percent. */
public record CreditPackage(String code, long priceCents, MicroCredits credits, int bonusPercent) {
}
