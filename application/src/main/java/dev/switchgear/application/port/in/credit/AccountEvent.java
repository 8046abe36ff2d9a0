package dev.switchgear.application.port.in.credit;

import java.time.Instant;

/** One event of an account's stream as stored: its position, type, time and payload. */
public record AccountEvent(long sequence, String type, Instant timestamp, Object payload) {
}
