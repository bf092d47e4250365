package im.parley.module.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.Random;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The endpoint over TLS with the server's certificate, the expire-oldest quota policy, and expiry. */
class UploadOverTlsTest {
    private static final UploadModule UPLOAD = new UploadModule();

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), UPLOAD)
            .yaml("upload:\n  user_quota: 100KiB\n  quota_policy: expire_oldest\n  expiry: 2s\n")
            .build();

    private static byte[] random(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Slot upload(TestClient client, String name, byte[] data) {
        Slot slot = Uploads.slot(client, name, data.length, "application/octet-stream");
        assertEquals(201, Uploads.put(Uploads.uri(slot.getPutUrl()), data, "application/octet-stream").statusCode());
        return slot;
    }

    @Test
    void uploadAndDownloadOverHttpsWithTheServersCertificate() {
        TestClient alice = server.newUser();
        byte[] data = random(70_000, 1);
        Slot slot = upload(alice, "photo.bin", data);
        assertTrue(slot.getPutUrl().toString().startsWith("https://localhost:" + server.server().httpPort() + "/upload/"));
        assertArrayEquals(data, Uploads.get(Uploads.uri(slot.getGetUrl())).body());
    }

    @Test
    void atTheQuotaTheOldestFilesMakeRoom() {
        TestClient bob = server.newUser();
        Slot first = upload(bob, "1.bin", random(40_000, 2));
        Slot second = upload(bob, "2.bin", random(40_000, 3));
        Slot third = upload(bob, "3.bin", random(40_000, 4));
        assertEquals(404, Uploads.get(Uploads.uri(first.getGetUrl())).statusCode(), "the oldest made room");
        assertEquals(200, Uploads.get(Uploads.uri(second.getGetUrl())).statusCode());
        assertEquals(200, Uploads.get(Uploads.uri(third.getGetUrl())).statusCode());
    }

    @Test
    void expiredFilesAreDeletedByTheSweep() {
        TestClient carol = server.newUser();
        Slot slot = upload(carol, "old.bin", random(1_000, 5));
        assertEquals(200, Uploads.get(Uploads.uri(slot.getGetUrl())).statusCode());
        Await.until("the file expires", Duration.ofSeconds(10), () -> {
            UPLOAD.sweepNow();
            return Uploads.get(Uploads.uri(slot.getGetUrl())).statusCode() == 404;
        });
    }
}
