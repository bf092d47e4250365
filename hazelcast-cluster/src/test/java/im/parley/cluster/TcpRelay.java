package im.parley.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP relay on loopback that a test cuts and mends, to part cluster nodes the way a network
 * split does: a node that gives its relay's port as its public address is reached only through
 * it, so cutting the relays of two nodes cuts every connection between them.
 */
final class TcpRelay implements AutoCloseable {
    private final int port;
    private final int target;
    /** The open sockets, and whether the relay is open; guarded by this. */
    private final Set<Socket> sockets = new HashSet<>();
    private ServerSocket server;

    /** Relays {@code port} to {@code target}, at once. */
    TcpRelay(int port, int target) {
        this.port = port;
        this.target = target;
        mend();
    }

    /** Accepts and relays connections again. */
    synchronized void mend() {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = listening;
            daemon("relay-" + port, () -> accept(listening));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops every connection and refuses new ones. */
    synchronized void cut() {
        closeQuietly(server);
        server = null;
        sockets.forEach(TcpRelay::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket in = listening.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                if (keep(listening, in, out)) {
                    daemon("relay-" + port + "-in", () -> pump(in, out));
                    daemon("relay-" + port + "-out", () -> pump(out, in));
                }
            } catch (IOException e) {
                // Cut, or the target is down: the connecting side sees the connection close.
            }
        }
    }

    /** Keeps the sockets of a new connection unless the relay was cut meanwhile. */
    private synchronized boolean keep(ServerSocket listening, Socket in, Socket out) {
        if (server != listening) {
            closeQuietly(in);
            closeQuietly(out);
            return false;
        }
        sockets.add(in);
        sockets.add(out);
        return true;
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side closed or was cut.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is all that is wanted.
        }
    }
}
