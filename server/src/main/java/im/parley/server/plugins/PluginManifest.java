package im.parley.server.plugins;

import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * What a plugin jar's manifest must say: its name, its version and the oldest server version it
 * runs on ({@code Parley-Plugin-Name}, {@code Parley-Plugin-Version}, {@code Parley-Min-Server-Version}).
 */
record PluginManifest(String name, String version, String minServerVersion) {
    static final String NAME = "Parley-Plugin-Name";
    static final String VERSION = "Parley-Plugin-Version";
    static final String MIN_SERVER_VERSION = "Parley-Min-Server-Version";

    /** Reads the attributes; throws with the missing attribute's name. */
    static PluginManifest of(Manifest manifest) throws PluginException {
        if (manifest == null) {
            throw new PluginException("the jar has no META-INF/MANIFEST.MF");
        }
        Attributes main = manifest.getMainAttributes();
        return new PluginManifest(required(main, NAME), required(main, VERSION), required(main, MIN_SERVER_VERSION));
    }

    private static String required(Attributes attributes, String key) throws PluginException {
        String value = attributes.getValue(key);
        if (value == null || value.isBlank()) {
            throw new PluginException("the manifest lacks the attribute " + key);
        }
        return value.strip();
    }

    /**
     * Whether this plugin runs on a server version. Versions compare by their numeric dot-separated
     * parts ("0.1.0-SNAPSHOT" is 0.1.0); a server without a version (a development build) runs any plugin.
     */
    boolean runsOn(String serverVersion) {
        if (serverVersion == null || !Character.isDigit(serverVersion.charAt(0))) {
            return true;
        }
        return compare(minServerVersion, serverVersion) <= 0;
    }

    static int compare(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int[] numbers(String version) {
        String[] parts = version.split("[-+]", 2)[0].split("\\.");
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String digits = parts[i].replaceAll("\\D.*", "");
            numbers[i] = digits.isEmpty() ? 0 : Integer.parseInt(digits);
        }
        return numbers;
    }
}
