package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** The muc#roomconfig form (XEP-0045 §10.2, §15.5.3): made from a configuration, read back into one. */
final class ConfigForm {
    private static final String P = "muc#roomconfig_";

    private ConfigForm() {
    }

    /** The form an owner fills in, with the room's current values. */
    static Element form(Room room) {
        RoomConfig c = room.config();
        Element form = DocumentHelper.createElement(QName.get("x", MucXml.DATA)).addAttribute("type", "form");
        form.addElement(QName.get("title", MucXml.DATA)).setText("Configuration of " + room.jid().toBareJID());
        MucXml.addField(form, "FORM_TYPE", "hidden", null, List.of(MucXml.ROOMCONFIG));
        MucXml.addField(form, P + "roomname", "text-single", "Room name", List.of(c.name()));
        MucXml.addField(form, P + "roomdesc", "text-single", "Description", List.of(c.description()));
        MucXml.addField(form, P + "persistentroom", "boolean", "Persistent (kept when empty)", List.of(bool(c.persistent())));
        MucXml.addField(form, P + "publicroom", "boolean", "Listed in the room directory", List.of(bool(c.publicRoom())));
        MucXml.addField(form, P + "membersonly", "boolean", "Members only", List.of(bool(c.membersOnly())));
        MucXml.addField(form, P + "moderatedroom", "boolean", "Moderated (only participants speak)", List.of(bool(c.moderated())));
        MucXml.addField(form, P + "passwordprotectedroom", "boolean", "Password required", List.of(bool(c.passwordProtected())));
        MucXml.addField(form, P + "roomsecret", "text-private", "Password", c.password() == null ? List.of() : List.of(c.password()));
        options(MucXml.addField(form, P + "maxusers", "list-single", "Most occupants",
                List.of(c.maxUsers() == 0 ? "none" : Integer.toString(c.maxUsers()))), maxUsersOptions(c.maxUsers()));
        options(MucXml.addField(form, P + "whois", "list-single", "Who sees real JIDs", List.of(c.whois())),
                List.of("moderators", "anyone"));
        MucXml.addField(form, P + "changesubject", "boolean", "Participants may change the subject", List.of(bool(c.changeSubject())));
        MucXml.addField(form, P + "allowinvites", "boolean", "Members may invite", List.of(bool(c.allowInvites())));
        options(MucXml.addField(form, P + "allowpm", "list-single", "Who may send private messages", List.of(c.allowPm())),
                List.of("anyone", "participants", "moderators", "none"));
        MucXml.addField(form, P + "enablelogging", "boolean", "Public archive of the discussion", List.of(bool(c.logging())));
        MucXml.addField(form, P + "roomadmins", "jid-multi", "Admins", jids(room, Affiliation.ADMIN));
        MucXml.addField(form, P + "roomowners", "jid-multi", "Owners", jids(room, Affiliation.OWNER));
        return form;
    }

    /** What a submitted form asks for: the new configuration and, when given, the admin and owner lists. */
    record Submitted(RoomConfig config, List<JID> admins, List<JID> owners) {
    }

    /** Reads a submitted form over the current configuration; a field left out keeps its value. */
    static Submitted read(Element form, RoomConfig c, int maxOccupants) throws StanzaException {
        String type = MucXml.field(form, "FORM_TYPE");
        if (type != null && !MucXml.ROOMCONFIG.equals(type)) {
            throw bad("FORM_TYPE must be " + MucXml.ROOMCONFIG);
        }
        boolean passwordProtected = bool(form, "passwordprotectedroom", c.passwordProtected());
        String secret = text(form, "roomsecret", c.password());
        if (passwordProtected && (secret == null || secret.isEmpty())) {
            throw notAcceptable("a password-protected room needs muc#roomconfig_roomsecret");
        }
        int maxUsers = maxUsers(text(form, "maxusers", Integer.toString(c.maxUsers())), maxOccupants);
        String whois = text(form, "whois", c.whois());
        String allowPm = text(form, "allowpm", c.allowPm());
        if (!RoomConfig.WHOIS.contains(whois) || !RoomConfig.ALLOW_PM.contains(allowPm)) {
            throw notAcceptable("whois takes " + RoomConfig.WHOIS + ", allowpm " + RoomConfig.ALLOW_PM); // §10.2
        }
        RoomConfig next = new RoomConfig(text(form, "roomname", c.name()), text(form, "roomdesc", c.description()),
                bool(form, "persistentroom", c.persistent()), bool(form, "publicroom", c.publicRoom()),
                bool(form, "membersonly", c.membersOnly()), bool(form, "moderatedroom", c.moderated()),
                passwordProtected ? secret : null, maxUsers, whois, bool(form, "changesubject", c.changeSubject()),
                bool(form, "allowinvites", c.allowInvites()), allowPm, bool(form, "enablelogging", c.logging()));
        return new Submitted(next, jidList(form, "roomadmins"), jidList(form, "roomowners"));
    }

    private static int maxUsers(String text, int limit) throws StanzaException {
        if (text == null || text.isEmpty() || "none".equals(text) || "0".equals(text)) {
            if (limit > 0) {
                return limit;
            }
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw bad("muc#roomconfig_maxusers must be a number or none");
        }
        if (n < 1 || limit > 0 && n > limit) {
            throw notAcceptable("muc#roomconfig_maxusers must be between 1 and " + (limit > 0 ? limit : "any"));
        }
        return n;
    }

    /** The usual sizes and the current one; any other number is accepted too. */
    private static List<String> maxUsersOptions(int current) {
        java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>(List.of(10, 20, 30, 50, 100, 500, 1000));
        if (current > 0) {
            sizes.add(current);
        }
        List<String> options = new ArrayList<>(sizes.stream().map(String::valueOf).toList());
        options.add("none");
        return options;
    }

    private static List<JID> jidList(Element form, String name) throws StanzaException {
        List<String> values = MucXml.fieldValues(form, P + name);
        if (values == null) {
            return null;
        }
        List<JID> jids = new ArrayList<>();
        for (String v : values) {
            if (v.isBlank()) {
                continue;
            }
            try {
                jids.add(new JID(v.trim()).asBareJID());
            } catch (IllegalArgumentException e) {
                throw MucXml.error(PacketError.Condition.jid_malformed, "not a JID: " + v);
            }
        }
        return jids;
    }

    private static String text(Element form, String name, String otherwise) {
        List<String> values = MucXml.fieldValues(form, P + name);
        return values == null ? otherwise : values.isEmpty() ? "" : values.get(0);
    }

    private static boolean bool(Element form, String name, boolean otherwise) throws StanzaException {
        String v = text(form, name, null);
        if (v == null) {
            return otherwise;
        }
        return switch (v.trim()) {
            case "1", "true" -> true;
            case "0", "false", "" -> false;
            default -> throw bad("muc#roomconfig_" + name + " takes a boolean, not '" + v + "'"); // XEP-0004 §3.3
        };
    }

    private static String bool(boolean b) {
        return b ? "1" : "0";
    }

    private static void options(Element field, List<String> values) {
        for (String v : values) {
            field.addElement(QName.get("option", MucXml.DATA)).addElement(QName.get("value", MucXml.DATA)).setText(v);
        }
    }

    private static List<String> jids(Room room, Affiliation a) {
        return room.affiliated(a).stream().map(StoredAffiliation::jid).toList();
    }

    private static StanzaException bad(String text) {
        return MucXml.error(PacketError.Condition.bad_request, text);
    }

    private static StanzaException notAcceptable(String text) {
        return MucXml.error(PacketError.Condition.not_acceptable, text);
    }
}
