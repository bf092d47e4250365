package im.parley.s2s;

import java.util.List;

/** Finds where a remote domain's server listens, best first (RFC 6120 §3.2, XEP-0368). */
interface HostResolver {

    /** One place to try. */
    record Target(String host, int port, boolean directTls) {
        @Override
        public String toString() {
            return (directTls ? "tls://" : "") + host + ":" + port;
        }
    }

    /** The places to try in order; empty when the domain declares it has no XMPP service. */
    List<Target> resolve(String domain);
}
