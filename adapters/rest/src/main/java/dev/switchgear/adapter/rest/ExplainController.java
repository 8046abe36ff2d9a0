package dev.switchgear.adapter.rest;

import dev.switchgear.adapter.rest.RoutingViews.ExplainView;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.routing.ExplainUseCase;
import dev.switchgear.domain.shared.RequestId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** The explanation of a charged request's routing: what was asked, the candidates, what was skipped and tried. */
@RestController
public class ExplainController {

    private final ExplainUseCase explain;

    public ExplainController(ExplainUseCase explain) {
        this.explain = explain;
    }

    @GetMapping("/api/v1/llm/requests/{requestId}/explain")
    ResponseEntity<Object> explain(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                   @PathVariable String requestId) {
        RequestId id;
        try {
            id = new RequestId(requestId);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("not a request id", null);
        }
        return explain.explain(caller, id).<ResponseEntity<Object>>map(r -> ResponseEntity.ok(ExplainView.of(r)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                        .body(OpenAiError.of(
                        "No charged request " + requestId + " is known for this key (it may not be projected yet)",
                        "invalid_request_error", "request_not_found")));
    }
}
