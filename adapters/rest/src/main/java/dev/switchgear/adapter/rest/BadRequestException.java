package dev.switchgear.adapter.rest;

/** A request this adapter cannot read; the message says what is wrong and is safe to show. */
public class BadRequestException extends RuntimeException {

    private final String param;

    public BadRequestException(String message, String param) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
