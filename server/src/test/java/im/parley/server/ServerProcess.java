package im.parley.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * A Parley server in a process of its own, started as an admin would (the launcher with a config
 * file), so that tests can kill it with SIGKILL. Its output goes to a log file next to the config.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code parley start --config <config>} on this JVM's class path. */
    static ServerProcess start(Path config) throws IOException {
        Path log = config.resolveSibling(config.getFileName() + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "start", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServerProcess(process, log);
    }

    /** Whether the client port takes connections; fails if the process has exited. */
    boolean accepts(int port) {
        if (!process.isAlive()) {
            throw new AssertionError("the server process exited: " + tail());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGSTOP: the process stays, holding its sockets, and does nothing more, as a node stuck in a
     * long pause or on a machine that went away: the others notice only by its missing heartbeats.
     */
    void freeze() throws java.io.IOException, InterruptedException {
        Process signal = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start();
        if (signal.waitFor() != 0) {
            throw new AssertionError("could not stop process " + process.pid());
        }
    }

    /** SIGTERM: the orderly shutdown of a rolling restart. */
    void stop() {
        process.destroy();
    }

    void awaitExit() throws InterruptedException {
        process.waitFor();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** Such a server makes its own self-signed certificate; tests trust it. */
    static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
