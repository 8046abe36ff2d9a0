package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** OpenAI's error shape: {@code {"error":{"message","type","param","code"}}}. */
public record OpenAiError(Body error) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String message, String type, String param, String code) {
    }

    public static OpenAiError of(String message, String type, String code) {
        return new OpenAiError(new Body(message, type, null, code));
    }
}
