package im.parley.module.muc;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * One room's state: configuration, subject, affiliations, occupants and recent history. Every
 * read and change happens while holding the room's monitor ({@code synchronized (room)}), so a
 * room handles one stanza at a time whichever sender's worker it arrives on, and rooms never wait
 * for each other.
 */
final class Room {
    /** A message kept for the history sent on join (§7.2.15), as broadcast, with its time. */
    record HistoryEntry(Message message, Instant stamp, int chars) {
    }

    private final JID jid;
    private final Outbox outbox;
    private final Map<String, StoredAffiliation> affiliations = new HashMap<>();
    private final Map<String, Occupant> byNick = new LinkedHashMap<>();
    private final Map<JID, Occupant> byDevice = new HashMap<>();
    private final Map<JID, Occupant> byUser = new HashMap<>();
    private final ArrayDeque<HistoryEntry> history = new ArrayDeque<>();
    private RoomConfig config;
    private String subject;
    private String subjectBy;
    private boolean locked;
    private boolean destroyed;

    Room(JID jid, RoomConfig config, Outbox outbox) {
        this.jid = jid.asBareJID();
        this.config = config;
        this.outbox = outbox;
    }

    JID jid() {
        return jid;
    }

    Outbox outbox() {
        return outbox;
    }

    RoomConfig config() {
        return config;
    }

    void config(RoomConfig config) {
        this.config = config;
    }

    String subject() {
        return subject;
    }

    String subjectBy() {
        return subjectBy;
    }

    void subject(String text, String by) {
        this.subject = text;
        this.subjectBy = by;
    }

    /** §10.1.1: a new room is locked until its owner accepts or submits a configuration. */
    boolean locked() {
        return locked;
    }

    void locked(boolean locked) {
        this.locked = locked;
    }

    boolean destroyed() {
        return destroyed;
    }

    void destroyed(boolean destroyed) {
        this.destroyed = destroyed;
    }

    StoredRoom stored() {
        return new StoredRoom(jid.toBareJID(), config, subject, subjectBy);
    }

    // ---- affiliations ----

    /** A user's affiliation: their own, else their domain's (a domain ban), else none. */
    Affiliation affiliation(JID user) {
        StoredAffiliation a = affiliations.get(user.toBareJID());
        if (a == null && user.getNode() != null) {
            a = affiliations.get(user.getDomain());
        }
        return a == null ? Affiliation.NONE : a.affiliation();
    }

    StoredAffiliation affiliationEntry(String bare) {
        return affiliations.get(bare);
    }

    void affiliate(StoredAffiliation a) {
        if (a.affiliation() == Affiliation.NONE) {
            affiliations.remove(a.jid());
        } else {
            affiliations.put(a.jid(), a);
        }
    }

    List<StoredAffiliation> affiliated(Affiliation which) {
        return affiliations.values().stream().filter(a -> a.affiliation() == which)
                .sorted(java.util.Comparator.comparing(StoredAffiliation::jid)).toList();
    }

    Collection<StoredAffiliation> affiliations() {
        return List.copyOf(affiliations.values());
    }

    /** The user who registered a nick (§7.10), or null. */
    String reservedBy(String nick) {
        for (StoredAffiliation a : affiliations.values()) {
            if (nick.equals(a.nick())) {
                return a.jid();
            }
        }
        return null;
    }

    /** §5.1.2: the role an affiliation gets on entering. */
    Role defaultRole(Affiliation a) {
        return switch (a) {
            case OWNER, ADMIN -> Role.MODERATOR;
            case MEMBER -> Role.PARTICIPANT;
            case NONE -> config.moderated() ? Role.VISITOR : Role.PARTICIPANT;
            case OUTCAST -> Role.NONE;
        };
    }

    // ---- occupants ----

    Occupant byNick(String nick) {
        return byNick.get(nick);
    }

    Occupant byDevice(JID device) {
        return byDevice.get(device);
    }

    Occupant byUser(JID user) {
        return byUser.get(user.asBareJID());
    }

    Collection<Occupant> occupants() {
        return byNick.values();
    }

    int size() {
        return byNick.size();
    }

    boolean empty() {
        return byNick.isEmpty();
    }

    void add(Occupant o, JID device) {
        byNick.put(o.nick(), o);
        byUser.put(o.user(), o);
        byDevice.put(device, o);
    }

    void addDevice(Occupant o, JID device) {
        byDevice.put(device, o);
    }

    /** Removes one device; the occupant too when it was its last. Returns whether the occupant remains. */
    boolean removeDevice(Occupant o, JID device) {
        byDevice.remove(device);
        if (o.remove(device)) {
            return true;
        }
        byNick.remove(o.nick());
        byUser.remove(o.user());
        return false;
    }

    void renamed(Occupant o, String oldNick) {
        byNick.remove(oldNick);
        byNick.put(o.nick(), o);
    }

    /** Every device of every occupant (the recipients of a broadcast). */
    List<JID> devices() {
        return List.copyOf(byDevice.keySet());
    }

    // ---- history ----

    void remember(HistoryEntry entry, int max) {
        if (max <= 0) {
            return;
        }
        history.addLast(entry);
        while (history.size() > max) {
            history.removeFirst();
        }
    }

    List<HistoryEntry> history() {
        return List.copyOf(history);
    }
}
