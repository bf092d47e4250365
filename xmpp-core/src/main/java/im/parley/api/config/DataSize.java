package im.parley.api.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes written in config as {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB} (or KB/MB/GB, also 1024-based). */
public record DataSize(long bytes) implements Comparable<DataSize> {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKiB(long kib) {
        return new DataSize(kib * 1024);
    }

    public static DataSize ofMiB(long mib) {
        return new DataSize(mib * 1024 * 1024);
    }

    /** Parses {@code 256KiB}, {@code 10 MB}, {@code 4096}. */
    public static DataSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 4096, 256KiB or 10MiB, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return new DataSize(n << shift);
    }

    /** The size as an int, for buffer limits; sizes above 2 GiB are capped. */
    public int intBytes() {
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    @Override
    public int compareTo(DataSize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        long n = bytes;
        int u = 0;
        while (u < units.length - 1 && n >= 1024 && n % 1024 == 0) {
            n /= 1024;
            u++;
        }
        return u == 0 ? Long.toString(n) : n + units[u];
    }
}
