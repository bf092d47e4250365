package im.parley.module.presence;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;

/** The {@code presence} section. */
@Doc("Presence (RFC 6121 §4): broadcasts to contacts, probes, directed presence; limits against presence floods.")
public record PresenceConfig(
        @Doc("Presence stanzas (broadcast or directed) one session may send per minute on average; "
                + "beyond it they are refused with policy-violation and not passed on.")
        @Default("120") @Min("1") int maxPerMinute,
        @Doc("How many may come in a burst before the average applies.")
        @Default("30") @Min("1") int burst) {
}
