package im.parley.module.pubsub;

import java.util.Locale;

/** The affiliations of XEP-0060 §4.1, with what each may do. */
public enum Affiliation {
    OWNER, PUBLISHER, PUBLISH_ONLY, MEMBER, NONE, OUTCAST;

    /** The XML value, e.g. "publish-only". */
    public String xml() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The affiliation of an XML value, or null for an unknown one. */
    public static Affiliation of(String xml) {
        for (Affiliation a : values()) {
            if (a.xml().equals(xml)) {
                return a;
            }
        }
        return null;
    }

    /** XEP-0060 §4.1 table 4: who may publish to a node with publish_model publishers. */
    public boolean mayPublish() {
        return this == OWNER || this == PUBLISHER || this == PUBLISH_ONLY;
    }

    /** Whether the affiliation lets the entity through a whitelist (XEP-0060 §4.5). */
    public boolean whitelisted() {
        return this == OWNER || this == PUBLISHER || this == MEMBER;
    }
}
