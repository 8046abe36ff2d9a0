package dev.switchgear.adapter.wire;

/**
 * A vendor's stream reported an error in its own event ({@code event: error} for Anthropic, an
 * {@code error} object for Gemini). {@link #vendorMessage()} is the vendor's text, unscrubbed: the
 * caller of the decoder scrubs keys out of it before anyone sees it.
 */
public final class StreamErrorEvent extends RuntimeException {

    private final String vendorMessage;

    public StreamErrorEvent(String vendorMessage) {
        super("the stream reported an error", null, false, false);
        this.vendorMessage = vendorMessage;
    }

    public String vendorMessage() {
        return vendorMessage;
    }
}
