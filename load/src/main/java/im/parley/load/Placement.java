package im.parley.load;

import java.net.InetSocketAddress;

/**
 * Which server each client connects to: all of them to one server, or, with a peer, the second
 * client of each pair ({@code first + 1}, {@code first + 3}, ...) to the peer, so that every
 * message of the {@code messages} scenario goes from one server (cluster node) to the other.
 *
 * @param peer the receivers' server, or null when every client uses {@code server}
 * @param first the index of the first client, the sender of the first pair
 */
public record Placement(InetSocketAddress server, InetSocketAddress peer, int first) {

    /** Every client to the target's server. */
    public static Placement single(LoadTarget target) {
        return new Placement(new InetSocketAddress(target.host(), target.port()), null, 0);
    }

    /** Senders (first of each pair, counting from {@code first}) to the target, receivers to the peer. */
    public static Placement acrossPairs(LoadTarget target, String peerHost, int peerPort, int first) {
        return new Placement(new InetSocketAddress(target.host(), target.port()),
                new InetSocketAddress(peerHost, peerPort), first);
    }

    /** The server the client with this index connects to. */
    public InetSocketAddress serverFor(int index) {
        return peer != null && Math.floorMod(index - first, 2) == 1 ? peer : server;
    }

    /** For the output: where the senders and the receivers are. */
    public String describe() {
        return peer == null ? "all sessions on " + text(server)
                : "senders on " + text(server) + ", receivers on " + text(peer);
    }

    private static String text(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
