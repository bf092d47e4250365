package im.parley.module.im;

import im.parley.module.disco.DiscoModule;
import im.parley.module.offline.OfflineModule;
import im.parley.module.ping.PingModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;

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



    static boolean isAvailableFrom(Presence p, TestClient who) {
        return p.getType() == Presence.Type.available && p.getFrom().equals(who.jid());
    }

    static boolean isUnavailableFrom(Presence p, TestClient who) {
        return p.getType() == Presence.Type.unavailable && p.getFrom().equals(who.jid());
    }
}
