package im.parley.plugin.abusescan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload check on real files: blocked types by their bytes, and text or media that is something else. */
class UploadScannerTest {
    private static final byte[] PDF = "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    @Test
    void refusesBlockedTypesAndMismatchesAndKeepsTheRest() throws Exception {
        List<String> refused = new java.util.ArrayList<>();
        UploadScanner scanner = new UploadScanner(List.of("application/pdf"), refused::add);
        Path pdf = Files.write(dir.resolve("a.bin"), PDF);
        Path text = Files.writeString(dir.resolve("a.txt"), "just some words, nothing more\n");
        assertTrue(scanner.problem("owner", "application/octet-stream", pdf).orElseThrow().contains("application/pdf"));
        assertEquals(Optional.empty(), scanner.problem("owner", "text/plain; charset=utf-8", text));
        UploadScanner pdfAllowed = new UploadScanner(List.of(), refused::add);
        assertTrue(pdfAllowed.problem("owner", "text/plain", pdf).orElseThrow().contains("declared text/plain"));
        assertEquals(Optional.empty(), pdfAllowed.problem("owner", "application/octet-stream", pdf));
        assertEquals(2, refused.size(), "each refusal is reported: " + refused);
    }
}
