package dev.switchgear.application.port.in.identity;

import dev.switchgear.application.port.in.shared.Caller;
import java.util.Optional;

/** Turns a bearer token into a caller. */
public interface AuthenticateUseCase {

    /** The caller the token belongs to, or empty when it is no admin key and no live account key. */
    Optional<Caller> authenticate(String bearerToken);
}
