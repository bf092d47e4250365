package im.parley.module.upload;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET and HEAD of a stored file or its thumbnail: exact type and length, a strong ETag (files never
 * change), a year of caching, one byte range (RFC 9110 §14; several ranges get the whole file, which
 * §14.2 allows), and headers that keep the content from running as a page of the upload origin.
 */
final class FileDownload {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FileDownload() {
    }

    static void serve(FileStore store, Thumbnails thumbnails, FileKey key, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        Optional<FileStore.StoredFile> file = store.find(key);
        boolean thumbnail = request.getParameter("thumbnail") != null;
        if (file.isEmpty() || thumbnail && !file.get().hasThumbnail()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such file");
            return;
        }
        Path bytes = store.bytes(key, thumbnail);
        long size;
        try {
            size = Files.size(bytes);
        } catch (IOException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such file"); // deleted meanwhile
            return;
        }
        String type = thumbnail ? thumbnails.typeFor(file.get().contentType()).orElse("application/octet-stream")
                : file.get().contentType();
        String etag = "\"" + key.slot() + (thumbnail ? "-t" : "") + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        boolean media = type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/");
        response.setHeader("Content-Disposition", (media ? "inline" : "attachment") + "; filename=\"" + key.filename() + "\"");
        if (!thumbnail && file.get().hasThumbnail()) {
            response.setHeader("Link", "<" + request.getRequestURI() + "?thumbnail>; rel=\"preview\"");
        }
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(type);
        long from = 0;
        long to = size - 1;
        String range = request.getHeader("Range");
        String ifRange = request.getHeader("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty()) && range.length() < 40) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                if (from >= size || from > to) {
                    response.setHeader("Content-Range", "bytes */" + size);
                    response.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                    return;
                }
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
        }
        long length = to - from + 1;
        response.setContentLengthLong(length);
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        try (InputStream in = Files.newInputStream(bytes); OutputStream out = response.getOutputStream()) {
            in.skipNBytes(from);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
