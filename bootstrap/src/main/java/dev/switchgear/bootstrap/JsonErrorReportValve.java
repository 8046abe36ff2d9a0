package dev.switchgear.bootstrap;

import dev.switchgear.adapter.rest.AnthropicRoutes;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error page as JSON: a request Tomcat refuses before any servlet runs (an oversized
 * or malformed header, an encoded slash, a NUL or another invalid character in the path) is
 * answered in OpenAI's error shape, or Anthropic's under {@code /v1/messages}, instead of Tomcat's
 * HTML page. Nothing from the request or the server (version, stack trace) goes into the body.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status, anthropic(request)));
                response.finishResponse();
            }
        } catch (Exception | LinkageError ignored) {
            // The connection is already failing; there is nobody left to tell.
        }
    }

    static String body(int status, boolean anthropic) {
        String message = switch (status) {
            case 400 -> "The request could not be read: its request line, path or headers are malformed";
            case 404 -> "Not found";
            case 405 -> "The method is not allowed here";
            case 408 -> "The request took too long to arrive";
            case 413 -> "The request is larger than the gateway accepts";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            case 505 -> "The HTTP version is not supported";
            default -> status < 500 ? "The request was refused" : "The server had an error while processing your request";
        };
        if (anthropic) {
            String type = AnthropicRoutes.errorType(status);
            return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
        }
        String type = status < 500 ? "invalid_request_error" : "server_error";
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
    }

    private static boolean anthropic(Request request) {
        try {
            String uri = request.getCoyoteRequest().requestURI().toString();
            return AnthropicRoutes.matches(uri);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
