package im.parley.core.sasl;

/** The server side of one SASL mechanism exchange. One instance per attempt. */
public interface SaslServer {

    /** The result of one step: a challenge to send, or success with its additional data. */
    sealed interface Step permits Challenge, Success {
    }

    record Challenge(byte[] data) implements Step {
    }

    /**
     * @param username the authenticated account's localpart
     * @param additionalData data for the {@code <success/>} element, or null
     */
    record Success(String username, byte[] additionalData) implements Step {
    }

    /**
     * Evaluates the client's initial response (possibly empty) or a later response.
     *
     * @throws SaslFailure when the exchange fails
     */
    Step evaluate(byte[] response) throws SaslFailure;
}
