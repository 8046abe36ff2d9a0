package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.domain.credit.api.AdoptLegacyPreferences;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.shared.AccountId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Hands the preferences that streams written before ADR 0012 keep in the platform's routing policy
 * over to their accounts, at start-up: each account's last power level and BYOK preference from
 * there, adopted by the account unless it has chosen its own since ({@link AdoptLegacyPreferences}),
 * so running it at every start changes nothing the second time.
 */
public final class LegacyPreferenceHandover {

    private static final Logger LOG = Logger.getLogger(LegacyPreferenceHandover.class.getName());

    private final AccountStandings standings;
    private final AccountChanges changes;

    public LegacyPreferenceHandover(AccountStandings standings, AccountChanges changes) {
        this.standings = standings;
        this.changes = changes;
    }

    /** Hands over {@code legacy} (oldest first); returns how many accounts were asked to adopt theirs. */
    public int handOver(List<CreditAccountEvent> legacy) {
        Map<AccountId, PowerLevelChosen> levels = new LinkedHashMap<>();
        Map<AccountId, ByokPreferenceSet> byok = new LinkedHashMap<>();
        for (CreditAccountEvent event : legacy) {
            if (event instanceof PowerLevelChosen e) {
                levels.put(e.accountId(), e);
            } else if (event instanceof ByokPreferenceSet e) {
                byok.put(e.accountId(), e);
            } else {
                throw new IllegalArgumentException("not a legacy preference: " + event.getClass().getName());
            }
        }
        Map<AccountId, Boolean> accounts = new LinkedHashMap<>();
        levels.keySet().forEach(a -> accounts.put(a, true));
        byok.keySet().forEach(a -> accounts.put(a, true));
        int handed = 0;
        for (AccountId account : accounts.keySet()) {
            if (standings.standing(account).isEmpty()) {
                LOG.warning("a legacy preference names no known account (" + account + "); it is left in the policy");
                continue;
            }
            PowerLevelChosen level = levels.get(account);
            ByokPreferenceSet preference = byok.get(account);
            changes.execute(account, new AdoptLegacyPreferences(account,
                    level == null ? null : level.level(), level == null ? null : level.at(),
                    preference == null ? null : preference.preferByok(), preference == null ? null : preference.at()));
            handed++;
        }
        return handed;
    }
}
