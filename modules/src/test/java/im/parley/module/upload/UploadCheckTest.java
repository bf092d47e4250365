package im.parley.module.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.upload.UploadCheck;
import im.parley.module.disco.DiscoModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upload service asks the checks other modules contribute (e.g. an abuse-scan plugin) before keeping a file. */
class UploadCheckTest {
    /** A module that refuses files containing a word, as a plugin would. */
    static final class WordCheckModule implements Module {
        @Override
        public String name() {
            return "wordcheck";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.contribute(UploadCheck.class, (owner, type, bytes) -> {
                try {
                    return Files.readString(bytes, StandardCharsets.ISO_8859_1).contains("forbidden")
                            ? Optional.of("the file says forbidden things") : Optional.empty();
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            });
        }
    }

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new UploadModule(), new WordCheckModule())
            .yaml("http:\n  address: 127.0.0.1\n  port: 0\n  tls: false\n")
            .build();

    @Test
    void aContributedCheckRefusesTheUploadWithItsReasonAndPassesOthers() {
        TestClient alice = server.newUser();
        byte[] bad = "some forbidden text".getBytes(StandardCharsets.ISO_8859_1);
        Slot refusedSlot = Uploads.slot(alice, "a.txt", bad.length, "text/plain");
        HttpResponse<String> refused = Uploads.put(Uploads.uri(refusedSlot.getPutUrl()), bad, "text/plain");
        assertEquals(415, refused.statusCode());
        assertTrue(refused.body().contains("the file says forbidden things"), refused.body());
        assertEquals(404, Uploads.get(Uploads.uri(refusedSlot.getGetUrl())).statusCode(), "the file was not kept");

        byte[] good = "some harmless text".getBytes(StandardCharsets.ISO_8859_1);
        Slot slot = Uploads.slot(alice, "b.txt", good.length, "text/plain");
        assertEquals(201, Uploads.put(Uploads.uri(slot.getPutUrl()), good, "text/plain").statusCode());
    }
}
