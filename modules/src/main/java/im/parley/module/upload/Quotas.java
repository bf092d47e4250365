package im.parley.module.upload;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The per-user and global limits on stored bytes, with the configured policy at the user's. */
final class Quotas {
    private final UploadConfig config;
    private final FileStore store;
    /** Bytes stored in all; recounted by every sweep (other nodes sharing the directory add to it). */
    private final AtomicLong total = new AtomicLong();

    Quotas(UploadConfig config, FileStore store) {
        this.config = config;
        this.store = store;
        recount();
    }

    void recount() {
        total.set(store.all().stream().mapToLong(FileStore.StoredFile::size).sum());
    }

    long total() {
        return total.get();
    }

    void added(long bytes) {
        total.addAndGet(bytes);
    }

    void removed(long bytes) {
        total.addAndGet(-bytes);
    }

    /** Why an owner may not store this many more bytes, or empty when they may. */
    Optional<String> refusal(String owner, long size) {
        long global = config.globalQuota().bytes();
        if (global > 0 && total.get() + size > global) {
            return Optional.of("the server's storage for uploads is full");
        }
        long quota = config.userQuota().bytes();
        if (quota <= 0) {
            return Optional.empty();
        }
        if (size > quota) {
            return Optional.of("the file is larger than your upload quota of " + config.userQuota());
        }
        if (config.quotaPolicy() == UploadConfig.QuotaPolicy.REFUSE && used(owner) + size > quota) {
            return Optional.of("your upload quota of " + config.userQuota() + " is used up; delete or wait for older files to expire");
        }
        return Optional.empty();
    }

    /** With expire_oldest: deletes the owner's oldest files, never {@code keep}, until the owner is within the quota. */
    void makeRoom(String owner, FileKey keep) {
        long quota = config.userQuota().bytes();
        if (quota <= 0 || config.quotaPolicy() != UploadConfig.QuotaPolicy.EXPIRE_OLDEST) {
            return;
        }
        List<FileStore.StoredFile> files = store.files(owner);
        long used = files.stream().mapToLong(FileStore.StoredFile::size).sum();
        for (FileStore.StoredFile f : files) {
            if (used <= quota) {
                return;
            }
            if (!f.key().equals(keep) && store.delete(f.key())) {
                used -= f.size();
                removed(f.size());
            }
        }
    }

    private long used(String owner) {
        return store.files(owner).stream().mapToLong(FileStore.StoredFile::size).sum();
    }
}
