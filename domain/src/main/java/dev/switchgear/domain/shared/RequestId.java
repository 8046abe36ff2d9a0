package dev.switchgear.domain.shared;

/**
 * The identity of one completion request; a charge is idempotent by it. Printable ASCII without
 * spaces, 1 to 128 characters, so that it is safe in headers, logs and Lago's transaction id.
 */
public record RequestId(String value) {

    public RequestId {
        if (value == null || value.isEmpty() || value.length() > 128) {
            throw new IllegalArgumentException("request id must have 1 to 128 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("request id must be printable ASCII without spaces");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
