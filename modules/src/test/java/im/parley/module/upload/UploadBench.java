package im.parley.module.upload;

import im.parley.module.disco.DiscoModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smackx.httpfileupload.element.Slot;

/**
 * Upload and download throughput (not a JUnit test; run it with {@code modules/upload-bench.sh}):
 * one in-process server, a Smack client for the slots and Java's HTTP client for the bytes, over
 * TLS and over plain HTTP: 10 MB files one after another, then 100 uploads of 1 MB at once and
 * 100 downloads of them at once. Files go to a temporary data directory on the local disk.
 */
public final class UploadBench {
    private static final int MB = 1_000_000;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    private UploadBench() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        for (boolean tls : new boolean[] {true, false}) {
            ParleyServer server = ParleyServer.with(new DiscoModule(), new UploadModule())
                    .yaml("http:\n  address: 127.0.0.1\n  port: 0\n  tls: " + tls + "\n"
                            + "upload:\n  max_file_size: 20MiB\n  user_quota: 0\n  global_quota: 0\n  thumbnail_size: 0\n")
                    .build();
            server.start();
            try {
                run(server, tls ? "TLS" : "plain HTTP");
            } finally {
                server.stop();
            }
        }
    }

    private static void run(ParleyServer server, String transport) throws Exception {
        TestClient client = server.newUser();
        byte[] big = new byte[10 * MB];
        new Random(1).nextBytes(big);
        // Warm-up: the JIT and the connection pool.
        for (int i = 0; i < 2; i++) {
            transfer(client, big);
        }
        long up = 0;
        long down = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long[] t = transfer(client, big);
            up += t[0];
            down += t[1];
        }
        System.out.printf(Locale.ROOT, "%-10s 10 MB files, %d in a row: upload %.0f MB/s, download %.0f MB/s%n", transport, ROUNDS,
                ROUNDS * 10 / (up / 1e9), ROUNDS * 10 / (down / 1e9));

        byte[] small = new byte[MB];
        new Random(2).nextBytes(small);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            slots.add(Uploads.slot(client, "f" + i + ".bin", small.length, "application/octet-stream"));
        }
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
        for (Slot slot : slots) {
            puts.add(Uploads.HTTP.sendAsync(HttpRequest.newBuilder(Uploads.uri(slot.getPutUrl()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(small)).header("Content-Type", "application/octet-stream").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : puts) {
            check(f.get().statusCode() == 201, "upload failed: " + f.get().statusCode() + " " + f.get().body());
        }
        double upSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> gets = new ArrayList<>();
        for (Slot slot : slots) {
            gets.add(Uploads.HTTP.sendAsync(HttpRequest.newBuilder(Uploads.uri(slot.getGetUrl())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> f : gets) {
            check(f.get().body().length == MB, "download incomplete");
        }
        double downSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-10s 100 x 1 MB at once: uploads done in %.2f s (%.0f MB/s, %.0f files/s), downloads in %.2f s (%.0f MB/s)%n",
                transport, upSeconds, 100 / upSeconds, 100 / upSeconds, downSeconds, 100 / downSeconds);
    }

    private static long[] transfer(TestClient client, byte[] data) {
        Slot slot = Uploads.slot(client, "big.bin", data.length, "application/octet-stream");
        long t0 = System.nanoTime();
        HttpResponse<String> put = Uploads.put(Uploads.uri(slot.getPutUrl()), data, "application/octet-stream");
        long t1 = System.nanoTime();
        check(put.statusCode() == 201, "upload failed: " + put.statusCode() + " " + put.body());
        HttpResponse<byte[]> get = Uploads.get(URI.create(slot.getGetUrl().toString()));
        long t2 = System.nanoTime();
        check(get.body().length == data.length, "download incomplete");
        return new long[] {t1 - t0, t2 - t1};
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
