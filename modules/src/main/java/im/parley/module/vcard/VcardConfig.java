package im.parley.module.vcard;

import im.parley.api.config.DataSize;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;

/** The {@code vcard} section. */
@Doc("vcard-temp (XEP-0054) profiles, with the avatars of XEP-0153: each account's vCard, readable by everyone.")
public record VcardConfig(
        @Doc("Largest vCard an account may store, as XML in UTF-8; larger ones are refused with not-acceptable. "
                + "The photo is in it, base64-encoded (a third larger than the image). Keep it below "
                + "c2s.max_stanza_size (256KiB by default), or a client sending a larger vCard loses its stream "
                + "instead of getting the error; the default leaves 64KiB for the rest of the stanza.")
        @Default("192KiB") @Min("1KiB") @Max("1MiB") DataSize maxSize) {
}
