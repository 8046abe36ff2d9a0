package dev.switchgear.adapter.wire;

/**
 * A request that one wire format cannot express in the other (an unsupported role, content part
 * or block, a malformed image URL, tool arguments that are not a JSON object). The message is
 * safe to show to the caller; {@link #field()} names the request field at fault, or is null. The
 * inbound side answers it as a 400 in its route's error shape, the outbound side as a rejected
 * upstream call, in both cases before anything is sent.
 */
public final class WireFormatException extends RuntimeException {

    private final String field;

    public WireFormatException(String message, String field) {
        super(message, null, false, false);
        this.field = field;
    }

    public WireFormatException(String message) {
        this(message, null);
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
