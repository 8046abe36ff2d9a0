package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.shared.Caller;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Spring Security's view of one of our keys: before authentication it holds only the presented key
 * (as credentials); once {@link ApiKeyAuthenticationProvider} has checked it, the {@link Caller} is
 * the principal and the key is erased. The administrator has role {@code ADMIN}, an account key role
 * {@code ACCOUNT}. {@link #toString()} never shows the key.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    public static final String ADMIN = "ADMIN";
    public static final String ACCOUNT = "ACCOUNT";

    private final Caller caller;
    private String key;

    private ApiKeyAuthentication(String key, Caller caller, List<GrantedAuthority> authorities) {
        super(authorities);
        this.key = key;
        this.caller = caller;
        setAuthenticated(caller != null);
    }

    /** A key as presented, not yet checked; an empty key stands for a credential in a form we do not accept. */
    public static ApiKeyAuthentication unauthenticated(String key) {
        return new ApiKeyAuthentication(key, null, List.of());
    }

    /** The caller a checked key belongs to. */
    public static ApiKeyAuthentication authenticated(Caller caller) {
        return new ApiKeyAuthentication(null, caller,
                List.of(new SimpleGrantedAuthority("ROLE_" + (caller.admin() ? ADMIN : ACCOUNT))));
    }

    /** The presented key; null once authenticated or erased. */
    @Override
    public String getCredentials() {
        return key;
    }

    /** The {@link Caller}, or null while the key is unchecked. */
    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        if (caller == null) {
            return "unauthenticated";
        }
        return caller.admin() ? "admin" : "account:" + caller.accountId().map(Object::toString).orElse("");
    }

    @Override
    public void eraseCredentials() {
        key = null;
        super.eraseCredentials();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyAuthentication that && super.equals(that);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKeyAuthentication[" + getName() + ", authorities=" + getAuthorities() + "]";
    }
}
