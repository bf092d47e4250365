package im.parley.core.net;

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
 * Bytes in, {@link StreamEvent}s out. Runs on the I/O thread. STARTTLS is completed here, before
 * the next bytes are read, so the TLS handshake can never reach the XML parser.
 */
final class XmppCodecFilter extends IoFilterAdapter {
    private static final AttributeKey DECODER = new AttributeKey(XmppCodecFilter.class, "decoder");
    private static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";

    private final int maxStanzaBytes;
    private final int maxDepth;

    XmppCodecFilter(int maxStanzaBytes, int maxDepth) {
        this.maxStanzaBytes = maxStanzaBytes;
        this.maxDepth = maxDepth;
    }

    private XmlStreamDecoder decoder(IoSession session) {
        XmlStreamDecoder decoder = (XmlStreamDecoder) session.getAttribute(DECODER);
        if (decoder == null) {
            decoder = new XmlStreamDecoder(maxStanzaBytes, maxDepth);
            XmlStreamDecoder existing = (XmlStreamDecoder) session.setAttributeIfAbsent(DECODER, decoder);
            if (existing != null) {
                decoder = existing;
            }
        }
        return decoder;
    }

    /** Starts a fresh parser for the session's next stream (after SASL success). */
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
        MinaConnection connection = MinaConnection.of(session);
        XmlStreamDecoder decoder = decoder(session);
        List<StreamEvent> events = new ArrayList<>(2);
        synchronized (decoder) {
            decoder.decode(bytes, 0, bytes.length, event -> {
                events.add(event);
                if (isStartTls(event) && connection.startTlsOffered()) {
                    decoder.halt();
                }
            });
            if (!events.isEmpty() && isStartTls(events.get(events.size() - 1)) && connection.startTlsOffered()) {
                events.set(events.size() - 1, new StreamEvent.TlsStarted());
                connection.startTls();
                decoder.restart();
            }
        }
        StreamListener listener = (StreamListener) session.getAttribute(C2sHandler.LISTENER);
        for (StreamEvent event : events) {
            if (listener != null && listener.takeAhead(event)) {
                continue;
            }
            connection.eventQueued();
            next.messageReceived(session, event);
        }
    }

    private static boolean isStartTls(StreamEvent event) {
        if (event instanceof StreamEvent.Child child) {
            Element e = child.element();
            return "starttls".equals(e.getName()) && TLS_NS.equals(e.getNamespaceURI());
        }
        return false;
    }
}
