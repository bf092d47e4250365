package im.parley.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dom4j.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code muc} scenario: N sessions enter one group chat room (XEP-0045), timed until every one
 * has the room's subject (the last thing a room sends on entering); then one occupant sends
 * messages and the tool counts their deliveries to every occupant: deliveries per second of the
 * room's fan-out.
 */
@Command(name = "muc", mixinStandardHelpOptions = true,
        description = "N sessions enter one room (time to join), then one sends messages: fan-out deliveries/s.")
final class MucCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--sessions"}, defaultValue = "100", description = "Occupants (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--room", defaultValue = "load-room", description = "Room name (default: ${DEFAULT-VALUE}).")
    String room;

    @Option(names = "--service", defaultValue = "conference", description = "Service label (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--messages", defaultValue = "100", description = "Messages the sender sends (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--window", defaultValue = "5",
            description = "Messages in flight: the next goes when the sender sees its own reflected (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--timeout", defaultValue = "300s", converter = DurationConverter.class,
            description = "Longest wait for each phase (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        LoadTarget target = common.target();
        String roomJid = room + "@" + service + "." + target.domain();
        try (ClientConnector connector = common.connector(target)) {
            ConnectResult logins = common.login(connector, target, sessions, out);
            List<XmppClient> clients = logins.online();
            if (clients.isEmpty()) {
                return 1;
            }
            CountDownLatch joined = new CountDownLatch(clients.size());
            CountDownLatch creatorJoined = new CountDownLatch(1);
            AtomicLong deliveries = new AtomicLong();
            AtomicLong lastDelivery = new AtomicLong();
            XmppClient sender = clients.get(0);
            int[] sent = {0};
            long expected = (long) messages * clients.size();
            CountDownLatch allDelivered = new CountDownLatch(1);
            CountDownLatch reflected = new CountDownLatch(messages);
            ClientEvents events = new ClientEvents() {
                @Override
                public void message(XmppClient client, Element m) {
                    if (m.element("subject") != null && m.element("body") == null) {
                        joined.countDown();
                        if (client == sender) {
                            creatorJoined.countDown(); // the room exists once its creator has the subject
                        }
                        return;
                    }
                    String body = m.elementText("body");
                    if (body == null || !body.startsWith("fan-out ")) {
                        return;
                    }
                    lastDelivery.set(System.nanoTime());
                    if (deliveries.incrementAndGet() == expected) {
                        allDelivered.countDown();
                    }
                    if (client == sender) {
                        reflected.countDown();
                        sendNext(sender, roomJid, sent);
                    }
                }
            };
            clients.forEach(c -> c.listen(events));
            // The first occupant creates an instant room (no MUC <x/>, XEP-0045 §10.1.1); then all enter.
            long joinStart = System.nanoTime();
            sender.sendStanza("<presence to='" + roomJid + "/n" + sender.index() + "'/>");
            if (!creatorJoined.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                out.printf("muc join: the creator did not enter %s within %s%n", roomJid, timeout);
                return 1;
            }
            for (XmppClient c : clients.subList(1, clients.size())) {
                c.sendStanza("<presence to='" + roomJid + "/n" + c.index() + "'><x xmlns='http://jabber.org/protocol/muc'>"
                        + "<history maxstanzas='0'/></x></presence>");
            }
            boolean allJoined = joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
            out.printf("muc join: %d of %d occupants in %s in %.2f s (%.0f joins/s)%n", clients.size() - joined.getCount(),
                    clients.size(), roomJid, joinSeconds, (clients.size() - joined.getCount()) / joinSeconds);
            if (!allJoined) {
                return 1;
            }
            long start = System.nanoTime();
            for (int i = 0; i < window; i++) {
                sendNext(sender, roomJid, sent);
            }
            allDelivered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            double seconds = (lastDelivery.get() - start) / 1e9;
            out.printf("muc fan-out: %d messages to %d occupants: %d of %d deliveries in %.2f s = %.0f deliveries/s%n",
                    messages, clients.size(), deliveries.get(), expected, seconds, deliveries.get() / seconds);
            out.printf("{\"scenario\":\"muc\",\"occupants\":%d,\"join_seconds\":%.3f,\"messages\":%d,\"deliveries\":%d,"
                    + "\"fanout_seconds\":%.3f,\"deliveries_per_second\":%.0f}%n", clients.size(), joinSeconds, messages,
                    deliveries.get(), seconds, deliveries.get() / seconds);
            clients.forEach(XmppClient::close);
            connector.awaitClosed(Duration.ofSeconds(5));
            return deliveries.get() == expected ? 0 : 1;
        }
    }

    private void sendNext(XmppClient sender, String roomJid, int[] sent) {
        int n;
        synchronized (sent) {
            if (sent[0] >= messages) {
                return;
            }
            n = sent[0]++;
        }
        sender.sendStanza("<message type='groupchat' to='" + roomJid + "'><body>fan-out " + n + "</body></message>");
    }
}
