package dev.switchgear.application.port.in.completion;

/** Stable codes of the completion path's refusals and failures. */
public enum CompletionError {
    INVALID_REQUEST,
    MODEL_NOT_FOUND,
    /** The model's provider has no platform key here, and the caller has no key of its own for it. */
    OWN_KEY_REQUIRED,
    /** Every model that could serve the request needs a higher tier. */
    MODEL_NOT_ALLOWED,
    /** No model fits the request (context, capabilities, privacy, quality). */
    NO_ELIGIBLE_MODEL,
    /** The model named does not serve the endpoint the request came in on (ADR 0022). */
    MODEL_NOT_SUPPORTED_FOR_ENDPOINT,
    UPSTREAM_REJECTED,
    UPSTREAM_RATE_LIMITED,
    UPSTREAM_UNAVAILABLE,
    CHARGE_NOT_RECORDED,
    /** A request id (or Idempotency-Key) that was charged for another request is used again. */
    REQUEST_ID_REUSED,
    /** A request id that was charged is used again, but its answer was not kept (or no longer is). */
    ANSWER_NOT_KEPT,
    /** The account's requests-per-minute budget is spent (ADR 0017). */
    RATE_LIMITED_REQUESTS,
    /** The account's tokens-per-minute budget cannot cover the request's estimate (ADR 0017). */
    RATE_LIMITED_TOKENS
}
