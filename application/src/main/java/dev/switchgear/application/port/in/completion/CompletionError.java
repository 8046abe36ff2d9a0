package dev.switchgear.application.port.in.completion;

/** Stable codes of the completion path's refusals and failures. */
public enum CompletionError {
    INVALID_REQUEST,
    MODEL_NOT_FOUND,
    UPSTREAM_REJECTED,
    UPSTREAM_RATE_LIMITED,
    UPSTREAM_UNAVAILABLE,
    CHARGE_NOT_RECORDED
}
