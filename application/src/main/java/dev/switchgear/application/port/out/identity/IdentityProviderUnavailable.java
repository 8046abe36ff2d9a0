package dev.switchgear.application.port.out.identity;

/** The identity provider's directory could not be asked (unreachable, refused our client, timed out). */
public class IdentityProviderUnavailable extends RuntimeException {

    public IdentityProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
