package dev.switchgear.application.port.in.completion;

/** The caller of a streamed completion disconnected; the stream stops and what was produced is charged. */
public class ClientGoneException extends RuntimeException {

    public ClientGoneException() {
        super("the client disconnected", null, false, false);
    }
}
