package im.parley.server.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds real plugin jars in tests from classes on the test class path. */
final class PluginJars {
    private PluginJars() {
    }

    /** A jar with the plugin attributes (an attribute given as null is left out) and the listed module classes. */
    static Path jar(Path dir, String file, String name, String minVersion, String services, Class<?>... classes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (name != null) {
            main.putValue(PluginManifest.NAME, name);
        }
        main.putValue(PluginManifest.VERSION, "1.2.3");
        if (minVersion != null) {
            main.putValue(PluginManifest.MIN_SERVER_VERSION, minVersion);
        }
        Path jar = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.putNextEntry(new JarEntry("META-INF/services/im.parley.api.Module"));
            zip.write(services.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                zip.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** A file named like a jar that is not a zip at all. */
    static Path corrupt(Path dir, String file) throws IOException {
        return Files.write(dir.resolve(file), "PK\u0003\u0004 this is not really a zip".getBytes(StandardCharsets.ISO_8859_1));
    }
}
