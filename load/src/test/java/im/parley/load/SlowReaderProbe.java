package im.parley.load;

import java.time.Duration;
import org.apache.mina.core.session.IoSession;

/** Temporary probe: a TLS receiver that stops reading while its partner sends N messages. */
public final class SlowReaderProbe {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        LoadTarget target = LoadTarget.of("127.0.0.1", 5222, "localhost", true);
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectResult r = new ConnectRun(connector, target, 2, 0, Duration.ofSeconds(20)).run(XmppClient.Purpose.LOGIN, 0, 2);
            XmppClient sender = r.online().get(0);
            XmppClient receiver = r.online().get(1);
            java.lang.reflect.Field f = XmppClient.class.getDeclaredField("session");
            f.setAccessible(true);
            ((IoSession) f.get(receiver)).suspendRead();
            Thread.sleep(500);
            String prefix = Stanzas.chatPrefix(receiver.jid());
            for (int i = 0; i < n; i++) {
                sender.send(prefix + "x".repeat(100) + i + Stanzas.BODY_END);
                if (i % 1000 == 0) {
                    Thread.sleep(20);
                }
            }
            System.out.println("SENT " + n);
            Thread.sleep(60_000);
        }
    }
}
