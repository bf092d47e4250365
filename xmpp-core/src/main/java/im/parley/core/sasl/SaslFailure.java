package im.parley.core.sasl;

/** A SASL exchange failed with one of RFC 6120 §6.5's conditions. */
public final class SaslFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The SASL failure conditions of RFC 6120 §6.5. */
    public enum Condition {
        ABORTED, ACCOUNT_DISABLED, CREDENTIALS_EXPIRED, ENCRYPTION_REQUIRED, INCORRECT_ENCODING, INVALID_AUTHZID,
        INVALID_MECHANISM, MALFORMED_REQUEST, MECHANISM_TOO_WEAK, NOT_AUTHORIZED, TEMPORARY_AUTH_FAILURE;

        /** The element name, e.g. not-authorized. */
        public String xml() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Condition condition;

    public SaslFailure(Condition condition, String text) {
        super(text, null, false, false);
        this.condition = condition;
    }

    public Condition condition() {
        return condition;
    }

    /** Whether this failure is a wrong password or unknown user, which counts against the address. */
    public boolean isCredentialFailure() {
        return condition == Condition.NOT_AUTHORIZED;
    }
}
