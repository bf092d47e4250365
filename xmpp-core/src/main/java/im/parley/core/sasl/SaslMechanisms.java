package im.parley.core.sasl;

import im.parley.api.account.AccountStore;
import im.parley.api.account.ScramHash;
import im.parley.core.config.AuthConfig;
import java.util.ArrayList;
import java.util.List;

/** The mechanisms this server offers and the factory of their server-side exchanges. */
public final class SaslMechanisms {
    private final AuthConfig config;
    private final AccountStore accounts;
    private final FakeCredentials fakes;

    public SaslMechanisms(AuthConfig config, AccountStore accounts) {
        this.config = config;
        this.accounts = accounts;
        this.fakes = new FakeCredentials(config.scramIterations());
    }

    /** The mechanisms to offer on a stream: -PLUS only with channel binding data, PLAIN only when encrypted. */
    public List<String> offered(boolean secure, boolean channelBinding) {
        List<String> result = new ArrayList<>();
        for (String m : config.mechanisms()) {
            if (m.endsWith("-PLUS") && !channelBinding) {
                continue;
            }
            if (m.equals("PLAIN") && !secure) {
                continue;
            }
            result.add(m);
        }
        return result;
    }

    /**
     * Starts an exchange for a mechanism the client chose.
     *
     * @param offered the mechanisms offered on this stream
     * @throws SaslFailure invalid-mechanism when it was not offered
     */
    SaslServer start(String mechanism, List<String> offered, String domain, byte[] channelBinding, boolean secure)
            throws SaslFailure {
        if (mechanism == null || !config.mechanisms().contains(mechanism)) {
            throw new SaslFailure(SaslFailure.Condition.INVALID_MECHANISM, "mechanism not supported: " + mechanism);
        }
        if (mechanism.equals("PLAIN") && !secure) {
            throw new SaslFailure(SaslFailure.Condition.ENCRYPTION_REQUIRED, "PLAIN needs an encrypted stream");
        }
        if (!offered.contains(mechanism)) {
            throw new SaslFailure(SaslFailure.Condition.INVALID_MECHANISM, "mechanism not offered on this stream: " + mechanism);
        }
        boolean plusOffered = offered.stream().anyMatch(m -> m.endsWith("-PLUS"));
        return switch (mechanism) {
            case "SCRAM-SHA-1" -> new ScramServer(ScramHash.SHA_1, false, plusOffered, channelBinding, domain, accounts, fakes);
            case "SCRAM-SHA-1-PLUS" -> new ScramServer(ScramHash.SHA_1, true, plusOffered, channelBinding, domain, accounts, fakes);
            case "SCRAM-SHA-256" -> new ScramServer(ScramHash.SHA_256, false, plusOffered, channelBinding, domain, accounts, fakes);
            case "SCRAM-SHA-256-PLUS" -> new ScramServer(ScramHash.SHA_256, true, plusOffered, channelBinding, domain, accounts, fakes);
            case "PLAIN" -> new PlainServer(domain, accounts, fakes);
            default -> throw new SaslFailure(SaslFailure.Condition.INVALID_MECHANISM, "mechanism not supported: " + mechanism);
        };
    }
}
