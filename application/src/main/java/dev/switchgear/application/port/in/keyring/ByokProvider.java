package dev.switchgear.application.port.in.keyring;

/**
 * A provider a key can be stored for: its id and name, the expected key format (as a person reads
 * it), whether a live test can be run here, and whether it is the custom OpenAI-compatible endpoint.
 */
public record ByokProvider(String id, String name, String keyFormat, boolean testable, boolean custom) {
}
