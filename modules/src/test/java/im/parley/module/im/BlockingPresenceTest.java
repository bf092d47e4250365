package im.parley.module.im;

import static im.parley.module.im.ImServer.isAvailableFrom;
import static im.parley.module.im.ImServer.isUnavailableFrom;

import im.parley.module.blocking.BlockingModule;
import im.parley.module.disco.DiscoModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/** Blocking a contact takes the user's presence back; unblocking gives it again (XEP-0191 §3.3, §3.4). */
class BlockingPresenceTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new RosterModule(), new PresenceModule(),
            new BlockingModule()).build();

    @Test
    void aBlockedContactSeesTheUserLeaveAndReturnOnUnblock() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        List<Jid> romeoAddress = List.of(romeo.connection().getUser().asBareJid());
        BlockingCommandManager.getInstanceFor(juliet.connection()).blockContacts(romeoAddress);
        romeo.receives(Presence.class, p -> isUnavailableFrom(p, juliet));
        juliet.presence(7);
        romeo.receivesNothing(Presence.class, p -> isAvailableFrom(p, juliet), Duration.ofMillis(500));
        BlockingCommandManager.getInstanceFor(juliet.connection()).unblockContacts(romeoAddress);
        romeo.receives(Presence.class, p -> isAvailableFrom(p, juliet) && p.getPriority() == 7);
    }
}
