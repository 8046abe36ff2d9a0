package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.identity.SignInUseCase;
import dev.switchgear.application.port.in.identity.VerifiedIdentity;
import dev.switchgear.application.port.in.shared.IdentityException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified {@link Jwt} into our authenticated token (ADR 0015): its subject, a name to show
 * ({@code name}, {@code preferred_username}, else the client it was issued to), its
 * {@code subscription_tier} claim (a string or a one-element array; any other form counts as
 * absent) and whether {@code realm_access.roles} holds {@value #ADMIN_ROLE}, signed in through
 * {@link SignInUseCase}. A subject that names no account is refused like a bad token.
 */
public final class JwtSignIn implements Converter<Jwt, SignedInAuthentication> {

    /** The realm role that makes a signed-in user an administrator. */
    public static final String ADMIN_ROLE = "switchgear-admin";
    /** The claim (and Keycloak user attribute) that holds a user's tier. */
    public static final String TIER_CLAIM = "subscription_tier";

    private final SignInUseCase signIn;

    public JwtSignIn(SignInUseCase signIn) {
        this.signIn = signIn;
    }

    @Override
    public SignedInAuthentication convert(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null) {
            throw new InvalidBearerTokenException("The bearer token names no subject.");
        }
        VerifiedIdentity identity = new VerifiedIdentity(subject, nameOf(jwt), tierOf(jwt.getClaims().get(TIER_CLAIM)),
                isAdmin(jwt.getClaims().get("realm_access")));
        try {
            return new SignedInAuthentication(signIn.signIn(identity));
        } catch (IdentityException e) {
            throw new InvalidBearerTokenException("The bearer token names no account.");
        }
    }

    private static String nameOf(Jwt jwt) {
        for (String claim : List.of("name", "preferred_username", "azp")) {
            if (jwt.getClaims().get(claim) instanceof String name && !name.isBlank()) {
                return name;
            }
        }
        return "";
    }

    private static Optional<String> tierOf(Object claim) {
        if (claim instanceof String tier) {
            return Optional.of(tier);
        }
        if (claim instanceof Collection<?> values && values.size() == 1
                && values.iterator().next() instanceof String tier) {
            return Optional.of(tier);
        }
        return Optional.empty();
    }

    private static boolean isAdmin(Object realmAccess) {
        return realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> roles
                && roles.contains(ADMIN_ROLE);
    }
}
