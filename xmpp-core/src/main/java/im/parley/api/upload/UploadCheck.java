package im.parley.api.upload;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A check of an uploaded file (XEP-0363) before the upload service keeps it, published by the
 * upload module for other modules and plugins (e.g. an abuse scanner). Contribute one through
 * {@code ctx.contribute(UploadCheck.class, check)}; the upload service asks every check after its
 * own content check and refuses the upload (HTTP 415 with the reason) when one objects.
 */
@FunctionalInterface
public interface UploadCheck {

    /**
     * Why the file must not be kept, or empty to keep it.
     *
     * @param owner the upload's owner key as it appears in the file's URL (a hash of the uploader's
     *              bare JID; the PUT request does not say who it is)
     * @param declaredType the content type of the slot request
     * @param bytes the uploaded bytes, staged; read them, do not move or delete them
     */
    Optional<String> problem(String owner, String declaredType, Path bytes);
}
