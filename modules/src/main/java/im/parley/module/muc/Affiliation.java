package im.parley.module.muc;

import java.util.Locale;

/** A user's long-lived standing in a room (XEP-0045 §5.2), highest first. */
public enum Affiliation {
    OWNER, ADMIN, MEMBER, NONE, OUTCAST;

    /** The attribute value, e.g. "owner". */
    public String xml() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an attribute value; null when it is not one of the five. */
    public static Affiliation parse(String value) {
        for (Affiliation a : values()) {
            if (a.xml().equals(value)) {
                return a;
            }
        }
        return null;
    }

    /** Whether this affiliation ranks above another (owner > admin > member > none > outcast). */
    boolean above(Affiliation other) {
        return ordinal() < other.ordinal();
    }

    boolean atLeast(Affiliation other) {
        return ordinal() <= other.ordinal();
    }
}
