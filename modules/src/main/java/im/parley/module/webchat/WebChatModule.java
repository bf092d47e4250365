package im.parley.module.webchat;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.config.Configured;
import java.util.Set;

/**
 * Serves a web chat client at {@code /chat}: Converse.js, an open-source XMPP client, pinned and
 * fetched from the npm registry at build time, set up for this server, so that a user can chat
 * from a browser right after install.
 */
@Configured(WebChatConfig.class)
public final class WebChatModule implements Module {
    static final String PATH = "/chat";
    private static final Set<String> VIEW_MODES = Set.of("fullscreen", "overlayed", "embedded");

    @Override
    public String name() {
        return "webchat";
    }

    @Override
    public void start(ModuleContext ctx) {
        WebChatConfig config = ctx.config(WebChatConfig.class);
        if (!VIEW_MODES.contains(config.viewMode())) {
            throw new im.parley.api.config.ConfigException("webchat.view_mode", "one of " + VIEW_MODES + ", got " + config.viewMode());
        }
        if (ctx.http().baseUrl(ctx.server().domains().get(0)).isEmpty()) {
            throw new IllegalStateException("webchat needs the HTTP endpoint: set http.port (or disable webchat)");
        }
        ctx.http().route(PATH, new WebChatServlet(config, ctx.server().domains(), WebChatModule.class.getClassLoader()));
    }
}
