package im.parley.module.version;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;

/** The {@code version} section. */
@Doc("XEP-0092 software version of the server.")
public record VersionConfig(
        @Doc("Whether to tell the operating system too (it helps attackers a little, so it is off by default).")
        @Default("false") boolean showOs) {
}
