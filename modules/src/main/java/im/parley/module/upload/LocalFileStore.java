package im.parley.module.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files in a local directory: {@code files/<owner>/<slot>/} holds the bytes ({@code data}), their
 * facts ({@code meta.properties}) and an optional {@code thumbnail}. An upload is written under
 * {@code staging/} and moved into place in one rename, so readers, other nodes sharing the
 * directory and a crash see a file whole or not at all.
 */
public final class LocalFileStore implements FileStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFileStore.class);
    private final Path files;
    private final Path staging;

    public LocalFileStore(Path root) {
        this.files = root.resolve("files");
        this.staging = root.resolve("staging");
        try {
            Files.createDirectories(files);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + root, e);
        }
    }

    private record Staging(Path dir) implements Staged {
        @Override
        public Path bytes() {
            return dir.resolve("data");
        }

        @Override
        public Path thumbnail() {
            return dir.resolve("thumbnail");
        }
    }

    @Override
    public Staged stage(InputStream in, long size) throws IOException {
        Staging staged = new Staging(staging.resolve(UUID.randomUUID().toString()));
        Files.createDirectory(staged.dir());
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(staged.bytes())) {
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied + 1))) > 0) {
                copied += n;
                if (copied > size) {
                    throw new IOException("more bytes than the slot's " + size);
                }
                out.write(buffer, 0, n);
            }
            if (copied != size) {
                throw new IOException("the upload ended after " + copied + " of " + size + " bytes");
            }
            ok = true;
            return staged;
        } finally {
            if (!ok) {
                discard(staged);
            }
        }
    }

    @Override
    public boolean commit(Staged staged, FileKey key, String contentType, long size, boolean hasThumbnail) throws IOException {
        Path dir = ((Staging) staged).dir();
        Properties meta = new Properties();
        meta.setProperty("filename", key.filename());
        meta.setProperty("content-type", contentType);
        meta.setProperty("size", Long.toString(size));
        meta.setProperty("created", Instant.now().toString());
        meta.setProperty("thumbnail", Boolean.toString(hasThumbnail));
        try (OutputStream out = Files.newOutputStream(dir.resolve("meta.properties"))) {
            meta.store(out, null);
        }
        Path target = slotDir(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            discard(staged);
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            discard(staged);
            throw new IOException("the upload directory must be on one file system (staging/ and files/)", e);
        }
    }

    @Override
    public void discard(Staged staged) {
        deleteTree(((Staging) staged).dir());
    }

    @Override
    public Optional<StoredFile> find(FileKey key) {
        Path dir = slotDir(key);
        return read(dir).filter(f -> f.key().equals(key));
    }

    @Override
    public Path bytes(FileKey key, boolean thumbnail) {
        return slotDir(key).resolve(thumbnail ? "thumbnail" : "data");
    }

    @Override
    public List<StoredFile> files(String owner) {
        List<StoredFile> out = new ArrayList<>();
        Path ownerDir = files.resolve(owner);
        if (Files.isDirectory(ownerDir)) {
            try (DirectoryStream<Path> slots = Files.newDirectoryStream(ownerDir)) {
                slots.forEach(slot -> read(slot).ifPresent(out::add));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.sort(Comparator.comparing(StoredFile::created));
        return out;
    }

    @Override
    public List<StoredFile> all() {
        List<StoredFile> out = new ArrayList<>();
        try (DirectoryStream<Path> owners = Files.newDirectoryStream(files)) {
            owners.forEach(owner -> out.addAll(files(owner.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public boolean delete(FileKey key) {
        Path dir = slotDir(key);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        // Renamed away first, so that a reader never sees half a deleted file.
        Path doomed = staging.resolve("deleted-" + UUID.randomUUID());
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return false; // deleted meanwhile by another node
        }
        deleteTree(doomed);
        return true;
    }

    @Override
    public void sweepStaging(Instant cutoff) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(staging)) {
            for (Path dir : dirs) {
                if (Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff)) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot sweep the upload staging directory {}", staging, e);
        }
    }

    private Path slotDir(FileKey key) {
        return files.resolve(key.owner()).resolve(key.slot());
    }

    private static Optional<StoredFile> read(Path slotDir) {
        Path metaFile = slotDir.resolve("meta.properties");
        if (!Files.isRegularFile(metaFile)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaFile)) {
            meta.load(in);
            FileKey key = new FileKey(slotDir.getParent().getFileName().toString(), slotDir.getFileName().toString(),
                    meta.getProperty("filename"));
            return Optional.of(new StoredFile(key, meta.getProperty("content-type"), Long.parseLong(meta.getProperty("size")),
                    Instant.parse(meta.getProperty("created")), Boolean.parseBoolean(meta.getProperty("thumbnail"))));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Unreadable upload {}: {}", slotDir, e.toString());
            return Optional.empty();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}", p, e);
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot delete {}", dir, e);
        }
    }
}
