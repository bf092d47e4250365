package im.parley.module.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import im.parley.module.disco.DiscoModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers (as two cluster nodes behind one address) sharing one upload directory: a slot from
 * one is accepted by the other and the file is served by both; a stalled upload is dropped.
 */
class UploadSharedDirectoryTest {
    private static final Path SHARED = temp();
    private static final String YAML = "http:\n  address: 127.0.0.1\n  port: 0\n  tls: false\n  idle_timeout: 1s\n"
            + "upload:\n  directory: " + SHARED + "\n";

    @RegisterExtension
    static final ParleyServer first = ParleyServer.with(new DiscoModule(), new UploadModule()).yaml(YAML).build();

    @RegisterExtension
    static final ParleyServer second = ParleyServer.with(new DiscoModule(), new UploadModule()).yaml(YAML).build();

    private static Path temp() {
        try {
            return Files.createTempDirectory("parley-upload-shared");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI on(ParleyServer server, java.net.URL url) {
        return URI.create(url.toString().replaceFirst(":\\d+/", ":" + server.server().httpPort() + "/"));
    }

    @Test
    void aSlotFromOneNodeUploadsToAnotherAndBothServeTheFile() {
        TestClient alice = first.newUser();
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        Slot slot = Uploads.slot(alice, "shared.bin", data.length, "application/octet-stream");
        assertEquals(201, Uploads.put(on(second, slot.getPutUrl()), data, "application/octet-stream").statusCode());
        assertArrayEquals(data, Uploads.get(on(first, slot.getGetUrl())).body());
        assertArrayEquals(data, Uploads.get(on(second, slot.getGetUrl())).body());
        assertEquals(409, Uploads.put(on(first, slot.getPutUrl()), data, "application/octet-stream").statusCode(),
                "the slot is used on every node");
    }

    @Test
    void anUploadThatStallsIsDroppedAndLeavesNothing() throws Exception {
        TestClient alice = first.newUser();
        Slot slot = Uploads.slot(alice, "slow.bin", 50_000, "application/octet-stream");
        URI put = Uploads.uri(slot.getPutUrl());
        try (Socket socket = new Socket("127.0.0.1", first.server().httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + put.getRawPath() + "?" + put.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 50000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1_000]);
            out.flush();
            // Then nothing: the server's idle timeout (1 s here) ends the upload.
            socket.setSoTimeout(15_000);
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertFalse(answer.startsWith("HTTP/1.1 201"), answer);
        }
        assertEquals(404, Uploads.get(Uploads.uri(slot.getGetUrl())).statusCode());
        try (var left = Files.list(SHARED.resolve("staging"))) {
            assertEquals(0, left.count(), "no staged bytes left");
        }
    }
}
