package dev.switchgear.adapter.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error path, in place of Spring Boot's: a failure that reaches it (an
 * error raised outside any controller) is answered in the route's own error shape without any
 * detail of the failure, and {@code /error} asked for directly is simply not found.
 */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null && c >= 400
                ? HttpStatus.valueOf(c) : HttpStatus.NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message = status.is5xxServerError() ? "The server had an error while processing your request"
                : status == HttpStatus.NOT_FOUND ? "Not found" : status.getReasonPhrase();
        Object body = uri instanceof String u && AnthropicRoutes.matches(u)
                ? MessagesController.AnthropicError.of(MessagesController.typeFor(status.value()), message)
                : OpenAiError.of(message, status.is5xxServerError() ? "server_error" : "invalid_request_error", null);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
