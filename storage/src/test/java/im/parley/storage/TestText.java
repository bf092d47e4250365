package im.parley.storage;

/** Texts for the contract tests: long, with characters from outside ASCII and outside the BMP. */
final class TestText {
    private TestText() {
    }

    /** The first {@code max} characters of a text, one fewer if the cut would split a surrogate pair. */
    static String prefix(String text, int max) {
        int end = Math.min(max, text.length());
        return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? text.substring(0, end - 1) : text.substring(0, end);
    }
}
