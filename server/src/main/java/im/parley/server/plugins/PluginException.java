package im.parley.server.plugins;

/** Why a plugin jar cannot be used: malformed, incomplete, incompatible. */
final class PluginException extends Exception {
    private static final long serialVersionUID = 1L;

    PluginException(String message) {
        super(message, null, false, false);
    }
}
