package im.parley.module.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;

/**
 * Checks an upload's bytes against the content type the client declared, with Apache Tika's
 * detection by magic bytes: a blocked type is refused whether declared or found, and media
 * (image, video, audio) must really be of the declared family, so that a program cannot pass for
 * a picture.
 */
final class ContentCheck {
    private static final Set<String> MEDIA = Set.of("image", "video", "audio");
    private final Tika tika = new Tika();
    private final Set<String> blocked;

    ContentCheck(List<String> blockedTypes) {
        this.blocked = blockedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The type without parameters, lower case; empty when it is not a type. */
    static Optional<String> normalise(String contentType) {
        MediaType type = contentType == null ? null : MediaType.parse(contentType.strip());
        return type == null ? Optional.empty() : Optional.of(type.getBaseType().toString().toLowerCase(Locale.ROOT));
    }

    /** Whether a declared type is refused before any byte is sent. */
    boolean blocked(String declared) {
        return normalise(declared).map(blocked::contains).orElse(true);
    }

    /** Why the bytes do not fit the declared type, or empty when they do. */
    Optional<String> problem(Path bytes, String declared) throws IOException {
        String want = normalise(declared).orElse("application/octet-stream");
        String found = normalise(tika.detect(bytes)).orElse("application/octet-stream");
        if (blocked.contains(found) || blocked.contains(want)) {
            return Optional.of("content of type " + found + " is not accepted here");
        }
        String family = want.substring(0, want.indexOf('/'));
        if (MEDIA.contains(family) && !found.startsWith(family + "/")) {
            return Optional.of("declared " + want + " but the content is " + found);
        }
        return Optional.empty();
    }
}
