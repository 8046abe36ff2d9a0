package dev.switchgear.application.service.identity;

import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.identity.SignInUseCase;
import dev.switchgear.application.port.in.identity.VerifiedIdentity;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.identity.IdentityProvider;
import dev.switchgear.application.port.out.identity.IdentityProviderUnavailable;
import dev.switchgear.domain.credit.api.ChangeTier;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs in a user the identity provider vouches for (ADR 0015). The token's subject is the account:
 * a subject that is no canonical UUID is refused. An account seen for the first time is opened
 * (two first requests racing both succeed: the loser finds it open). The user's tier is the token's
 * {@code subscription_tier} claim, else what the {@link IdentityProvider} holds; an unknown or
 * missing tier is {@code free}. When that tier differs from the account's, the account changes tier
 * ({@code TierChanged}). While the provider cannot be asked, the account keeps its tier (a new one
 * opens on {@code free}) and the request goes on.
 */
public class SignInService implements SignInUseCase {

    private static final System.Logger LOG = System.getLogger(SignInService.class.getName());
    private static final int MAX_NAME = 200;

    private final AccountStandings standings;
    private final AccountChanges changes;
    private final CreditAccountCommands commands;
    private final IdentityProvider provider;
    private final Clock clock;

    public SignInService(AccountStandings standings, AccountChanges changes, CreditAccountCommands commands,
                         IdentityProvider provider, Clock clock) {
        this.standings = standings;
        this.changes = changes;
        this.commands = commands;
        this.provider = provider;
        this.clock = clock;
    }

    @Override
    public Caller signIn(VerifiedIdentity identity) {
        AccountId account = accountOf(identity.subject());
        Optional<Tier> tier = tierOf(identity);
        Optional<AccountStanding> standing = standings.standing(account);
        if (standing.isEmpty()) {
            open(account, nameOf(identity), tier.orElse(Tier.FREE));
            standing = standings.standing(account);
        }
        if (tier.isPresent() && standing.map(s -> s.tier() != tier.get()).orElse(false)) {
            changes.execute(account, new ChangeTier(account, tier.get(), clock.instant()));
        }
        return Caller.signedIn(account, identity.admin());
    }

    private static AccountId accountOf(String subject) {
        try {
            UUID uuid = UUID.fromString(subject);
            if (uuid.toString().equals(subject)) {
                return AccountId.of(uuid);
            }
        } catch (IllegalArgumentException notAUuid) {
            // refused below
        }
        throw new IdentityException(IdentityError.UNAUTHENTICATED, "the token's subject names no account");
    }

    /** The claim when the token has one, else the provider's answer; empty only while the provider is unavailable. */
    private Optional<Tier> tierOf(VerifiedIdentity identity) {
        Optional<String> code = identity.tierClaim();
        if (code.isEmpty()) {
            try {
                code = provider.tierOf(identity.subject());
            } catch (IdentityProviderUnavailable e) {
                LOG.log(System.Logger.Level.WARNING, "the identity provider could not be asked for a user's tier "
                        + "(the account keeps its tier): " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(code.map(SignInService::tierOrFree).orElse(Tier.FREE));
    }

    private static Tier tierOrFree(String code) {
        try {
            return Tier.fromCode(code);
        } catch (IllegalArgumentException unknown) {
            return Tier.FREE;
        }
    }

    private void open(AccountId account, String name, Tier tier) {
        try {
            commands.send(new OpenAccount(account, name, tier, clock.instant()));
        } catch (RuntimeException raced) {
            // Another first request opened it in between (the event store refuses a second opening,
            // in whatever words its adapter chooses); anything else leaves the account unknown.
            if (standings.standing(account).isEmpty()) {
                throw raced;
            }
        }
    }

    private static String nameOf(VerifiedIdentity identity) {
        String name = identity.displayName().strip();
        if (name.isEmpty()) {
            return identity.subject();
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME).strip() : name;
    }
}
