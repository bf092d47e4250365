package im.parley.module.inbox;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;

/** The {@code inbox} section. */
@Doc("The inbox (XEP-0430): each user's conversations, newest first, with unread counts. Follows the message archive (mam).")
public record InboxConfig(
        @Doc("Conversations one request returns when it does not say how many.")
        @Default("50") @Min("1") int defaultPageSize,
        @Doc("Most conversations one request may ask for; more is answered with policy-violation.")
        @Default("500") @Min("1") int maxPageSize) {
}
