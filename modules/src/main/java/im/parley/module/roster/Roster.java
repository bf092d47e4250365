package im.parley.module.roster;

import java.util.List;

/** An account's roster: its items and the version they have (XEP-0237). */
public record Roster(long version, List<RosterItem> items) {
    public Roster {
        items = List.copyOf(items);
    }
}
