package dev.switchgear.application.port.out.audit;

/** A rebuild that cannot be done; its message is safe to show. */
public class ProjectionRefused extends RuntimeException {

    private final Reason reason;

    public ProjectionRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why. */
    public enum Reason {
        /** No event processor of that name. */
        UNKNOWN_PROJECTION,
        /** A side-effect processor (Lago, alerts, webhooks): replaying it would call out again. */
        NOT_REBUILDABLE,
        /** A rebuild of it is already running. */
        REBUILD_RUNNING,
        /** Another node holds its tokens: rebuild it there, or once that node let them go. */
        CLAIMED_ELSEWHERE
    }
}
