package dev.switchgear.adapter.rest;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * On {@code /v1/messages} every error is in Anthropic's shape, also those raised before the
 * controller is chosen (an unreadable {@code Accept} or {@code Content-Type}, a wrong method),
 * which Spring hands to {@link RestErrorHandling} rather than to the controller's own handler.
 */
@RestControllerAdvice
public class AnthropicErrorShape implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof OpenAiError error && AnthropicRoutes.matches(request.getURI().getPath())) {
            int status = response instanceof ServletServerHttpResponse servlet
                    ? servlet.getServletResponse().getStatus() : 400;
            return MessagesController.AnthropicError.of(MessagesController.typeFor(status), error.error().message());
        }
        return body;
    }
}
