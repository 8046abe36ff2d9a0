package dev.switchgear.application.port.in.keyring;

import java.time.Instant;
import java.util.Optional;

/** One live test: which stored key (none for an unsaved key), status, latency, when, and why. */
public record KeyTestResult(Optional<String> keyId, String provider, Optional<String> label, String status,
                           long latencyMillis, String detail, Instant testedAt) {
}
