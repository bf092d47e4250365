package im.parley.module.privatestorage;

import im.parley.api.config.DataSize;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;

/** The {@code private} section. */
@Doc("Private XML storage (XEP-0049): XML that a client keeps on the server for its own account only, "
        + "such as bookmarks (XEP-0048) and client settings.")
public record PrivateStorageConfig(
        @Doc("Largest element an account may store, as XML in UTF-8; larger ones are refused with not-acceptable. "
                + "Keep it below c2s.max_stanza_size.")
        @Default("128KiB") @Min("1KiB") @Max("1MiB") DataSize maxSize,
        @Doc("Elements (distinct namespace and name) one account may keep; storing one more is refused with not-acceptable.")
        @Default("100") @Min("1") @Max("10000") int maxDocuments) {
}
