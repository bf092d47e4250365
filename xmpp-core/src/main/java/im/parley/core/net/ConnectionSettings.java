package im.parley.core.net;

import im.parley.core.tls.TlsContext;
import java.time.Duration;

/** What the transport needs to know about a listener's connections. */
public record ConnectionSettings(TlsContext tls, String defaultDomain, Duration idleTimeout, long maxSendQueue,
                                 int maxPendingStanzas, int maxStanzaBytes, int maxXmlDepth) {
}
