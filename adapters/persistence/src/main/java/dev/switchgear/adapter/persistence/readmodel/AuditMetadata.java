package dev.switchgear.adapter.persistence.readmodel;

/**
 * The message metadata an audited change carries (ADR 0018): set on a command when it is dispatched
 * inside a request, copied onto the events it applies as correlation data, and read by
 * {@link AuditProjection}. Values are short texts; none is a secret.
 */
public final class AuditMetadata {

    /** Who: {@code admin}, {@code key:<key id>}, {@code user:<subject>}, {@code account:<id>} or {@code system}. */
    public static final String ACTOR = "actor";
    /** {@code admin}, {@code user} or {@code system}. */
    public static final String ACTOR_ROLE = "actorRole";
    /** The request's client address, as the servlet container resolved it. */
    public static final String CLIENT_ADDRESS = "clientAddress";
    /** The request's User-Agent, cut to {@link #MAX_USER_AGENT} characters. */
    public static final String USER_AGENT = "userAgent";
    /** The longest user agent kept. */
    public static final int MAX_USER_AGENT = 256;
    /** The longest client address kept. */
    public static final int MAX_CLIENT_ADDRESS = 100;
    /** The longest actor kept. */
    public static final int MAX_ACTOR = 300;

    private AuditMetadata() {
    }
}
