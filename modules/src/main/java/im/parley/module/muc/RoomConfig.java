package im.parley.module.muc;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A room's configuration (XEP-0045 §10.2, the muc#roomconfig form), immutable; a change makes a
 * new one. Stored as text by {@link #encode()}, so adding an option needs no schema change.
 *
 * @param whois     who sees occupants' real JIDs: "moderators" (semi-anonymous) or "anyone" (non-anonymous)
 * @param allowPm   who may send private messages: anyone, participants, moderators or none
 * @param maxUsers  most occupants, 0 for no limit
 * @param password  the password, or null when the room is not password-protected
 */
public record RoomConfig(String name, String description, boolean persistent, boolean publicRoom,
                         boolean membersOnly, boolean moderated, String password, int maxUsers, String whois,
                         boolean changeSubject, boolean allowInvites, String allowPm, boolean logging) {
    static final Set<String> WHOIS = Set.of("moderators", "anyone");
    static final Set<String> ALLOW_PM = Set.of("anyone", "participants", "moderators", "none");

    public RoomConfig {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        password = password == null || password.isEmpty() ? null : password;
        if (!WHOIS.contains(whois)) {
            throw new IllegalArgumentException("whois must be one of " + WHOIS + ", got " + whois);
        }
        if (!ALLOW_PM.contains(allowPm)) {
            throw new IllegalArgumentException("allowpm must be one of " + ALLOW_PM + ", got " + allowPm);
        }
        if (maxUsers < 0) {
            throw new IllegalArgumentException("maxusers must not be negative");
        }
    }

    /** What a new room starts with: temporary, public, open, unmoderated, semi-anonymous. */
    static RoomConfig defaults(int maxUsers) {
        return new RoomConfig("", "", false, true, false, false, null, maxUsers, "moderators",
                false, false, "anyone", false);
    }

    boolean passwordProtected() {
        return password != null;
    }

    boolean nonAnonymous() {
        return "anyone".equals(whois);
    }

    /** The configuration as text, one key=value a line. */
    public String encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("persistent", Boolean.toString(persistent));
        m.put("public", Boolean.toString(publicRoom));
        m.put("membersonly", Boolean.toString(membersOnly));
        m.put("moderated", Boolean.toString(moderated));
        m.put("password", password == null ? "" : password);
        m.put("maxusers", Integer.toString(maxUsers));
        m.put("whois", whois);
        m.put("changesubject", Boolean.toString(changeSubject));
        m.put("allowinvites", Boolean.toString(allowInvites));
        m.put("allowpm", allowPm);
        m.put("logging", Boolean.toString(logging));
        StringBuilder out = new StringBuilder();
        m.forEach((k, v) -> out.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('\n'));
        return out.toString();
    }

    /** Reads {@link #encode()}'s text; keys it does not have take the defaults. */
    public static RoomConfig decode(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), URLDecoder.decode(line.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        RoomConfig d = defaults(0);
        return new RoomConfig(m.getOrDefault("name", d.name), m.getOrDefault("description", d.description),
                bool(m, "persistent", d.persistent), bool(m, "public", d.publicRoom),
                bool(m, "membersonly", d.membersOnly), bool(m, "moderated", d.moderated),
                m.getOrDefault("password", ""), Integer.parseInt(m.getOrDefault("maxusers", "0")),
                m.getOrDefault("whois", d.whois), bool(m, "changesubject", d.changeSubject),
                bool(m, "allowinvites", d.allowInvites), m.getOrDefault("allowpm", d.allowPm),
                bool(m, "logging", d.logging));
    }

    private static boolean bool(Map<String, String> m, String key, boolean otherwise) {
        String v = m.get(key);
        return v == null ? otherwise : Boolean.parseBoolean(v);
    }
}
