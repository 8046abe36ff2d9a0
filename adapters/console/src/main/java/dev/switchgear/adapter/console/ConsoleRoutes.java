package dev.switchgear.adapter.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.ParameterizableViewController;

/**
 * The console's routes next to its static files (which Spring Boot serves from
 * {@code classpath:/static/}, {@code index.html} at {@code /}): every deep link of the single-page
 * application ({@code /admin/llm/byok}, {@code /admin/subscription/credits?success=true}, …) is
 * answered with {@code index.html}, whose router shows the page; and {@code /console/config.json}
 * tells the page how sign-in works here (ADR 0026). A {@link SimpleUrlHandlerMapping}, not
 * annotated controllers: these are pages, not API routes, so they stay out of the API reference.
 */
public final class ConsoleRoutes {

    /** The paths of the console's pages (the API's admin routes are under {@code /api/v1/admin}). */
    public static final List<String> PAGES = List.of("/admin", "/admin/**");
    public static final String CONFIG = "/console/config.json";
    /** The single page every deep link is answered with. */
    public static final String INDEX = "/index.html";

    private ConsoleRoutes() {
    }

    /** The mapping, ordered before the static-resource handler's catch-all. */
    public static SimpleUrlHandlerMapping mapping(ConsoleSettings settings, ObjectMapper json) {
        ParameterizableViewController page = new ParameterizableViewController();
        page.setViewName("forward:" + INDEX);
        page.setSupportedMethods("GET", "HEAD");
        Map<String, Object> urls = new LinkedHashMap<>();
        PAGES.forEach(p -> urls.put(p, page));
        urls.put(CONFIG, config(settings, json));
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(urls);
        mapping.setOrder(10);
        return mapping;
    }

    private static HttpRequestHandler config(ConsoleSettings settings, ObjectMapper json) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> oidc = new LinkedHashMap<>();
        oidc.put("enabled", settings.oidcIssuer().isPresent());
        oidc.put("issuer", settings.oidcIssuer().orElse(null));
        oidc.put("client_id", settings.oidcIssuer().isPresent() ? settings.oidcClientId() : null);
        body.put("oidc", oidc);
        return (request, response) -> {
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                response.setHeader("Allow", "GET, HEAD");
                response.sendError(405);
                return;
            }
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Cache-Control", "no-store");
            json.writeValue(response.getOutputStream(), body);
        };
    }
}
