package im.parley.module.roster;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;

/** The {@code roster} section. */
@Doc("Contact lists (RFC 6121 §2) and presence subscriptions (RFC 6121 §3).")
public record RosterConfig(
        @Doc("Contacts one account may have in its roster.")
        @Default("1000") @Min("1") @Max("100000") int maxItems,
        @Doc("Longest contact name, in characters.")
        @Default("500") @Min("1") int maxNameLength,
        @Doc("Longest group name, in characters.")
        @Default("200") @Min("1") int maxGroupLength,
        @Doc("Groups one contact may be in.")
        @Default("50") @Min("1") int maxGroups) {
}
