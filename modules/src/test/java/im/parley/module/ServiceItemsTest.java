package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.config.ConfigException;
import im.parley.module.disco.DiscoModule;
import im.parley.module.services.ServicesModule;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.util.Map;
import java.util.stream.Collectors;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0030 §4: disco#items of a served domain lists the services the admin configured. */
class ServiceItemsTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new ServicesModule())
            .yaml("""
                    services:
                      items:
                        - jid: conference.{domain}
                          name: Chatrooms
                        - jid: upload.localhost""").build();

    @Test
    void eachServedDomainListsItsServices() throws Exception {
        TestClient alice = server.newUser();
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());
        assertEquals(Map.of("conference.localhost", "Chatrooms", "upload.localhost", ""),
                names(disco.discoverItems(Jids.smack("localhost"))));
        assertEquals(Map.of("conference.example.test", "Chatrooms", "upload.localhost", ""),
                names(disco.discoverItems(Jids.smack("example.test"))));
    }

    @Test
    void nodesAndAccountsDoNotListTheServices() throws Exception {
        TestClient alice = server.newUser();
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());
        assertTrue(disco.discoverItems(Jids.smack("localhost"), "urn:example:node").getItems().isEmpty());
        assertTrue(disco.discoverItems(Jids.smack(alice.account().jid())).getItems().isEmpty());
    }

    @Test
    void anInvalidJidStopsTheServerNamingTheKey() {
        ParleyServer broken = ParleyServer.with(new DiscoModule(), new ServicesModule())
                .yaml("services:\n  items:\n    - jid: \"bad jid@{domain}\"").build();
        ConfigException e = assertThrows(ConfigException.class, broken::start);
        broken.stop();
        assertTrue(e.getMessage().contains("services.items[0]") && e.getMessage().contains("'jid'"), e.getMessage());
    }

    private static Map<String, String> names(DiscoverItems items) {
        return items.getItems().stream().collect(Collectors.toMap(i -> i.getEntityID().toString(),
                i -> i.getName() == null ? "" : i.getName()));
    }
}
