package im.parley.core.sasl;

import im.parley.api.account.AccountStore;
import im.parley.api.account.ScramCredential;
import im.parley.api.account.ScramHash;
import im.parley.api.account.StoredAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * The server side of SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677), with channel binding
 * type tls-server-end-point (RFC 5929) for the -PLUS variants. An unknown user gets a plausible
 * salt and fails only at the end, so the exchange does not reveal which accounts exist.
 */
final class ScramServer implements SaslServer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { INITIAL, SENT_FIRST, DONE }

    private final ScramHash hash;
    private final boolean plus;
    private final boolean plusOffered;
    private final byte[] channelBinding;
    private final String domain;
    private final AccountStore accounts;
    private final FakeCredentials fakes;
    private State state = State.INITIAL;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String username;
    private ScramCredential credential;
    private boolean knownUser;

    /**
     * @param plusOffered whether the server offered -PLUS mechanisms on this stream (a client that
     *                    says it could bind channels but thinks we cannot signals a downgrade)
     * @param channelBinding the tls-server-end-point data of this connection, or null without TLS
     */
    ScramServer(ScramHash hash, boolean plus, boolean plusOffered, byte[] channelBinding, String domain,
                AccountStore accounts, FakeCredentials fakes) {
        this.hash = hash;
        this.plus = plus;
        this.plusOffered = plusOffered;
        this.channelBinding = channelBinding;
        this.domain = domain;
        this.accounts = accounts;
        this.fakes = fakes;
    }

    @Override
    public Step evaluate(byte[] response) throws SaslFailure {
        return switch (state) {
            case INITIAL -> clientFirst(utf8(response));
            case SENT_FIRST -> clientFinal(utf8(response));
            case DONE -> throw new SaslFailure(SaslFailure.Condition.MALFORMED_REQUEST, "the exchange is over");
        };
    }

    private Step clientFirst(String message) throws SaslFailure {
        if (message.isEmpty()) {
            // RFC 6120 §6.4.2: SCRAM needs an initial response; an empty one gets an empty challenge.
            return new Challenge(new byte[0]);
        }
        int first = message.indexOf(',');
        int second = first < 0 ? -1 : message.indexOf(',', first + 1);
        if (second < 0) {
            throw malformed("no GS2 header");
        }
        String cbFlag = message.substring(0, first);
        checkChannelBindingFlag(cbFlag);
        String authzid = message.substring(first + 1, second);
        gs2Header = message.substring(0, second + 1);
        clientFirstBare = message.substring(second + 1);
        Map<Character, String> attrs = parse(clientFirstBare);
        if (clientFirstBare.startsWith("m=")) {
            throw malformed("mandatory extensions are not supported");
        }
        String rawUser = attrs.get('n');
        String clientNonce = attrs.get('r');
        if (rawUser == null || clientNonce == null || clientNonce.isEmpty()) {
            throw malformed("client-first-message needs n= and r=");
        }
        username = normalize(decodeSaslName(rawUser));
        checkAuthzid(authzid);
        Optional<StoredAccount> account = username == null ? Optional.empty() : findAccount();
        credential = account.flatMap(a -> a.credential(hash)).orElse(null);
        knownUser = credential != null;
        if (!knownUser) {
            credential = fakes.fake(username == null ? rawUser : username, hash);
        }
        byte[] serverNonce = new byte[18];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt())
                + ",i=" + credential.iterations();
        state = State.SENT_FIRST;
        return new Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<StoredAccount> findAccount() throws SaslFailure {
        try {
            return accounts.find(username, domain);
        } catch (RuntimeException e) {
            throw new SaslFailure(SaslFailure.Condition.TEMPORARY_AUTH_FAILURE, "account storage is unavailable");
        }
    }

    private void checkChannelBindingFlag(String flag) throws SaslFailure {
        if (plus) {
            if (!flag.equals("p=tls-server-end-point")) {
                throw malformed(flag.startsWith("p=") ? "only channel binding type tls-server-end-point is supported"
                        : "a -PLUS mechanism requires channel binding");
            }
            if (channelBinding == null) {
                throw new SaslFailure(SaslFailure.Condition.MALFORMED_REQUEST, "no channel binding data on this connection");
            }
        } else if (flag.startsWith("p=")) {
            throw malformed("channel binding requested with a mechanism without -PLUS");
        } else if (flag.equals("y")) {
            if (plusOffered) {
                // RFC 5802 §6: the client thinks we cannot bind channels though we offered to: a downgrade.
                throw new SaslFailure(SaslFailure.Condition.NOT_AUTHORIZED, "channel binding was offered");
            }
        } else if (!flag.equals("n")) {
            throw malformed("invalid GS2 channel binding flag");
        }
    }

    private void checkAuthzid(String authzid) throws SaslFailure {
        if (authzid.isEmpty()) {
            return;
        }
        if (!authzid.startsWith("a=")) {
            throw malformed("invalid authzid");
        }
        String requested = decodeSaslName(authzid.substring(2));
        if (username == null || !AuthzidCheck.matches(requested, username, domain)) {
            throw new SaslFailure(SaslFailure.Condition.INVALID_AUTHZID, "you may only act as yourself");
        }
    }

    private Step clientFinal(String message) throws SaslFailure {
        state = State.DONE;
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw malformed("client-final-message needs p=");
        }
        String withoutProof = message.substring(0, proofAt);
        Map<Character, String> attrs = parse(message);
        byte[] expectedBinding = concat(gs2Header.getBytes(StandardCharsets.UTF_8), plus ? channelBinding : new byte[0]);
        byte[] binding = base64(attrs.get('c'));
        if (!MessageDigest.isEqual(expectedBinding, binding)) {
            throw new SaslFailure(SaslFailure.Condition.NOT_AUTHORIZED, "channel binding does not match");
        }
        if (!nonce.equals(attrs.get('r'))) {
            throw malformed("nonce does not match");
        }
        byte[] proof = base64(attrs.get('p'));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] authBytes = authMessage.getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramCredentials.hmac(hash, credential.storedKey(), authBytes);
        if (proof.length != clientSignature.length) {
            throw new SaslFailure(SaslFailure.Condition.NOT_AUTHORIZED, "wrong password");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        boolean valid = MessageDigest.isEqual(ScramCredentials.digest(hash, clientKey), credential.storedKey());
        if (!valid || !knownUser) {
            throw new SaslFailure(SaslFailure.Condition.NOT_AUTHORIZED, "wrong user name or password");
        }
        byte[] serverSignature = ScramCredentials.hmac(hash, credential.serverKey(), authBytes);
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
        return new Success(username, serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<Character, String> parse(String message) throws SaslFailure {
        Map<Character, String> attrs = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() < 2 || part.charAt(1) != '=') {
                throw malformed("invalid attribute '" + part + "'");
            }
            attrs.putIfAbsent(part.charAt(0), part.substring(2));
        }
        return attrs;
    }

    /** RFC 5802 §5.1: saslname escapes ',' as =2C and '=' as =3D; any other '=' is an error. */
    private static String decodeSaslName(String name) throws SaslFailure {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '=') {
                if (name.startsWith("=2C", i)) {
                    sb.append(',');
                } else if (name.startsWith("=3D", i)) {
                    sb.append('=');
                } else {
                    throw malformed("invalid escape in user name");
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String normalize(String user) {
        try {
            String prepped = JID.nodeprep(user);
            return prepped == null || prepped.isEmpty() ? null : prepped;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] base64(String value) throws SaslFailure {
        if (value == null) {
            throw malformed("missing attribute");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SaslFailure(SaslFailure.Condition.INCORRECT_ENCODING, "invalid base64");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static SaslFailure malformed(String text) {
        return new SaslFailure(SaslFailure.Condition.MALFORMED_REQUEST, text);
    }
}
