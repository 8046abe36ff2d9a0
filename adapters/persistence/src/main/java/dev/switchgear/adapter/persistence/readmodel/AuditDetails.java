package dev.switchgear.adapter.persistence.readmodel;

import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.LowBalanceThresholdSet;
import dev.switchgear.domain.credit.api.MonthlyCapSet;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.credit.api.RateLimitsSet;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.keyring.api.KeyringErased;
import dev.switchgear.domain.audit.api.ProjectionRebuilt;
import dev.switchgear.domain.keyring.api.MasterKeyRotated;
import dev.switchgear.domain.keyring.api.ProviderKeyAdded;
import dev.switchgear.domain.keyring.api.ProviderKeyRemoved;
import dev.switchgear.domain.keyring.api.ProviderKeyReplaced;
import dev.switchgear.domain.keyring.api.ProviderKeyTested;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.ModelDefined;
import dev.switchgear.domain.routing.api.ProviderDefined;
import dev.switchgear.domain.routing.api.RoutingRulesSet;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.Tier;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The details an audit entry keeps of each event: only what is not secret — amounts (exact decimal
 * credits), levels, tiers, labels, masked previews, versions, counts. Never a provider key's
 * ciphertext or fingerprint, an API key's hash, a test's free-text detail (an upstream may echo a key
 * in it) or a custom endpoint's full URL (it may hold credentials; its host is kept).
 */
final class AuditDetails {

    private AuditDetails() {
    }

    static Map<String, Object> of(AccountOpened e) {
        return details("name", e.name(), "tier", code(e.tier()));
    }

    static Map<String, Object> of(TierChanged e) {
        return details("tier", code(e.tier()), "previous_tier", code(e.previousTier()));
    }

    static Map<String, Object> of(RateLimitsSet e) {
        return details("requests_per_minute", e.requestsPerMinute(), "tokens_per_minute", e.tokensPerMinute());
    }

    static Map<String, Object> of(ApiKeyIssued e) {
        return details("name", e.name(), "prefix", e.prefix(), "expires_at", instant(e.expiresAt()));
    }

    static Map<String, Object> of(CreditsGranted e) {
        return details("credits", credits(e.amount()), "reason", e.reason(), "balance_after", credits(e.balanceAfter()));
    }

    static Map<String, Object> of(CreditsPurchased e) {
        return details("credits", credits(e.credits()), "amount_cents", e.amountCents(), "currency", e.currency(),
                "package", e.packageCode(), "payment_reference", e.paymentReference(),
                "balance_after", credits(e.balanceAfter()));
    }

    static Map<String, Object> of(CreditsRefunded e) {
        return details("credits", credits(e.credits()), "reason", e.reason(), "payment_reference",
                e.paymentReference(), "balance_after", credits(e.balanceAfter()));
    }

    static Map<String, Object> of(MonthlyCapSet e) {
        return details("monthly_cap", credits(e.cap()));
    }

    static Map<String, Object> of(LowBalanceThresholdSet e) {
        return details("threshold", credits(e.threshold()));
    }

    static Map<String, Object> of(PowerLevelChosen e) {
        return details("power_level", e.level() == null ? null : e.level().code());
    }

    static Map<String, Object> of(ByokPreferenceSet e) {
        return details("prefer_byok", e.preferByok());
    }

    static Map<String, Object> of(ProviderKeyAdded e) {
        return details("provider", e.provider(), "label", e.label(), "masked_key", e.key().maskedPreview(),
                "endpoint_host", host(e.baseUrl()));
    }

    static Map<String, Object> of(ProviderKeyReplaced e) {
        return details("provider", e.provider(), "label", e.label(), "masked_key", e.key().maskedPreview(),
                "endpoint_host", host(e.baseUrl()), "replaced_key_id",
                e.replacedKeyId() == null ? null : e.replacedKeyId().value());
    }

    static Map<String, Object> of(ProviderKeyTested e) {
        return details("provider", e.provider(), "status", e.status() == null ? null : e.status().code(),
                "latency_ms", e.latencyMillis());
    }

    static Map<String, Object> of(ProviderKeyRemoved e) {
        return details("provider", e.provider(), "label", e.label());
    }

    static Map<String, Object> of(KeyringErased e) {
        return details("keys_erased", e.keysErased());
    }

    static Map<String, Object> of(CatalogInitialised e) {
        return details("catalog_version", e.version(), "providers", e.providers() == null ? 0 : e.providers().size(),
                "models", e.models() == null ? 0 : e.models().size());
    }

    static Map<String, Object> of(ProviderDefined e) {
        return details("catalog_version", e.version(), "name", e.provider().name(), "type", e.provider().type(),
                "local", e.provider().local());
    }

    static Map<String, Object> of(ModelDefined e) {
        Map<String, Object> details = details("catalog_version", e.version(), "provider", e.model().provider(),
                "upstream_model", e.model().upstreamModel(), "input_per_1k", e.model().inputPer1k(), "output_per_1k",
                e.model().outputPer1k(), "min_tier", code(e.model().minTier()),
                "quality", e.model().quality());
        // the rates of the price's parts (ADR 0023)
        details.put("cached_input_per_1k", e.model().cachedInputPer1k());
        details.put("cache_write_5m_per_1k", e.model().cacheWrite5mPer1k());
        details.put("cache_write_1h_per_1k", e.model().cacheWrite1hPer1k());
        details.put("reasoning_per_1k", e.model().reasoningPer1k());
        return details;
    }

    static Map<String, Object> of(RoutingRulesSet e) {
        Map<String, Object> floors = new TreeMap<>();
        if (e.rules() == null) {
            return details("catalog_version", e.version());
        }
        e.rules().qualityFloors().forEach((level, floor) -> floors.put(level.code(), floor));
        return details("catalog_version", e.version(), "chains", new TreeSet<>(e.rules().chains().keySet()),
                "quality_floors", floors, "max_attempts", e.rules().maxAttempts());
    }

    static Map<String, Object> of(MasterKeyRotated e) {
        return details("primary_version", e.primaryVersion(), "retired_versions", e.retiredVersions(),
                "data_keys_rewrapped", e.dataKeysRewrapped());
    }

    static Map<String, Object> of(ProjectionRebuilt e) {
        return details("mode", e.mode(), "events_replayed", e.eventsReplayed(), "position", e.position(),
                "checksum_before", e.checksumBefore(), "rows_before", e.rowsBefore(),
                "checksum_after", e.checksumAfter(), "rows_after", e.rowsAfter(), "matched", e.matched());
    }

    static Map<String, Object> version(long catalogVersion) {
        return details("catalog_version", catalogVersion);
    }

    /** Pairs of name and value, in order; a null value is kept (it means "none" or "the default"). */
    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            details.put((String) pairs[i], pairs[i + 1]);
        }
        return details;
    }

    private static String credits(MicroCredits amount) {
        return amount == null ? null : amount.toCredits().stripTrailingZeros().toPlainString();
    }

    private static String code(Tier tier) {
        return tier == null ? null : tier.code();
    }

    private static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String host(String baseUrl) {
        if (baseUrl == null) {
            return null;
        }
        try {
            return URI.create(baseUrl).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
