package im.parley.module.upload;

import im.parley.api.config.DataSize;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import im.parley.api.config.Secret;
import java.time.Duration;
import java.util.List;

/** The {@code upload} section. */
@Doc("HTTP file upload (XEP-0363) at upload.<domain>: clients get signed URLs for the HTTP endpoint, upload there and send the link.")
public record UploadConfig(
        @Doc("The service's subdomain label: the service is <label>.<domain> for every served domain.")
        @Default("upload") String label,
        @Doc("Largest file a client may upload.")
        @Default("100MiB") DataSize maxFileSize,
        @Doc("Bytes one user may keep stored (0: no limit).")
        @Default("1GiB") DataSize userQuota,
        @Doc("What happens when an upload would pass the user's quota: refuse (the client gets an error) or expire_oldest (the user's oldest files are deleted to make room).")
        @Default("refuse") QuotaPolicy quotaPolicy,
        @Doc("Bytes all users together may keep stored (0: no limit); uploads past it are refused.")
        @Default("50GiB") DataSize globalQuota,
        @Doc("Files are deleted this long after their upload (0s: kept until their owner's quota or an admin removes them).")
        @Default("30d") Duration expiry,
        @Doc("How long a slot's upload URL stays valid.")
        @Default("5m") Duration slotLifetime,
        @Doc("Where files are kept; empty for <server.data_dir>/upload. Cluster nodes that share one directory (e.g. over NFS) serve each other's files.")
        @Default("") String directory,
        @Doc("The key that signs upload URLs; empty to generate one, kept in the upload directory (so nodes sharing the directory share it).")
        @Default("") @Secret String secret,
        @Doc("Content types refused, whether declared by the client or found in the bytes.")
        @Default("[application/x-msdownload, application/x-dosexec, application/x-executable, application/x-elf, application/x-sharedlib, "
                + "application/x-mach-o-executable, application/vnd.microsoft.portable-executable, application/x-sh, application/x-bat, "
                + "application/x-msi, application/java-archive, application/java-vm]") List<String> blockedTypes,
        @Doc("Longest side of image thumbnails in pixels (0: no thumbnails).")
        @Default("256") @Min("0") int thumbnailSize) {

    /** What to do at the quota. */
    public enum QuotaPolicy {
        REFUSE,
        EXPIRE_OLDEST
    }
}
