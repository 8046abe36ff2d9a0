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
    REQUEST_IN_PROGRESS,
    /** An API key (or its name or expiry) is not acceptable. */
    INVALID_API_KEY,
    /** No live API key of this account has that id. */
    API_KEY_NOT_FOUND,
    /** The account holds as many live API keys as it may. */
    TOO_MANY_API_KEYS,
    /** A rate limit is out of range. */
    INVALID_LIMIT
}
