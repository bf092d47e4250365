package im.parley.core.sasl;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) for passwords: non-ASCII spaces become spaces, "commonly mapped to nothing"
 * characters go, the result is NFKC-normalized, and control characters are refused.
 */
public final class SaslPrep {
    private SaslPrep() {
    }

    public static String prepare(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isNonAsciiSpace(c)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(c)) {
                mapped.append(c);
            }
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFFFD || (c >= 0xFFF9 && c <= 0xFFFC)) {
                throw new IllegalArgumentException("the password contains a prohibited character");
            }
        }
        return normalized;
    }

    private static boolean isNonAsciiSpace(char c) {
        return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    private static boolean isMappedToNothing(char c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D) || (c >= 0x200B && c <= 0x200D)
                || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
    }
}
