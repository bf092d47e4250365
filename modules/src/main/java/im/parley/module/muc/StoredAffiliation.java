package im.parley.module.muc;

/**
 * A user's affiliation with a room as stored.
 *
 * @param jid         the user's bare JID (or a domain, for a domain ban)
 * @param affiliation never {@link Affiliation#NONE} in storage: none is the absence of a row
 * @param nick        the nick the user registered (XEP-0045 §7.10), or null
 * @param reason      why it was given, or null
 */
public record StoredAffiliation(String jid, Affiliation affiliation, String nick, String reason) {
    public StoredAffiliation {
        if (jid == null || jid.isEmpty() || affiliation == null) {
            throw new IllegalArgumentException("an affiliation needs a JID and a value");
        }
    }
}
