package dev.switchgear.domain.shared;

import java.util.UUID;

/** Identifies a credit account (and the team that owns it). Always a UUID in canonical form. */
public record AccountId(String value) {

    public AccountId {
        if (value == null) {
            throw new IllegalArgumentException("account id is required");
        }
        try {
            UUID parsed = UUID.fromString(value);
            if (!parsed.toString().equals(value)) {
                throw new IllegalArgumentException("account id must be a canonical UUID");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("account id must be a canonical UUID");
        }
    }

    public static AccountId of(UUID uuid) {
        return new AccountId(uuid.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
