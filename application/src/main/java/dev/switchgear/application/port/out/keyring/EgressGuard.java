package dev.switchgear.application.port.out.keyring;

import java.net.URI;

/**
 * Decides whether a user-given endpoint may be called at all (SSRF guard): https only (plain http
 * only for hosts an administrator allowed), and never a loopback, private, link-local or metadata
 * address in any spelling, nor a name that resolves to one.
 */
public interface EgressGuard {

    /** Returns the endpoint, normalised, or throws {@link EgressRefusedException} with a safe reason. */
    URI check(String url);
}
