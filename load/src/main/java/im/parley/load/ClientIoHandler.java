package im.parley.load;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;

/** Passes MINA's session events to the {@link XmppClient} attached to each session, on the I/O thread. */
final class ClientIoHandler extends IoHandlerAdapter {
    static final AttributeKey CLIENT = new AttributeKey(XmppClient.class, "client");

    private static XmppClient client(IoSession session) {
        return (XmppClient) session.getAttribute(CLIENT);
    }

    @Override
    public void sessionOpened(IoSession session) {
        client(session).opened(session);
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        if (message instanceof IoBuffer buffer) {
            client(session).received(buffer);
        }
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        if (event == SslEvent.SECURED) {
            client(session).secured();
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        client(session).closed();
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        client(session).fail("io: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage()));
    }
}
