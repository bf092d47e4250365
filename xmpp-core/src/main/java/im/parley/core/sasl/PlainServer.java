package im.parley.core.sasl;

import im.parley.api.account.AccountStore;
import im.parley.api.account.ScramCredential;
import im.parley.api.account.ScramHash;
import im.parley.api.account.StoredAccount;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.xmpp.packet.JID;

/** SASL PLAIN (RFC 4616), checked against the stored SCRAM credential; offered only on encrypted streams. */
final class PlainServer implements SaslServer {
    private final String domain;
    private final AccountStore accounts;
    private final FakeCredentials fakes;
    private boolean challenged;

    PlainServer(String domain, AccountStore accounts, FakeCredentials fakes) {
        this.domain = domain;
        this.accounts = accounts;
        this.fakes = fakes;
    }

    @Override
    public Step evaluate(byte[] response) throws SaslFailure {
        if (response.length == 0 && !challenged) {
            challenged = true;
            return new Challenge(new byte[0]);
        }
        String message = new String(response, StandardCharsets.UTF_8);
        String[] parts = message.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            throw new SaslFailure(SaslFailure.Condition.MALFORMED_REQUEST, "expected authzid NUL authcid NUL password");
        }
        String username;
        try {
            username = JID.nodeprep(parts[1]);
        } catch (IllegalArgumentException e) {
            username = null;
        }
        if (!parts[0].isEmpty() && (username == null || !AuthzidCheck.matches(parts[0], username, domain))) {
            throw new SaslFailure(SaslFailure.Condition.INVALID_AUTHZID, "you may only act as yourself");
        }
        Optional<StoredAccount> account;
        try {
            account = username == null ? Optional.empty() : accounts.find(username, domain);
        } catch (RuntimeException e) {
            throw new SaslFailure(SaslFailure.Condition.TEMPORARY_AUTH_FAILURE, "account storage is unavailable");
        }
        ScramCredential credential = account.flatMap(a -> a.credential(ScramHash.SHA_256))
                .or(() -> account.flatMap(a -> a.credential(ScramHash.SHA_1)))
                .orElseGet(() -> fakes.fake(parts[1], ScramHash.SHA_256));
        boolean valid;
        try {
            valid = ScramCredentials.verify(parts[2], credential);
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid || account.isEmpty()) {
            throw new SaslFailure(SaslFailure.Condition.NOT_AUTHORIZED, "wrong user name or password");
        }
        return new Success(username, null);
    }
}
