package im.parley.module.upload;

import io.prometheus.metrics.core.metrics.Counter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload URLs: PUT with a valid slot stores a file, GET and HEAD serve it (ranges, ETag, long
 * cache lifetimes, so that a CDN can front it), OPTIONS answers CORS preflights of web clients.
 * Every refusal is a 4xx with its reason in the body; nothing of a refused upload is kept.
 */
final class UploadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UploadServlet.class);
    static final String PREFIX = "/upload";

    /** What the servlet works with. */
    record Parts(FileStore store, SlotSigner signer, ContentCheck check, Thumbnails thumbnails, Quotas quotas,
                 UploadConfig config, Clock clock, Counter uploadedBytes, Counter refused,
                 java.util.function.Supplier<java.util.List<im.parley.api.upload.UploadCheck>> checks) {
    }

    private final transient Parts p;

    UploadServlet(Parts parts) {
        this.p = parts;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Web clients upload and fetch from their own origin (XEP-0363 §11 leaves CORS to the service).
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, PUT, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
        response.setHeader("Access-Control-Max-Age", "86400");
        Optional<FileKey> key = FileKey.parse(request.getRequestURI().substring(Math.min(request.getRequestURI().length(),
                PREFIX.length() + 1)));
        switch (request.getMethod()) {
            case "OPTIONS" -> response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            case "PUT" -> {
                if (key.isEmpty()) {
                    refuse(response, HttpServletResponse.SC_NOT_FOUND, "not an upload URL", "path");
                } else {
                    put(request, response, key.get());
                }
            }
            case "GET", "HEAD" -> {
                if (key.isEmpty()) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such file");
                } else {
                    FileDownload.serve(p.store(), p.thumbnails(), key.get(), request, response);
                }
            }
            default -> {
                response.setHeader("Allow", "GET, HEAD, PUT, OPTIONS");
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            }
        }
    }

    private void put(HttpServletRequest request, HttpServletResponse response, FileKey key) throws IOException {
        Optional<Slot> slot = Slot.of(request);
        if (slot.isEmpty() || !p.signer().verify(key, slot.get().size(), slot.get().type(), slot.get().expires(), slot.get().signature())) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "no valid slot signature for this URL", "signature");
            return;
        }
        Slot s = slot.get();
        if (p.clock().instant().getEpochSecond() > s.expires()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "the slot has expired; request a new one", "expired");
            return;
        }
        long length = request.getContentLengthLong();
        if (length < 0) {
            refuse(response, HttpServletResponse.SC_LENGTH_REQUIRED, "Content-Length is required", "length");
            return;
        }
        if (length != s.size()) {
            refuse(response, length > s.size() ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : HttpServletResponse.SC_BAD_REQUEST,
                    "Content-Length " + length + " differs from the slot's size " + s.size(), "size");
            return;
        }
        // XEP-0363 §5: the upload's Content-Type is the one of the slot request.
        if (!ContentCheck.normalise(request.getContentType()).equals(ContentCheck.normalise(s.type()))) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + request.getContentType() + " differs from the slot's " + s.type(), "type");
            return;
        }
        if (p.store().find(key).isPresent()) {
            refuse(response, HttpServletResponse.SC_CONFLICT, "this slot has been used already", "used");
            return;
        }
        Optional<String> quota = p.quotas().refusal(key.owner(), s.size());
        if (quota.isPresent()) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, quota.get(), "quota");
            return;
        }
        store(request, response, key, s);
    }

    private void store(HttpServletRequest request, HttpServletResponse response, FileKey key, Slot s) throws IOException {
        FileStore.Staged staged;
        try (InputStream in = request.getInputStream()) {
            staged = p.store().stage(in, s.size());
        } catch (IOException e) {
            LOG.info("Upload to {} failed: {}", key.path(), e.getMessage());
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "the upload did not complete: " + e.getMessage(), "incomplete");
            return;
        }
        try {
            Optional<String> problem = p.check().problem(staged.bytes(), s.type()).or(() -> othersProblem(key, s, staged));
            if (problem.isPresent()) {
                p.store().discard(staged);
                refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, problem.get(), "content");
                return;
            }
            boolean thumbnail = thumbnail(staged, s.type());
            if (!p.store().commit(staged, key, s.type(), s.size(), thumbnail)) {
                refuse(response, HttpServletResponse.SC_CONFLICT, "this slot has been used already", "used");
                return;
            }
        } catch (IOException | RuntimeException e) {
            p.store().discard(staged);
            throw e;
        }
        p.quotas().added(s.size());
        p.quotas().makeRoom(key.owner(), key);
        p.uploadedBytes().inc(s.size());
        response.setStatus(HttpServletResponse.SC_CREATED);
    }

    /** What the checks other modules contribute say; one that throws is logged and passes. */
    private Optional<String> othersProblem(FileKey key, Slot s, FileStore.Staged staged) {
        for (im.parley.api.upload.UploadCheck check : p.checks().get()) {
            try {
                Optional<String> problem = check.problem(key.owner(), s.type(), staged.bytes());
                if (problem.isPresent()) {
                    return problem;
                }
            } catch (RuntimeException e) {
                LOG.error("An upload check ({}) failed; the upload passes it", check.getClass().getName(), e);
            }
        }
        return Optional.empty();
    }

    private boolean thumbnail(FileStore.Staged staged, String type) {
        try {
            return p.thumbnails().write(staged.bytes(), type, staged.thumbnail());
        } catch (IOException | RuntimeException e) {
            LOG.debug("No thumbnail for an upload of type {}: {}", type, e.toString());
            return false;
        }
    }

    private void refuse(HttpServletResponse response, int status, String reason, String label) throws IOException {
        p.refused().labelValues(label).inc();
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        try (OutputStream out = response.getOutputStream()) {
            out.write((reason + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The slot facts a PUT URL carries. */
    private record Slot(long expires, long size, String type, String signature) {
        static Optional<Slot> of(HttpServletRequest request) {
            try {
                String e = request.getParameter("e");
                String n = request.getParameter("n");
                String t = request.getParameter("t");
                String s = request.getParameter("s");
                if (e == null || n == null || t == null || s == null) {
                    return Optional.empty();
                }
                return Optional.of(new Slot(Long.parseLong(e), Long.parseLong(n), t, s));
            } catch (NumberFormatException ex) {
                return Optional.empty();
            }
        }
    }
}
