package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.keyring.EraseKeyringUseCase;
import dev.switchgear.application.port.in.keyring.RotateMasterKeyUseCase;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;
import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** The administrator's keyring endpoints: erasing any account's keyring, the master key's state and its rotation. */
@RestController
public class KeyringAdminController {

    private final EraseKeyringUseCase erasure;
    private final RotateMasterKeyUseCase masterKey;

    public KeyringAdminController(EraseKeyringUseCase erasure, RotateMasterKeyUseCase masterKey) {
        this.erasure = erasure;
        this.masterKey = masterKey;
    }

    @DeleteMapping("/api/v1/admin/accounts/{accountId}/keyring")
    Map<String, Object> erase(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                              @PathVariable String accountId) {
        return Map.of("erased", erasure.erase(caller, new AccountId(accountId)));
    }

    @GetMapping("/api/v1/admin/master-key")
    MasterKeyView masterKey(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return MasterKeyView.of(masterKey.status(caller));
    }

    @PostMapping("/api/v1/admin/master-key/rotate")
    ResponseEntity<Object> rotate(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        try {
            MasterKeyRotation rotation = masterKey.rotate(caller);
            return ResponseEntity.ok(new RotationView(rotation.primaryVersion(), rotation.retiredVersions(),
                    rotation.dataKeysRewrapped()));
        } catch (IllegalStateException notRotatable) {
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                    .body(OpenAiError.of(notRotatable.getMessage(),
                    "invalid_request_error", "master_key_not_rotatable"));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MasterKeyView(String source, long primaryVersion, List<Long> versions, Map<Long, Integer> dataKeysByVersion,
                         boolean rotatable) {
        static MasterKeyView of(MasterKeyStatus s) {
            return new MasterKeyView(s.source(), s.primaryVersion(), s.versions(), s.dataKeysByVersion(), s.rotatable());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RotationView(long primaryVersion, List<Long> retiredVersions, int dataKeysRewrapped) {
    }
}
