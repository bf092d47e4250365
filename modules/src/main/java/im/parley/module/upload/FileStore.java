package im.parley.module.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where uploaded files live. The local directory implementation is {@link LocalFileStore}; an
 * S3-compatible store can implement the same operations. Files are named by their owner's key and
 * their slot, and written once: a file is visible whole or not at all.
 */
public interface FileStore {

    /** A stored file's facts, kept beside its bytes. */
    record StoredFile(FileKey key, String contentType, long size, Instant created, boolean hasThumbnail) {
    }

    /** An upload in progress: its bytes in a staging area until {@link #commit} or {@link #discard}. */
    interface Staged {
        /** The staged bytes, to check their type and make a thumbnail. */
        Path bytes();

        /** A file beside the bytes for the thumbnail. */
        Path thumbnail();
    }

    /**
     * Copies exactly {@code size} bytes from the stream to a staging area. Fewer or more bytes, or a
     * failing stream, leave nothing behind and throw.
     */
    Staged stage(InputStream in, long size) throws IOException;

    /** Makes a staged upload the file of a key, atomically; false (and the staging removed) when the key already has a file. */
    boolean commit(Staged staged, FileKey key, String contentType, long size, boolean hasThumbnail) throws IOException;

    /** Removes a staged upload. */
    void discard(Staged staged);

    Optional<StoredFile> find(FileKey key);

    /** The file's bytes (or its thumbnail's), for reading. */
    Path bytes(FileKey key, boolean thumbnail);

    /** Every file of one owner, oldest first. */
    List<StoredFile> files(String owner);

    /** Every file, for expiry and the global total. */
    List<StoredFile> all();

    /** Deletes a file; false when it was not there. */
    boolean delete(FileKey key);

    /** Removes staged uploads older than the cutoff (left by a crash). */
    void sweepStaging(Instant cutoff);
}
