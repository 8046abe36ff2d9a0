package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.shared.Caller;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user signed in with the identity provider, once their token is verified (ADR 0015): the
 * {@link Caller} is the principal, as for a key. They have role {@code ACCOUNT} (their subject is
 * their account) and, with the administrator role, {@code ADMIN} too. The token itself is not kept.
 */
public final class SignedInAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    public SignedInAuthentication(Caller caller) {
        super(authorities(caller));
        this.caller = caller;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> roles = new ArrayList<>();
        roles.add(new SimpleGrantedAuthority("ROLE_" + ApiKeyAuthentication.ACCOUNT));
        if (caller.admin()) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + ApiKeyAuthentication.ADMIN));
        }
        return roles;
    }

    /** Always null: the token is not kept once verified. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.actor();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInAuthentication that && super.equals(that);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        return "SignedInAuthentication[" + getName() + ", authorities=" + getAuthorities() + "]";
    }
}
