package im.parley.module.muc;

/**
 * A persistent room as stored: its address, configuration and subject. Affiliations are kept apart
 * ({@link RoomStore#affiliations(String)}), so one change does not rewrite a large member list.
 *
 * @param jid       the room's bare JID
 * @param config    the room configuration
 * @param subject   the subject, or null
 * @param subjectBy the nick that set the subject, or null
 */
public record StoredRoom(String jid, RoomConfig config, String subject, String subjectBy) {
    public StoredRoom {
        if (jid == null || jid.indexOf('@') < 1 || config == null) {
            throw new IllegalArgumentException("a room needs a bare JID and a configuration");
        }
    }

    /** The group chat service's domain the room belongs to. */
    public String service() {
        return jid.substring(jid.indexOf('@') + 1);
    }
}
