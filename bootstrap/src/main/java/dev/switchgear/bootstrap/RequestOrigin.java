package dev.switchgear.bootstrap;

import dev.switchgear.adapter.persistence.readmodel.AuditMetadata;
import dev.switchgear.adapter.rest.BearerAuthenticationFilter;
import dev.switchgear.application.port.in.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Axon dispatch interceptor that stamps who and from where onto each message dispatched (ADR 0018),
 * as {@link AuditMetadata}: the authenticated {@link Caller}'s actor and role (Spring Security's
 * principal, or the caller the authentication filter put on the request), the client address and
 * the user agent of the request being served. Registered on the command bus (the events a command
 * applies inherit the values as correlation data) and on the gateway that publishes events outside
 * a command. Runs on the dispatching thread, which is the request's own, and reads what Spring
 * already keeps per request; no state of its own. Without an authenticated caller (a payment
 * provider's webhook, or no request at all: start-up, background work) the actor is {@code system}.
 */
final class RequestOrigin implements MessageDispatchInterceptor<Message<?>> {

    static final String SYSTEM = "system";

    @Override
    public BiFunction<Integer, Message<?>, Message<?>> handle(List<? extends Message<?>> messages) {
        Map<String, String> origin = origin();
        return (index, message) -> message.andMetaData(origin);
    }

    /** The current request's origin, or the system's when there is none. */
    static Map<String, String> origin() {
        HttpServletRequest request = request();
        Caller caller = caller(request);
        Map<String, String> origin = new HashMap<>();
        origin.put(AuditMetadata.ACTOR, caller == null ? SYSTEM : cut(caller.actor(), AuditMetadata.MAX_ACTOR));
        origin.put(AuditMetadata.ACTOR_ROLE, caller == null ? SYSTEM : caller.admin() ? "admin" : "user");
        if (request != null) {
            String address = request.getRemoteAddr();
            if (address != null) {
                origin.put(AuditMetadata.CLIENT_ADDRESS, cut(address, AuditMetadata.MAX_CLIENT_ADDRESS));
            }
            String agent = request.getHeader("User-Agent");
            if (agent != null && !agent.isBlank()) {
                origin.put(AuditMetadata.USER_AGENT, cut(agent, AuditMetadata.MAX_USER_AGENT));
            }
        }
        return origin;
    }

    private static HttpServletRequest request() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    /** The authenticated caller: Spring Security's principal when it is one, else the filter's request attribute. */
    private static Caller caller(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        if (request != null && request.getAttribute(BearerAuthenticationFilter.CALLER) instanceof Caller caller) {
            return caller;
        }
        return null;
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
