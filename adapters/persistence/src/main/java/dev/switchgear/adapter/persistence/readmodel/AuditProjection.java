package dev.switchgear.adapter.persistence.readmodel;

import dev.switchgear.application.port.out.audit.AuditAction;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
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
import dev.switchgear.domain.routing.api.ModelRemoved;
import dev.switchgear.domain.routing.api.ProviderDefined;
import dev.switchgear.domain.routing.api.ProviderRemoved;
import dev.switchgear.domain.routing.api.RoutingRulesSet;
import dev.switchgear.domain.shared.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Projects the audited events into {@code audit_entry} (ADR 0018): one entry per event, keyed by the
 * event's identifier, with who, from where (the {@link AuditMetadata} the event carries; events
 * stored before the audit log say {@code unknown}), what ({@link AuditAction}), on what, and the
 * non-secret details {@link AuditDetails} picks. Usage charges and low-balance alerts are not
 * audited. Runs in the pooled streaming processor {@code audit}: a batch's entries are written in
 * one upsert just before the batch commits with the processor's token, so a replay gives the same
 * table.
 */
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
public class AuditProjection {

    public static final String PROCESSING_GROUP = "audit";
    static final String UNKNOWN = "unknown";
    private static final String PENDING = AuditProjection.class.getName() + ".entries";

    private final JooqAuditLog log;

    public AuditProjection(JooqAuditLog log) {
        this.log = log;
    }

    @EventHandler
    void on(AccountOpened e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.ACCOUNT_OPENED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(TierChanged e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.TIER_CHANGED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(RateLimitsSet e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.RATE_LIMITS_SET, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(ApiKeyIssued e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.API_KEY_CREATED, e.keyId(), AuditDetails.of(e));
    }

    @EventHandler
    void on(ApiKeyRevoked e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.API_KEY_REVOKED, e.keyId(), Map.of());
    }

    @EventHandler
    void on(CreditsGranted e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.CREDITS_GRANTED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(CreditsPurchased e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.CREDITS_PURCHASED, e.packageCode(), AuditDetails.of(e));
    }

    @EventHandler
    void on(CreditsRefunded e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.CREDITS_REFUNDED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(MonthlyCapSet e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.MONTHLY_CAP_SET, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(LowBalanceThresholdSet e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.LOW_BALANCE_THRESHOLD_SET, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(PowerLevelChosen e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.POWER_LEVEL_CHANGED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(ByokPreferenceSet e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.BYOK_PREFERENCE_CHANGED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(ProviderKeyAdded e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.PROVIDER_KEY_ADDED, e.keyId().value(), AuditDetails.of(e));
    }

    @EventHandler
    void on(ProviderKeyReplaced e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.PROVIDER_KEY_REPLACED, e.keyId().value(), AuditDetails.of(e));
    }

    @EventHandler
    void on(ProviderKeyTested e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.PROVIDER_KEY_TESTED, e.keyId().value(), AuditDetails.of(e));
    }

    @EventHandler
    void on(ProviderKeyRemoved e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.PROVIDER_KEY_REMOVED, e.keyId().value(), AuditDetails.of(e));
    }

    @EventHandler
    void on(KeyringErased e, EventMessage<?> m) {
        record(m, e.accountId(), AuditAction.KEYRING_ERASED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(CatalogInitialised e, EventMessage<?> m) {
        record(m, null, AuditAction.CATALOG_INITIALISED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(ProviderDefined e, EventMessage<?> m) {
        record(m, null, AuditAction.PROVIDER_DEFINED, e.provider().id(), AuditDetails.of(e));
    }

    @EventHandler
    void on(ProviderRemoved e, EventMessage<?> m) {
        record(m, null, AuditAction.PROVIDER_REMOVED, e.providerId(), AuditDetails.version(e.version()));
    }

    @EventHandler
    void on(ModelDefined e, EventMessage<?> m) {
        record(m, null, AuditAction.MODEL_DEFINED, e.model().id(), AuditDetails.of(e));
    }

    @EventHandler
    void on(ModelRemoved e, EventMessage<?> m) {
        record(m, null, AuditAction.MODEL_REMOVED, e.modelId(), AuditDetails.version(e.version()));
    }

    @EventHandler
    void on(RoutingRulesSet e, EventMessage<?> m) {
        record(m, null, AuditAction.ROUTING_RULES_SET, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(MasterKeyRotated e, EventMessage<?> m) {
        record(m, null, AuditAction.MASTER_KEY_ROTATED, null, AuditDetails.of(e));
    }

    @EventHandler
    void on(ProjectionRebuilt e, EventMessage<?> m) {
        record(m, null, AuditAction.PROJECTION_REBUILT, e.projection(), AuditDetails.of(e));
    }

    private void record(EventMessage<?> message, AccountId account, AuditAction action, String target,
                        Map<String, Object> details) {
        MetaData meta = message.getMetaData();
        AuditEntry entry = new AuditEntry(message.getIdentifier(), message.getTimestamp(), account,
                text(meta.get(AuditMetadata.ACTOR), UNKNOWN, AuditMetadata.MAX_ACTOR),
                text(meta.get(AuditMetadata.ACTOR_ROLE), UNKNOWN, 20), action,
                text(target, null, 300), details,
                text(meta.get(AuditMetadata.CLIENT_ADDRESS), null, AuditMetadata.MAX_CLIENT_ADDRESS),
                text(meta.get(AuditMetadata.USER_AGENT), null, AuditMetadata.MAX_USER_AGENT));
        if (!CurrentUnitOfWork.isStarted()) {
            log.write(List.of(entry));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<AuditEntry> pending = unitOfWork.getOrComputeResource(PENDING, key -> {
            List<AuditEntry> entries = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> log.write(entries));
            return entries;
        });
        pending.add(entry);
    }

    /** A metadata value as text of at most {@code max} characters; {@code otherwise} when absent or blank. */
    private static String text(Object value, String otherwise, int max) {
        if (!(value instanceof String s) || s.isBlank()) {
            return otherwise;
        }
        return s.length() > max ? s.substring(0, max) : s;
    }
}
