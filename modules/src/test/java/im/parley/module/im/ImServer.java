package im.parley.module.im;

import im.parley.module.disco.DiscoModule;
import im.parley.module.offline.OfflineModule;
import im.parley.module.ping.PingModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.xmpp.packet.JID;

/** The IM modules on a test server, and the small conversation steps the IM tests share. */
final class ImServer {
    static {
        // Tests answer subscription requests themselves; Smack must not do it for them.
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
    }

    private ImServer() {
    }

    static ParleyServer.Builder builder() {
        return ParleyServer.with(new DiscoModule(), new PingModule(), new RosterModule(), new PresenceModule(), new OfflineModule());
    }

    static void subscription(TestClient from, JID to, Presence.Type type) {
        from.send(StanzaBuilder.buildPresence().to(Jids.smack(to.toBareJID())).ofType(type).build());
    }

    /** Makes two users see each other's presence through the full handshake, both ways. */
    static void befriend(TestClient a, TestClient b) {
        subscription(a, b.account().jid(), Presence.Type.subscribe);
        b.receives(Presence.class, p -> p.getType() == Presence.Type.subscribe);
        subscription(b, a.account().jid(), Presence.Type.subscribed);
        a.receives(Presence.class, p -> p.getType() == Presence.Type.subscribed);
        subscription(b, a.account().jid(), Presence.Type.subscribe);
        a.receives(Presence.class, p -> p.getType() == Presence.Type.subscribe);
        subscription(a, b.account().jid(), Presence.Type.subscribed);
        b.receives(Presence.class, p -> p.getType() == Presence.Type.subscribed);
        a.sync();
        b.sync();
    }

    static boolean isAvailableFrom(Presence p, TestClient who) {
        return p.getType() == Presence.Type.available && p.getFrom().equals(who.jid());
    }

    static boolean isUnavailableFrom(Presence p, TestClient who) {
        return p.getType() == Presence.Type.unavailable && p.getFrom().equals(who.jid());
    }
}
