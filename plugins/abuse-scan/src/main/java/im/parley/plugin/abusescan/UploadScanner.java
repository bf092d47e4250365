package im.parley.plugin.abusescan;

import im.parley.api.upload.UploadCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Checks uploaded files with Apache Tika's detection by magic bytes: a blocked type is refused
 * whatever was declared, and a file declared as text or media must be of that family.
 */
final class UploadScanner implements UploadCheck {
    private static final Set<String> FAMILIES = Set.of("text", "image", "video", "audio");

    /** The plugin's own Tika with its own type registry: nothing from the server's class path. */
    private final Tika tika = new Tika(MimeTypes.getDefaultMimeTypes(UploadScanner.class.getClassLoader()));
    private final Set<String> blocked;
    private final Consumer<String> refused;

    /** @param refused told why, for each refused upload (to log and count it) */
    UploadScanner(List<String> blockedTypes, Consumer<String> refused) {
        this.blocked = blockedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.refused = refused;
    }

    @Override
    public Optional<String> problem(String owner, String declaredType, Path bytes) {
        String found;
        try {
            found = base(tika.detect(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
        String declared = base(declaredType);
        Optional<String> problem = Optional.empty();
        if (blocked.contains(found)) {
            problem = Optional.of("content of type " + found + " is not accepted here");
        } else {
            String family = declared.substring(0, declared.indexOf('/'));
            if (FAMILIES.contains(family) && !found.startsWith(family + "/")) {
                problem = Optional.of("declared " + declared + " but the content is " + found);
            }
        }
        problem.ifPresent(p -> refused.accept("Refused an upload of owner key " + owner + ": " + p));
        return problem;
    }

    private static String base(String type) {
        MediaType parsed = type == null ? null : MediaType.parse(type.strip());
        return parsed == null ? "application/octet-stream" : parsed.getBaseType().toString().toLowerCase(Locale.ROOT);
    }
}
