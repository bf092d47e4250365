package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.module.carbons.CarbonsModule;
import im.parley.module.disco.DiscoModule;
import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Message carbons (XEP-0280): a user's devices see the whole conversation. */
class CarbonsTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new im.parley.module.roster.RosterModule(),
            new im.parley.module.presence.PresenceModule(), new im.parley.module.offline.OfflineModule(), new CarbonsModule())
            .build();

    /** What a device's carbon listener heard: direction and the forwarded message's body. */
    private record Copy(CarbonExtension.Direction direction, String body) {
    }

    private static BlockingQueue<Copy> carbonsOn(TestClient device) throws Exception {
        CarbonManager carbons = CarbonManager.getInstanceFor(device.connection());
        BlockingQueue<Copy> copies = new LinkedBlockingQueue<>();
        carbons.addCarbonCopyReceivedListener((direction, copy, wrapper) -> copies.add(new Copy(direction, copy.getBody())));
        carbons.enableCarbons();
        return copies;
    }

    private static Copy next(BlockingQueue<Copy> copies) throws InterruptedException {
        Copy copy = copies.poll(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (copy == null) {
            throw new AssertionError("no carbon copy arrived");
        }
        return copy;
    }

    @Test
    void theServerAdvertisesCarbons() throws Exception {
        TestClient romeo = server.newUser();
        assertEquals(true, CarbonManager.getInstanceFor(romeo.connection()).isSupportedByServer());
    }

    @Test
    void otherDevicesSeeWhatOneSendsAndReceives() throws Exception {
        Account account = server.newAccount();
        TestClient phone = server.login(account, "phone");
        TestClient laptop = server.login(account, "laptop");
        BlockingQueue<Copy> laptopCopies = carbonsOn(laptop);
        TestClient juliet = server.newUser();

        phone.sendChat(juliet.address(), "sent from the phone");
        juliet.receivesMessage(m -> "sent from the phone".equals(m.getBody()));
        assertEquals(new Copy(CarbonExtension.Direction.sent, "sent from the phone"), next(laptopCopies));

        juliet.sendChat(phone.address(), "to the phone");
        phone.receivesMessage(m -> "to the phone".equals(m.getBody()));
        assertEquals(new Copy(CarbonExtension.Direction.received, "to the phone"), next(laptopCopies));
    }

    @Test
    void aDeviceThatGotTheMessageGetsNoCopyAndPrivateMessagesAreNotCopied() throws Exception {
        Account account = server.newAccount();
        TestClient phone = server.login(account, "phone");
        TestClient laptop = server.login(account, "laptop");
        phone.presence(5);
        laptop.presence(1);
        BlockingQueue<Copy> phoneCopies = carbonsOn(phone);
        BlockingQueue<Copy> laptopCopies = carbonsOn(laptop);
        TestClient juliet = server.newUser();

        juliet.sendChat(phone.address().asBareJID(), "to the account");
        phone.receivesMessage(m -> "to the account".equals(m.getBody()));
        assertEquals(new Copy(CarbonExtension.Direction.received, "to the account"), next(laptopCopies));

        // Another of juliet's devices, with carbons on, which must not see it either.
        BlockingQueue<Copy> tabletCopies = carbonsOn(server.login(juliet.account(), "tablet"));
        Message secret = StanzaBuilder.buildMessage().to(Jids.smack(juliet.address())).ofType(Message.Type.chat)
                .setBody("only from here").addExtension(CarbonExtension.Private.INSTANCE).build();
        phone.send(secret);
        Message got = juliet.receivesMessage(m -> "only from here".equals(m.getBody()));
        assertEquals(null, got.getExtension(CarbonExtension.Private.class), "the marker is not passed on");
        juliet.sendChat(phone.address(), "marker");
        phone.receivesMessage(m -> "marker".equals(m.getBody()));
        // The laptop's next copy is the one of "marker": nothing of the private message came first.
        assertEquals(new Copy(CarbonExtension.Direction.received, "marker"), next(laptopCopies));
        assertEquals(null, phoneCopies.poll(300, TimeUnit.MILLISECONDS), "the phone got the originals, no copies");
        // The tablet's first copy is juliet's own "marker": nothing of the private message came before.
        assertEquals(new Copy(CarbonExtension.Direction.sent, "marker"), next(tabletCopies));
    }

    @Test
    void aDeviceWithoutCarbonsGetsNoCopies() throws Exception {
        Account account = server.newAccount();
        TestClient phone = server.login(account, "phone");
        TestClient laptop = server.login(account, "laptop");
        TestClient juliet = server.newUser();
        phone.sendChat(juliet.address(), "not copied");
        juliet.receivesMessage(m -> "not copied".equals(m.getBody()));
        laptop.receivesNothing(Message.class, m -> true, Duration.ofMillis(300));
    }
}
