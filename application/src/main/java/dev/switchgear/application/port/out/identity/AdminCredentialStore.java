package dev.switchgear.application.port.out.identity;

import java.util.Optional;

/** The hash of the platform administrator's key (one per installation). */
public interface AdminCredentialStore {

    Optional<String> adminKeyHash();

    void saveAdminKeyHash(String hash);
}
