package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.RequestId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request path's own record of its latest charges, so that a request can be explained as soon
 * as its answer has reached the client: the usage projection that {@link ExplainRoutingService}
 * otherwise reads is asynchronous and may lag a moment behind (ADR 0024). Holds the newest
 * {@code capacity} durable charges of this node; older ones are read from the projection.
 */
public final class RecentCharges {

    private final Map<String, UsageCharged> charges;

    public RecentCharges(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.charges = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, UsageCharged> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers a durable charge. */
    public void remember(UsageCharged charge) {
        synchronized (charges) {
            charges.put(charge.requestId().value(), charge);
        }
    }

    /** The charge of this request id, if it is among the newest remembered. */
    public Optional<UsageCharged> find(RequestId requestId) {
        synchronized (charges) {
            return Optional.ofNullable(charges.get(requestId.value()));
        }
    }

    /**
     * The settlement, with each charge remembered once it is durable and before anyone waiting for
     * its durability is told (the returned future completes after {@link #remember}).
     */
    public UsageSettlement remembering(UsageSettlement settlement) {
        return new UsageSettlement() {
            @Override
            public Settlement settle(RequestAdmission.Hold hold, Charge charge) {
                Settlement settled = settlement.settle(hold, charge);
                return new Settlement(settled.charge(), settled.durable().thenApply(durable -> {
                    remember(durable);
                    return durable;
                }));
            }
        };
    }
}
