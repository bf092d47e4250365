package im.parley.module.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat page at /chat: what it serves, and two users chatting through it in headless Chromium. */
class WebChatTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .sslContext(im.parley.testing.TestCertificates.clientContext()).build();

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new im.parley.module.disco.DiscoModule(),
            new im.parley.module.ping.PingModule(), new im.parley.module.roster.RosterModule(),
            new im.parley.module.presence.PresenceModule(), new im.parley.module.offline.OfflineModule(),
            new im.parley.module.carbons.CarbonsModule(), new WebChatModule()).build();

    private static String base() {
        return "https://localhost:" + server.server().httpPort();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageStartsTheClientAgainstThisServersWebSocket() throws Exception {
        HttpResponse<String> page = get("/chat");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("converse.initialize(") && page.body().contains("'/xmpp-websocket'")
                && page.body().contains("default_domain: 'localhost'"), page.body());
        HttpResponse<String> script = get("/chat/converse/converse.min.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript", script.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(script.body().length() > 100_000);
    }

    @Test
    void onlyTheClientsFilesAreServed() throws Exception {
        for (String path : List.of("/chat/converse/../../META-INF/MANIFEST.MF", "/chat/converse/%2e%2e/x", "/chat/other",
                "/chat/converse/im/parley/module/webchat/WebChatModule.class", "/chat/converse/no-such-file.js")) {
            int status = get(path).statusCode();
            assertTrue(status == 404 || status == 400, path + " -> " + status);
        }
    }

    @Test
    void twoUsersChatThroughThePageInABrowser() throws Exception {
        Path script = Path.of("..", "web-test", "chat.mjs").toAbsolutePath().normalize();
        Path playwright = script.resolveSibling("node_modules").resolve("playwright-core");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        boolean ready = Files.isDirectory(playwright) && Files.isExecutable(chromium);
        String missing = "needs Chromium and web-test/node_modules (npm install in web-test); .ci/run installs both";
        // .ci/run sets PARLEY_BROWSER_TEST=required: there a missing browser fails the test instead of skipping it.
        assertTrue(ready || !"required".equals(System.getenv("PARLEY_BROWSER_TEST")), missing);
        Assumptions.assumeTrue(ready, missing);
        Account alice = server.newAccount();
        Account bob = server.newAccount();
        // Contacts of each other, as after an accepted subscription: each finds the other in the contact list.
        try (im.parley.testing.TestClient a = server.login(alice); im.parley.testing.TestClient b = server.login(bob)) {
            a.befriend(b);
        }
        Process node = new ProcessBuilder("node", script.toString(), base() + "/chat/", alice.jid().toBareJID(), alice.password(),
                bob.jid().toBareJID(), bob.password()).redirectErrorStream(true).start();
        boolean done = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            node.destroyForcibly();
        }
        assertTrue(done && node.exitValue() == 0, "browser test: " + output);
        assertTrue(output.contains("OK: both browsers show"), output);
    }

}
