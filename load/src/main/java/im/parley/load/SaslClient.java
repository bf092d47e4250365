package im.parley.load;

import im.parley.testing.ScramClient;
import java.nio.charset.StandardCharsets;

/**
 * One SASL exchange of a load client: PLAIN (RFC 4616), or SCRAM through the core test-jar's
 * {@link ScramClient} (without channel binding, gs2 flag "n").
 */
final class SaslClient {
    private final String mechanism;
    private final ScramClient scram;
    private final byte[] plain;

    SaslClient(String mechanism, String username, String password) {
        this.mechanism = mechanism;
        if ("PLAIN".equals(mechanism)) {
            this.scram = null;
            this.plain = ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
        } else {
            this.scram = new ScramClient(mechanism.substring("SCRAM-".length()), username, password, "n", null);
            this.plain = null;
        }
    }

    String mechanism() {
        return mechanism;
    }

    byte[] initialResponse() {
        return scram == null ? plain : scram.clientFirst();
    }

    /** The answer to a server challenge; PLAIN has none to give. */
    byte[] respond(byte[] challenge) {
        if (scram == null) {
            throw new IllegalStateException("PLAIN expects no challenge");
        }
        return scram.clientFinal(challenge);
    }

    /** Whether the data sent with success proves the server knows the password (SCRAM) or needs no proof (PLAIN). */
    boolean verifySuccess(byte[] additionalData) {
        return scram == null || scram.verifyServerFinal(additionalData);
    }
}
