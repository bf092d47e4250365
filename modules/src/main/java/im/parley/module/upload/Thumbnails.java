package im.parley.module.upload;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Small previews of uploaded images (JPEG, PNG, GIF, BMP), stored beside them. */
final class Thumbnails {
    /** Larger images are not decoded: a small file can claim a huge canvas. */
    private static final long MAX_PIXELS = 50_000_000L;
    private final int size;

    Thumbnails(int size) {
        this.size = size;
    }

    /** The thumbnail's media type for an image type, when one is made for it. */
    Optional<String> typeFor(String contentType) {
        if (size == 0) {
            return Optional.empty();
        }
        return switch (ContentCheck.normalise(contentType).orElse("")) {
            case "image/jpeg", "image/bmp" -> Optional.of("image/jpeg");
            case "image/png", "image/gif" -> Optional.of("image/png");
            default -> Optional.empty();
        };
    }

    /** Writes the thumbnail of an image; false when the bytes are no image it can read. */
    boolean write(Path image, String contentType, Path thumbnail) throws IOException {
        Optional<String> type = typeFor(contentType);
        if (type.isEmpty()) {
            return false;
        }
        BufferedImage source = read(image);
        if (source == null) {
            return false;
        }
        double scale = Math.min(1.0, (double) size / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        boolean png = type.get().equals("image/png");
        BufferedImage out = new BufferedImage(w, h, png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return ImageIO.write(out, png ? "png" : "jpeg", thumbnail.toFile());
    }

    private static BufferedImage read(Path image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return null;
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }
}
