package dev.switchgear.application.port.out.usage;

/** The width of a usage series' points (UTC): an hour, a day, an ISO week (from Monday) or a calendar month. */
public enum Bucket {
    HOUR, DAY, WEEK, MONTH
}
