package im.parley.core.stream;

import org.xmpp.packet.StreamError;

/** Ends the stream with a stream error (RFC 6120 §4.9): the session catches it, sends the error and closes. */
public final class StreamErrorException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient StreamError error;

    public StreamErrorException(StreamError.Condition condition, String text) {
        super(condition.toXMPP() + (text == null ? "" : ": " + text), null, false, false);
        this.error = text == null ? new StreamError(condition) : new StreamError(condition, text, "en");
    }

    public StreamError error() {
        return error;
    }
}
