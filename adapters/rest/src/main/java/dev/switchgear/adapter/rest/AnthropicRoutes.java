package dev.switchgear.adapter.rest;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one rule for which error shape a request gets: Anthropic's
 * ({@code {"type":"error","error":{"type","message"}}}) on {@code /v1/messages} and every path
 * under it, OpenAI's everywhere else. Every place that writes an error — the controllers' advice,
 * the security answers, the filters, the servlet error path and Tomcat's error valve — asks here.
 */
public final class AnthropicRoutes {

    /** The Anthropic Messages API's root path. */
    public static final String ROOT = "/v1/messages";

    private AnthropicRoutes() {
    }

    /** Whether a path (without the context path and query; raw or decoded) is Anthropic's. */
    public static boolean matches(String path) {
        if (path == null || !path.startsWith(ROOT)) {
            return false;
        }
        if (path.length() == ROOT.length()) {
            return true;
        }
        char next = path.charAt(ROOT.length());
        return next == '/' || next == ';' || next == '?';
    }

    /** Whether a request is on Anthropic's routes, judged by its raw request URI. */
    public static boolean matches(HttpServletRequest request) {
        try {
            String uri = request.getRequestURI();
            String context = request.getContextPath();
            return uri != null && matches(context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** Anthropic's error type for an HTTP status. */
    public static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
        };
    }
}
