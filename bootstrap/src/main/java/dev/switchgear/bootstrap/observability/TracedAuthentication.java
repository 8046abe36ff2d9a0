package dev.switchgear.bootstrap.observability;

import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import io.micrometer.tracing.Span;
import java.util.Optional;

/**
 * The key check as a span ({@code authenticate}) with its outcome only — {@code admin},
 * {@code account} or {@code refused}; never the key, its hash or the account.
 */
final class TracedAuthentication implements AuthenticateUseCase {

    private final AuthenticateUseCase delegate;
    private final GatewaySpans spans;

    TracedAuthentication(AuthenticateUseCase delegate, GatewaySpans spans) {
        this.delegate = delegate;
        this.spans = spans;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        Span span = spans.start("authenticate");
        if (span == null) {
            return delegate.authenticate(bearerToken);
        }
        String outcome = "refused";
        try {
            Optional<Caller> caller = delegate.authenticate(bearerToken);
            outcome = caller.map(c -> c.admin() ? "admin" : "account").orElse("refused");
            return caller;
        } catch (RuntimeException e) {
            outcome = "failed";
            throw e;
        } finally {
            span.tag("switchgear.authentication", outcome).end();
        }
    }
}
