package im.parley.server.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin jar. It sees the JDK, the jar itself and, from the server, only
 * the module API ({@code im.parley.api}) and the libraries the API exposes (Tinder, dom4j, SLF4J,
 * Prometheus metrics, the servlet API): never the core's or other modules' classes, nor another
 * plugin's. Resources come from the jar only, so the server's own service files stay unseen.
 */
final class PluginClassLoader extends URLClassLoader {
    /** Package prefixes loaded from the server, so plugin and server share one API. */
    static final List<String> SHARED = List.of("im.parley.api.", "org.xmpp.", "org.dom4j.", "org.slf4j.",
            "io.prometheus.metrics.", "jakarta.servlet.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader server;

    PluginClassLoader(String name, URL jar, ClassLoader server) {
        super(name, new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        this.server = server;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return server.loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : ClassLoader.getPlatformClassLoader().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return findResources(name);
    }
}
