package im.parley.api.account;

/** Why an account could not be created or changed. */
public class AccountException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The reasons, each mapping to a stanza error condition where an XMPP client asked. */
    public enum Reason {
        /** The account exists already (XEP-0077: conflict). */
        EXISTS,
        /** The account does not exist (item-not-found). */
        NOT_FOUND,
        /** The username is not a valid JID localpart (jid-malformed). */
        INVALID_USERNAME,
        /** The password breaks the configured policy (not-acceptable). */
        WEAK_PASSWORD,
        /** The domain is not served here (not-allowed). */
        UNKNOWN_DOMAIN
    }

    private final Reason reason;

    public AccountException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
