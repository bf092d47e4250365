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

    /** The IM modules, and more for a test that needs them. */
    static ParleyServer.Builder builder(im.parley.api.Module... more) {
        java.util.List<im.parley.api.Module> modules = new java.util.ArrayList<>(java.util.List.of(
                new DiscoModule(), new PingModule(), new RosterModule(), new PresenceModule(), new OfflineModule()));
        modules.addAll(java.util.List.of(more));
        return ParleyServer.with(modules.toArray(im.parley.api.Module[]::new));
    }



    static boolean isAvailableFrom(Presence p, TestClient who) {
        return p.getType() == Presence.Type.available && p.getFrom().equals(who.jid());
    }

    static boolean isUnavailableFrom(Presence p, TestClient who) {
        return p.getType() == Presence.Type.unavailable && p.getFrom().equals(who.jid());
    }
}
