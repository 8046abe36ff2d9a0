package dev.switchgear.application.port.in.keyring;

/**
 * A provider a key can be stored for: its id and name, the expected key format (as a person reads
 * it), whether a live test can be run here, whether it is the custom OpenAI-compatible endpoint, and
 * the pattern a key must match whole (a regular expression that Java and JavaScript read alike, so the
 * console checks a key's format before sending it; the service checks it again).
 */
public record ByokProvider(String id, String name, String keyFormat, boolean testable, boolean custom, String keyPattern) {
}
