package im.parley.module.muc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * One user in a room under one nick, with every device (full JID) of that user that joined with
 * the nick: they share the nick, role and presence as others see it. Guarded by its room's lock.
 */
final class Occupant {
    private final JID user;
    private final String occupantId;
    private final Map<JID, Presence> devices = new LinkedHashMap<>();
    private String nick;
    private Role role;
    private Presence presence;

    Occupant(JID user, String nick, Role role, String occupantId) {
        this.user = user.asBareJID();
        this.nick = nick;
        this.role = role;
        this.occupantId = occupantId;
    }

    /** The user's real bare JID. */
    JID user() {
        return user;
    }

    String nick() {
        return nick;
    }

    void nick(String nick) {
        this.nick = nick;
    }

    Role role() {
        return role;
    }

    void role(Role role) {
        this.role = role;
    }

    /** XEP-0421: the stable, anonymous id of this user in this room. */
    String occupantId() {
        return occupantId;
    }

    /** The devices' full JIDs, in joining order. */
    java.util.Set<JID> devices() {
        return devices.keySet();
    }

    /** A device's presence, as the client sent it (the latest of any device is what others see). */
    void present(JID device, Presence p) {
        devices.put(device, p);
        presence = p;
    }

    /** Removes a device; returns whether any remain. */
    boolean remove(JID device) {
        devices.remove(device);
        if (!devices.isEmpty() && presence != null && device.equals(presence.getFrom())) {
            presence = devices.values().iterator().next();
        }
        return !devices.isEmpty();
    }

    /** The presence others see: the one most recently sent by any of the devices. */
    Presence presence() {
        return presence;
    }
}
