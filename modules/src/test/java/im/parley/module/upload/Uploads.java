package im.parley.module.upload;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.Slot;

/** What the upload tests share: slots through Smack, PUT and GET through a real HTTP client. */
final class Uploads {
    static final HttpClient HTTP = HttpClient.newBuilder()
            .sslContext(im.parley.testing.TestCertificates.clientContext())
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Uploads() {
    }

    static Slot slot(TestClient client, String filename, long size, String type) {
        try {
            HttpFileUploadManager manager = HttpFileUploadManager.getInstanceFor(client.connection());
            if (!manager.isUploadServiceDiscovered()) {
                manager.discoverUploadService();
            }
            return manager.requestSlot(filename, size, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> put(URI url, byte[] body, String type) {
        return send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", type).build());
    }

    static HttpResponse<byte[]> get(URI url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI uri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A real PNG picture. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String base(ParleyServer server, boolean tls) {
        return (tls ? "https" : "http") + "://localhost:" + server.server().httpPort();
    }
}
