package dev.switchgear.domain.keyring;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.keyring.api.AddProviderKey;
import dev.switchgear.domain.keyring.api.EraseKeyring;
import dev.switchgear.domain.keyring.api.KeyringErased;
import dev.switchgear.domain.keyring.api.KeyringIds;
import dev.switchgear.domain.keyring.api.ProviderKeyAdded;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.ProviderKeyRemoved;
import dev.switchgear.domain.keyring.api.ProviderKeyReplaced;
import dev.switchgear.domain.keyring.api.ProviderKeyTested;
import dev.switchgear.domain.keyring.api.RecordKeyTest;
import dev.switchgear.domain.keyring.api.RemoveProviderKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One account's keyring of provider keys (BYOK): an event-sourced aggregate that decides which keys
 * an account may hold. It only ever sees sealed keys; sealing and opening belong to the key vault.
 *
 * <p>Tier rules: Free holds no keys; Starter one key per provider (adding another replaces it);
 * Professional and Enterprise up to {@value #MAX_KEYS_PER_PROVIDER} labelled keys per provider
 * (adding under a label in use replaces that key).
 */
public class ProviderKeyring {

    public static final int MAX_KEYS_PER_PROVIDER = 20;
    public static final String DEFAULT_LABEL = "default";
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}");

    @AggregateIdentifier
    private String keyringId;
    private AccountId accountId;
    private final Map<ProviderKeyId, Entry> keys = new LinkedHashMap<>();

    private record Entry(String provider, String label) {
    }

    protected ProviderKeyring() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AddProviderKey command) {
        if (command.tier() == null || command.tier() == Tier.FREE) {
            throw new KeyringException(KeyringError.TIER_FORBIDS_BYOK,
                    "bring-your-own-key needs the Starter tier or higher; upgrade to add provider keys");
        }
        if (command.provider() == null || !PROVIDER.matcher(command.provider()).matches()) {
            throw new KeyringException(KeyringError.INVALID_KEY, "unknown provider");
        }
        String label = label(command.label());
        if (keys.containsKey(command.keyId())) {
            throw new KeyringException(KeyringError.INVALID_KEY, "key id " + command.keyId() + " is already in use");
        }
        Optional<ProviderKeyId> replaced = keys.entrySet().stream()
                .filter(e -> e.getValue().provider().equals(command.provider()))
                .filter(e -> command.tier() == Tier.STARTER || e.getValue().label().equals(label))
                .map(Map.Entry::getKey)
                .findFirst();
        long held = keys.values().stream().filter(e -> e.provider().equals(command.provider())).count();
        if (replaced.isEmpty() && held >= MAX_KEYS_PER_PROVIDER) {
            throw new KeyringException(KeyringError.KEY_LIMIT_REACHED, "at most " + MAX_KEYS_PER_PROVIDER
                    + " keys per provider; remove one first");
        }
        if (replaced.isPresent()) {
            apply(new ProviderKeyReplaced(command.accountId(), replaced.get(), command.keyId(), command.provider(),
                    label, command.key(), command.baseUrl(), command.at()));
        } else {
            apply(new ProviderKeyAdded(command.accountId(), command.keyId(), command.provider(), label, command.key(),
                    command.baseUrl(), command.at()));
        }
    }

    @CommandHandler
    void handle(RecordKeyTest command) {
        Entry entry = keys.get(command.keyId());
        if (entry == null) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no such key");
        }
        apply(new ProviderKeyTested(accountId, command.keyId(), entry.provider(), command.status(),
                Math.max(0, command.latencyMillis()), command.detail(), command.at()));
    }

    @CommandHandler
    void handle(RemoveProviderKeys command) {
        List<Map.Entry<ProviderKeyId, Entry>> matching = new ArrayList<>(keys.entrySet().stream()
                .filter(e -> e.getValue().provider().equals(command.provider()))
                .filter(e -> command.label() == null || e.getValue().label().equals(command.label()))
                .toList());
        if (matching.isEmpty()) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no key stored for provider " + command.provider()
                    + (command.label() == null ? "" : " with label " + command.label()));
        }
        for (Map.Entry<ProviderKeyId, Entry> e : matching) {
            apply(new ProviderKeyRemoved(accountId, e.getKey(), e.getValue().provider(), e.getValue().label(),
                    command.at()));
        }
    }

    @CommandHandler
    void handle(EraseKeyring command) {
        apply(new KeyringErased(accountId, keys.size(), command.at()));
    }

    @EventSourcingHandler
    void on(ProviderKeyAdded event) {
        accountId = event.accountId();
        keyringId = KeyringIds.of(accountId);
        keys.put(event.keyId(), new Entry(event.provider(), event.label()));
    }

    @EventSourcingHandler
    void on(ProviderKeyReplaced event) {
        keys.remove(event.replacedKeyId());
        keys.put(event.keyId(), new Entry(event.provider(), event.label()));
    }

    @EventSourcingHandler
    void on(ProviderKeyRemoved event) {
        keys.remove(event.keyId());
    }

    @EventSourcingHandler
    void on(KeyringErased event) {
        keys.clear();
    }

    private static String label(String label) {
        if (label == null || label.isBlank()) {
            return DEFAULT_LABEL;
        }
        String stripped = label.strip();
        if (!LABEL.matcher(stripped).matches()) {
            throw new KeyringException(KeyringError.INVALID_KEY,
                    "a label has 1 to 64 letters, digits, spaces, dots, dashes or underscores");
        }
        return stripped;
    }
}
