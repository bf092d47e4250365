package im.parley.s2s;

import im.parley.core.xml.StreamEvent;
import im.parley.core.xml.XmlStreamDecoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.dom4j.Element;

/**
 * Bytes in, {@link StreamEvent}s out, on the I/O thread. A STARTTLS request (incoming streams) or
 * the peer's go-ahead (outgoing streams) switches the connection to TLS right here, before the
 * next bytes are read, so the handshake never reaches the XML parser.
 */
final class S2sCodecFilter extends IoFilterAdapter {
    private static final AttributeKey DECODER = new AttributeKey(S2sCodecFilter.class, "decoder");
    private static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";

    private final int maxStanzaBytes;
    private final int maxDepth;

    S2sCodecFilter(int maxStanzaBytes, int maxDepth) {
        this.maxStanzaBytes = maxStanzaBytes;
        this.maxDepth = maxDepth;
    }

    /** Starts a fresh parser for the connection's next stream (after TLS or SASL). */
    static void restart(IoSession session) {
        XmlStreamDecoder decoder = (XmlStreamDecoder) session.getAttribute(DECODER);
        if (decoder != null) {
            synchronized (decoder) {
                decoder.restart();
            }
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) {
        if (!(message instanceof IoBuffer buffer)) {
            next.messageReceived(session, message);
            return;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        XmlStreamDecoder decoder = (XmlStreamDecoder) session.getAttribute(DECODER);
        if (decoder == null) {
            decoder = new XmlStreamDecoder(maxStanzaBytes, maxDepth);
            session.setAttribute(DECODER, decoder);
        }
        S2sLink link = S2sLink.of(session);
        List<StreamEvent> events = new ArrayList<>(2);
        synchronized (decoder) {
            XmlStreamDecoder d = decoder;
            decoder.decode(bytes, 0, bytes.length, event -> {
                events.add(event);
                if (switchesToTls(event, link)) {
                    d.halt();
                }
            });
            if (!events.isEmpty() && switchesToTls(events.get(events.size() - 1), link)) {
                events.set(events.size() - 1, new StreamEvent.TlsStarted());
                link.startTls();
                decoder.restart();
            }
        }
        for (StreamEvent event : events) {
            next.messageReceived(session, event);
        }
    }

    /** An incoming stream's accepted STARTTLS request, or an outgoing stream's go-ahead (RFC 6120 §5.4.2). */
    private static boolean switchesToTls(StreamEvent event, S2sLink link) {
        if (link == null || !link.tlsExpected() || !(event instanceof StreamEvent.Child child)) {
            return false;
        }
        Element e = child.element();
        return TLS_NS.equals(e.getNamespaceURI()) && (link.outgoing() ? "proceed" : "starttls").equals(e.getName());
    }
}
