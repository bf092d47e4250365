package im.parley.module.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0363 end to end: a Smack client gets a slot, a real HTTP client uploads and downloads; every bad input refused. */
class UploadTest {
    private static final String SECRET = "test-upload-secret";

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new UploadModule())
            .yaml("http:\n  address: 127.0.0.1\n  port: 0\n  tls: false\n"
                    + "upload:\n  max_file_size: 1MiB\n  user_quota: 1500KiB\n  secret: " + SECRET + "\n")
            .build();

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aFileUploadedThroughASlotDownloadsByteIdenticalWithCacheAndCorsHeaders() {
        TestClient alice = server.newUser();
        byte[] data = random(300_000);
        Slot slot = Uploads.slot(alice, "holiday video.mp4", data.length, "application/octet-stream");
        assertTrue(slot.getGetUrl().toString().startsWith(Uploads.base(server, false) + "/upload/"), slot.getGetUrl().toString());
        HttpResponse<String> put = Uploads.put(Uploads.uri(slot.getPutUrl()), data, "application/octet-stream");
        assertEquals(201, put.statusCode(), put.body());

        HttpResponse<byte[]> get = Uploads.get(Uploads.uri(slot.getGetUrl()));
        assertEquals(200, get.statusCode());
        assertArrayEquals(data, get.body());
        assertEquals("application/octet-stream", get.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(String.valueOf(data.length), get.headers().firstValue("Content-Length").orElseThrow());
        assertTrue(get.headers().firstValue("Cache-Control").orElseThrow().contains("max-age=31536000"));
        assertEquals("*", get.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(get.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"));
        assertTrue(slot.getGetUrl().toString().endsWith("/holiday_video.mp4"), "file name cleaned: " + slot.getGetUrl());

        HttpResponse<String> preflight = Uploads.send(HttpRequest.newBuilder(Uploads.uri(slot.getPutUrl()))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://web.example").header("Access-Control-Request-Method", "PUT").build());
        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("PUT"));
    }

    @Test
    void rangesEtagsAndHeadServeWhatACdnAndAPlayerNeed() {
        TestClient alice = server.newUser();
        byte[] data = random(50_000);
        Slot slot = Uploads.slot(alice, "clip.bin", data.length, "application/octet-stream");
        assertEquals(201, Uploads.put(Uploads.uri(slot.getPutUrl()), data, "application/octet-stream").statusCode());
        URI url = Uploads.uri(slot.getGetUrl());

        HttpResponse<byte[]> part = Uploads.get(url, "Range", "bytes=100-199");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/50000", part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 200), part.body());
        HttpResponse<byte[]> tail = Uploads.get(url, "Range", "bytes=-10");
        assertArrayEquals(java.util.Arrays.copyOfRange(data, data.length - 10, data.length), tail.body());
        assertEquals(416, Uploads.get(url, "Range", "bytes=60000-").statusCode());

        String etag = Uploads.get(url).headers().firstValue("ETag").orElseThrow();
        assertEquals(304, Uploads.get(url, "If-None-Match", etag).statusCode());
        HttpResponse<String> head = Uploads.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("50000", head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void anImageGetsAThumbnailAdvertisedInTheSlot() throws Exception {
        TestClient alice = server.newUser();
        byte[] png = Uploads.png(800, 600);
        // Smack drops elements it does not know from the slot: read the server's answer as text.
        try (im.parley.testing.RawClient raw = server.raw()) {
            raw.login(server.newAccount());
            raw.send("<iq type='get' id='t1' to='upload.localhost'><request xmlns='" + UploadModule.NS
                    + "' filename='cat.png' size='" + png.length + "' content-type='image/png'/></iq>");
            String xml = raw.readUntil("</iq>");
            assertTrue(xml.contains("<thumbnail xmlns=\"urn:xmpp:thumbs:1\"") && xml.contains("?thumbnail\" media-type=\"image/png\""), xml);
        }
        Slot slot = Uploads.slot(alice, "cat.png", png.length, "image/png");
        assertEquals(201, Uploads.put(Uploads.uri(slot.getPutUrl()), png, "image/png").statusCode());
        HttpResponse<byte[]> image = Uploads.get(Uploads.uri(slot.getGetUrl()));
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(image.headers().firstValue("Link").orElseThrow().contains("rel=\"preview\""));
        HttpResponse<byte[]> thumb = Uploads.get(URI.create(slot.getGetUrl() + "?thumbnail"));
        assertEquals(200, thumb.statusCode());
        assertEquals("image/png", thumb.headers().firstValue("Content-Type").orElseThrow());
        java.awt.image.BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertEquals(256, small.getWidth());
        assertEquals(192, small.getHeight());
    }

    @Test
    void slotRequestsOverTheLimitOrOfBlockedTypesGetTheXepsErrors() {
        TestClient alice = server.newUser();
        IQ tooLarge = alice.request(new RawIq(IQ.Type.get, "upload.localhost", "request", UploadModule.NS, null)
                .attribute("filename", "big.mkv").attribute("size", "5000000").attribute("content-type", "video/x-matroska"));
        assertEquals(StanzaError.Condition.not_acceptable, tooLarge.getError().getCondition());
        assertTrue(tooLarge.toXML().toString().contains("<max-file-size>1048576</max-file-size>"), tooLarge.toXML().toString());
        IQ exe = alice.request(new RawIq(IQ.Type.get, "upload.localhost", "request", UploadModule.NS, null)
                .attribute("filename", "setup.exe").attribute("size", "1000").attribute("content-type", "application/x-msdownload"));
        assertEquals(StanzaError.Condition.not_acceptable, exe.getError().getCondition());
        IQ noSize = alice.request(new RawIq(IQ.Type.get, "upload.localhost", "request", UploadModule.NS, null)
                .attribute("filename", "a.txt"));
        assertEquals(StanzaError.Condition.bad_request, noSize.getError().getCondition());
    }

    @Test
    void wrongSignaturesExpiredSlotsAndMismatchesAreRefusedAndStoreNothing() throws Exception {
        TestClient alice = server.newUser();
        byte[] data = random(1_000);
        Slot slot = Uploads.slot(alice, "notes.txt", data.length, "text/plain");
        String put = slot.getPutUrl().toString();

        HttpResponse<String> forged = Uploads.put(URI.create(put.replaceAll("s=[^&]*", "s=AAAA")), data, "text/plain");
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("signature"), forged.body());
        HttpResponse<String> longer = Uploads.put(URI.create(put), random(2_000), "text/plain");
        assertEquals(413, longer.statusCode());
        assertTrue(longer.body().contains("differs from the slot's size"), longer.body());
        HttpResponse<String> otherType = Uploads.put(URI.create(put), data, "image/png");
        assertEquals(415, otherType.statusCode());

        String path = put.substring(put.indexOf("/upload/") + "/upload/".length(), put.indexOf('?'));
        long past = System.currentTimeMillis() / 1000 - 60;
        URI expired = URI.create(put.substring(0, put.indexOf('?')) + "?e=" + past + "&n=" + data.length + "&t=text%2Fplain&s="
                + sign(path, data.length, "text/plain", past));
        HttpResponse<String> late = Uploads.put(expired, data, "text/plain");
        assertEquals(403, late.statusCode());
        assertTrue(late.body().contains("expired"), late.body());
        assertEquals(404, Uploads.get(Uploads.uri(slot.getGetUrl())).statusCode(), "nothing stored");

        assertEquals(201, Uploads.put(URI.create(put), data, "text/plain").statusCode());
        assertEquals(409, Uploads.put(URI.create(put), data, "text/plain").statusCode(), "a slot is used once");
    }

    @Test
    void contentThatIsNotWhatItClaimsIsRefused() throws Exception {
        TestClient alice = server.newUser();
        byte[] program = Files.readAllBytes(Path.of("/bin/true"));
        Slot asImage = Uploads.slot(alice, "cute.png", program.length, "image/png");
        HttpResponse<String> refused = Uploads.put(Uploads.uri(asImage.getPutUrl()), program, "image/png");
        assertEquals(415, refused.statusCode());
        assertTrue(refused.body().contains("not accepted") || refused.body().contains("content is"), refused.body());
        assertEquals(404, Uploads.get(Uploads.uri(asImage.getGetUrl())).statusCode());
        Slot asBinary = Uploads.slot(alice, "tool", program.length, "application/octet-stream");
        assertEquals(415, Uploads.put(Uploads.uri(asBinary.getPutUrl()), program, "application/octet-stream").statusCode(),
                "an executable is refused whatever it is declared as");
    }

    @Test
    void anUploadThatStopsHalfwayLeavesNothingBehind() throws Exception {
        TestClient alice = server.newUser();
        Slot slot = Uploads.slot(alice, "half.bin", 100_000, "application/octet-stream");
        URI put = Uploads.uri(slot.getPutUrl());
        try (Socket socket = new Socket("127.0.0.1", server.server().httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + put.getRawPath() + "?" + put.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(random(10_000));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertFalse(answer.startsWith("HTTP/1.1 201"), answer);
        }
        assertEquals(404, Uploads.get(Uploads.uri(slot.getGetUrl())).statusCode());
        Path staging = server.dataDir().resolve("upload").resolve("staging");
        try (var left = Files.list(staging)) {
            assertEquals(0, left.count(), "no staged bytes left");
        }
    }

    @Test
    void pathsOutsideTheStoreAreNotServed() throws Exception {
        Files.writeString(server.dataDir().resolve("upload").resolve("private.txt"), "do not serve");
        for (String path : new String[] {"/upload/../upload/secret", "/upload/%2e%2e/%2e%2e/private.txt",
                "/upload/..%2f..%2fprivate.txt", "/upload/0123456789abcdef0123456789abcdef/0123456789abcdef0123456789abcdef/..%2f..%2fsecret"}) {
            HttpResponse<byte[]> answer = Uploads.get(URI.create(Uploads.base(server, false) + path));
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, path + " -> " + answer.statusCode());
            assertFalse(new String(answer.body(), StandardCharsets.UTF_8).contains("do not serve"), path);
        }
    }

    @Test
    void theQuotaRefusesWhatWouldPassIt() {
        TestClient alice = server.newUser();
        byte[] data = random(900_000);
        Slot first = Uploads.slot(alice, "one.bin", data.length, "application/octet-stream");
        assertEquals(201, Uploads.put(Uploads.uri(first.getPutUrl()), data, "application/octet-stream").statusCode());
        IQ second = alice.request(new RawIq(IQ.Type.get, "upload.localhost", "request", UploadModule.NS, null)
                .attribute("filename", "two.bin").attribute("size", String.valueOf(data.length)));
        assertEquals(StanzaError.Condition.resource_constraint, second.getError().getCondition());
        assertNotNull(second.getError().getDescriptiveText());
        TestClient bob = server.newUser();
        assertNotNull(Uploads.slot(bob, "two.bin", data.length, "application/octet-stream"), "other users are not affected");
    }

    /** The URL signature as the server makes it (HMAC-SHA256 of method, path, size, type and expiry). */
    private static String sign(String path, long size, String type, long expires) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] sig = mac.doFinal(("PUT\n" + path + "\n" + size + "\n" + type + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }
}
