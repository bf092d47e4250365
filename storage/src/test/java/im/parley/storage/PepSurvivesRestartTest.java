package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.pep.PepModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PEP nodes, their configuration and items published by a client are there after the server restarts on H2. */
class PepSurvivesRestartTest {
    private static final String NS = "http://jabber.org/protocol/pubsub";

    @RegisterExtension
    static final ParleyServer SERVER = ParleyServer.with(new PepModule()).storage(TestDatabases.factory(StorageConfig.h2())).build();

    @Test
    void itemsAndConfigurationAreThereAfterRestart() throws Exception {
        Account romeo = SERVER.newAccount();
        TestClient before = SERVER.login(romeo);
        String options = "<publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
                + "<value>" + NS + "#publish-options</value></field><field var='pubsub#access_model'><value>whitelist</value></field>"
                + "<field var='pubsub#max_items'><value>max</value></field></x></publish-options>";
        for (String id : new String[] {"a", "b"}) {
            IQ published = before.request(new RawIq(IQ.Type.set, null, "pubsub", NS, "<publish node='urn:xmpp:bookmarks:1'>"
                    + "<item id='" + id + "'><conference xmlns='urn:xmpp:bookmarks:1' name='Room " + id + "'/></item></publish>" + options));
            assertEquals(IQ.Type.result, published.getType(), published.toXML().toString());
        }

        SERVER.restart();

        TestClient after = SERVER.login(romeo);
        String items = after.request(new RawIq(IQ.Type.get, null, "pubsub", NS, "<items node='urn:xmpp:bookmarks:1'/>"))
                .toXML().toString().replace('"', '\'');
        assertTrue(items.contains("name='Room a'") && items.contains("name='Room b'"), items);
        assertTrue(items.indexOf("id='a'") < items.indexOf("id='b'"), "oldest first: " + items);
        String config = after.request(new RawIq(IQ.Type.get, null, "pubsub", NS + "#owner", "<configure node='urn:xmpp:bookmarks:1'/>"))
                .toXML().toString();
        assertTrue(config.replace('"', '\'').contains("var='pubsub#access_model' type='list-single'><value>whitelist</value>"), config);
    }
}
