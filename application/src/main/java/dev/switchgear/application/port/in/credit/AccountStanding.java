package dev.switchgear.application.port.in.credit;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.Tier;

/** What routing needs to know of an account: its tier and its own routing preferences. */
public record AccountStanding(AccountId accountId, Tier tier, PowerLevel powerLevel, boolean prefersByok) {
}
