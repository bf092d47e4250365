package im.parley.module.muc;

import im.parley.module.disco.DiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.UUID;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** The group chat module on a test server, and the steps the group chat tests share. */
final class MucServer {
    static final String SERVICE = "conference.localhost";

    private MucServer() {
    }

    static ParleyServer.Builder builder(im.parley.api.Module... more) {
        java.util.List<im.parley.api.Module> modules = new java.util.ArrayList<>(java.util.List.of(
                new DiscoModule(), new PingModule(), new RosterModule(), new PresenceModule(), new MucModule()));
        modules.addAll(java.util.List.of(more));
        return ParleyServer.with(modules.toArray(im.parley.api.Module[]::new));
    }

    /** A fresh room address. */
    static EntityBareJid newRoom() {
        return JidCreate.entityBareFromOrThrowUnchecked("room-" + UUID.randomUUID().toString().substring(0, 8) + "@" + SERVICE);
    }

    static MultiUserChat muc(TestClient client, EntityBareJid room) {
        return MultiUserChatManager.getInstanceFor(client.connection()).getMultiUserChat(room);
    }

    static Resourcepart nick(String nick) {
        return Resourcepart.fromOrThrowUnchecked(nick);
    }

    /** Creates an instant room owned by the client, joined under the nick. */
    static MultiUserChat instantRoom(TestClient owner, EntityBareJid room, String nick) {
        try {
            MultiUserChat muc = muc(owner, room);
            muc.create(nick(nick)).makeInstant();
            return muc;
        } catch (Exception e) {
            throw new IllegalStateException("creating " + room + " failed: " + e, e);
        }
    }

    /** Joins a room with Smack's own join (which waits for the self-presence). */
    static MultiUserChat join(TestClient client, EntityBareJid room, String nick) {
        try {
            MultiUserChat muc = muc(client, room);
            muc.join(nick(nick));
            return muc;
        } catch (Exception e) {
            throw new IllegalStateException(client.account() + " joining " + room + " failed: " + e, e);
        }
    }
}
