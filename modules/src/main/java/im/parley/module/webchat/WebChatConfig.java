package im.parley.module.webchat;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;

/** The {@code webchat} section. */
@Doc("A chat page in the browser at /chat on the HTTP endpoint: the open-source Converse.js client (fetched at build time), set up for this server's WebSocket endpoint and domain. Turn it off with enabled: false.")
public record WebChatConfig(
        @Doc("The page's title.")
        @Default("Parley chat") String title,
        @Doc("How the client lays itself out: fullscreen, overlayed (chat boxes over another page) or embedded.")
        @Default("fullscreen") String viewMode,
        @Doc("Whether the page offers in-band registration of new accounts (the register module must allow it too).")
        @Default("false") boolean allowRegistration) {
}
