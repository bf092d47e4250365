package im.parley.server.plugins;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;

/** The {@code plugins} section. */
@Doc("Plugin jars: optional modules installed by dropping a jar into a directory. Each plugin module is then "
        + "enabled and configured in its own section, named after the module (see docs/plugins.md).")
public record PluginsConfig(
        @Doc("Directory of plugin jars. Empty: the plugins directory beside the server's jar (server/target/plugins "
                + "in a built checkout, plugins/ in an unpacked distribution).")
        @Default("") String directory) {
}
