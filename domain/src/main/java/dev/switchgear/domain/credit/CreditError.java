package dev.switchgear.domain.credit;

/** Stable codes of the credit context's refusals; the REST layer maps them to HTTP statuses. */
public enum CreditError {
    ACCOUNT_NOT_FOUND,
    ACCOUNT_ALREADY_OPEN,
    INVALID_ACCOUNT,
    INVALID_AMOUNT,
    INVALID_PREFERENCE,
    INSUFFICIENT_CREDITS,
    MONTHLY_CAP_REACHED,
    REQUEST_ALREADY_CHARGED,
    /** A request with this id is still being answered. */
    REQUEST_IN_PROGRESS
}
