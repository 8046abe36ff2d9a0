package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.adapter.persistence.readmodel.AuditMetadata;
import dev.switchgear.adapter.rest.ApiKeyAuthentication;
import dev.switchgear.adapter.rest.BearerAuthenticationFilter;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.AccountId;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The dispatch interceptor reads who and from where from Spring's per-request state, and nothing else. */
class RequestOriginTest {

    private final AccountId account = AccountId.of(UUID.randomUUID());

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    private static Map<String, Object> dispatched() {
        CommandMessage<String> command = GenericCommandMessage.asCommandMessage("a command");
        Object intercepted = new RequestOrigin().handle(command);
        assertThat(intercepted).isInstanceOf(CommandMessage.class);
        return ((CommandMessage<?>) intercepted).getMetaData();
    }

    private static MockHttpServletRequest request(String address, String agent) {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/v1/llm/credits/cap");
        request.setRemoteAddr(address);
        if (agent != null) {
            request.addHeader("User-Agent", agent);
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }

    @Test
    void aCommandInsideARequestCarriesTheCallerItsAddressAndItsUserAgentCut() {
        request("10.1.2.3", "x".repeat(300));
        SecurityContextHolder.getContext().setAuthentication(
                ApiKeyAuthentication.authenticated(Caller.withKey(account, "kid-7")));

        Map<String, Object> meta = dispatched();

        assertThat(meta).containsEntry(AuditMetadata.ACTOR, "key:kid-7")
                .containsEntry(AuditMetadata.ACTOR_ROLE, "user")
                .containsEntry(AuditMetadata.CLIENT_ADDRESS, "10.1.2.3")
                .containsEntry(AuditMetadata.USER_AGENT, "x".repeat(256));
    }

    @Test
    void theAdministratorIsAdminAndACallerOnlyOnTheRequestIsReadFromThere() {
        MockHttpServletRequest request = request("127.0.0.1", null);
        SecurityContextHolder.getContext().setAuthentication(ApiKeyAuthentication.authenticated(Caller.administrator()));
        assertThat(dispatched()).containsEntry(AuditMetadata.ACTOR, "admin").containsEntry(AuditMetadata.ACTOR_ROLE,
                "admin").doesNotContainKey(AuditMetadata.USER_AGENT);

        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("someone else", null,
                "ROLE_ACCOUNT"));
        request.setAttribute(BearerAuthenticationFilter.CALLER, Caller.signedIn(account, false));
        assertThat(dispatched()).containsEntry(AuditMetadata.ACTOR, "user:" + account)
                .containsEntry(AuditMetadata.ACTOR_ROLE, "user");
    }

    @Test
    void withoutARequestOrACallerTheActorIsTheSystem() {
        assertThat(dispatched()).containsEntry(AuditMetadata.ACTOR, "system")
                .containsEntry(AuditMetadata.ACTOR_ROLE, "system")
                .doesNotContainKeys(AuditMetadata.CLIENT_ADDRESS, AuditMetadata.USER_AGENT);

        request("203.0.113.9", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        assertThat(dispatched()).containsEntry(AuditMetadata.ACTOR, "system")
                .containsEntry(AuditMetadata.CLIENT_ADDRESS, "203.0.113.9")
                .containsEntry(AuditMetadata.USER_AGENT, "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    }
}
