package im.parley.testing;

import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/**
 * SCRAM mechanisms for Smack 4.5 done by {@link ScramClient}: SCRAM-SHA-256 (Smack's SCRAM only
 * hashes with SHA-1) and the -PLUS variants with tls-server-end-point (Smack's computes the
 * binding data wrongly and is disabled by default).
 */
public class SmackScramSha256 extends SASLMechanism {
    private final String hash;
    private final boolean plus;
    private ScramClient scram;
    private int step;
    private boolean verified;

    public SmackScramSha256() {
        this("SHA-256", false);
    }

    protected SmackScramSha256(String hash, boolean plus) {
        this.hash = hash;
        this.plus = plus;
    }

    @Override
    protected void authenticateInternal(javax.security.auth.callback.CallbackHandler cbh) throws SmackSaslException {
        throw new SmackSaslException("callback handlers are not used in tests");
    }

    @Override
    protected byte[] getAuthenticationText() {
        byte[] cb = plus ? ScramClient.tlsServerEndPoint(sslSession) : null;
        scram = new ScramClient(hash, authenticationId, password, plus ? "p=tls-server-end-point" : "n", cb);
        return scram.clientFirst();
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        if (step++ == 0) {
            return scram.clientFinal(challenge);
        }
        verified = scram.verifyServerFinal(challenge);
        if (!verified) {
            throw new SmackSaslException("the server's signature is wrong");
        }
        return null;
    }

    @Override
    public String getName() {
        return "SCRAM-" + hash + (plus ? "-PLUS" : "");
    }

    @Override
    public int getPriority() {
        return plus ? (hash.equals("SHA-256") ? 80 : 99) : 90;
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!verified) {
            throw new SmackSaslException("the server did not prove the password");
        }
    }

    @Override
    protected SASLMechanism newInstance() {
        return new SmackScramSha256(hash, plus);
    }

    /** SCRAM-SHA-256-PLUS. */
    public static final class Plus extends SmackScramSha256 {
        public Plus() {
            super("SHA-256", true);
        }
    }

    /** SCRAM-SHA-1-PLUS, replacing Smack's broken one. */
    public static final class Sha1Plus extends SmackScramSha256 {
        public Sha1Plus() {
            super("SHA-1", true);
        }
    }
}
