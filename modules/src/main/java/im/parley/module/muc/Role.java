package im.parley.module.muc;

import java.util.Locale;

/** An occupant's standing while in the room (XEP-0045 §5.1). */
enum Role {
    MODERATOR, PARTICIPANT, VISITOR, NONE;

    String xml() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String value) {
        for (Role r : values()) {
            if (r.xml().equals(value)) {
                return r;
            }
        }
        return null;
    }

    /** §5.1.1: visitors may not speak in moderated rooms. */
    boolean hasVoice() {
        return this == MODERATOR || this == PARTICIPANT;
    }
}
