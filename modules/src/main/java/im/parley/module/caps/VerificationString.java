package im.parley.module.caps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

/**
 * The XEP-0115 verification string of a disco#info answer: what a server puts in {@code ver}
 * so clients can cache its features instead of asking for them at every login.
 */
public final class VerificationString {
    /** XEP-0115 §5.1: sort "using 'i;octet' collation", i.e. by UTF-8 bytes, not by Java's UTF-16 order. */
    static final Comparator<String> OCTET = (a, b) -> compareBytes(utf8(a), utf8(b));

    private VerificationString() {
    }

    /** A disco#info identity as the algorithm sees it; {@code lang} and {@code name} may be null. */
    public record Identity(String category, String type, String lang, String name) {
        public Identity {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The base64 SHA-1 of {@link #input}, for {@code hash='sha-1'} (XEP-0115 §5.1 steps 8 and 9). */
    public static String sha1(List<Identity> identities, Collection<String> features, List<DataForm> forms) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(utf8(input(identities, features, forms)));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /**
     * The string S of XEP-0115 §5.1 that gets hashed. Forms without a hidden FORM_TYPE field are
     * left out, as receivers leave them out when they check the hash (§5.4 step 3.6).
     */
    static String input(List<Identity> identities, Collection<String> features, List<DataForm> forms) {
        StringBuilder s = new StringBuilder();
        // Steps 2 and 3: identities sorted by category, type, then xml:lang.
        List<Identity> sorted = new ArrayList<>(identities);
        sorted.sort(Comparator.comparing(Identity::category, OCTET).thenComparing(Identity::type, OCTET)
                .thenComparing(i -> nullToEmpty(i.lang()), OCTET).thenComparing(i -> nullToEmpty(i.name()), OCTET));
        for (Identity i : sorted) {
            s.append(i.category()).append('/').append(i.type()).append('/').append(nullToEmpty(i.lang()))
                    .append('/').append(nullToEmpty(i.name())).append('<');
        }
        // Steps 4 and 5: features, each once.
        features.stream().distinct().sorted(OCTET).forEach(f -> s.append(f).append('<'));
        // Steps 6 and 7: forms by FORM_TYPE; in each, fields by var and their values sorted.
        TreeMap<String, DataForm> byType = new TreeMap<>(OCTET);
        for (DataForm form : forms) {
            String type = formType(form);
            if (type != null && byType.put(type, form) != null) {
                // §5.4 step 3.5: two forms of one FORM_TYPE make the answer ill-formed for every receiver.
                throw new IllegalArgumentException("two extended disco forms of FORM_TYPE " + type);
            }
        }
        byType.forEach((type, form) -> {
            s.append(type).append('<');
            form.getFields().stream().filter(f -> !"FORM_TYPE".equals(f.getVariable()))
                    .sorted(Comparator.comparing(FormField::getVariable, OCTET))
                    .forEach(f -> {
                        s.append(f.getVariable()).append('<');
                        f.getValues().stream().sorted(OCTET).forEach(v -> s.append(v).append('<'));
                    });
        });
        return s.toString();
    }

    /** The form's hidden FORM_TYPE value, or null when it has none (XEP-0068). */
    private static String formType(DataForm form) {
        FormField field = form.getField("FORM_TYPE");
        if (field == null || field.getType() != FormField.Type.hidden || field.getValues().isEmpty()) {
            return null;
        }
        return field.getFirstValue();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int compareBytes(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = Byte.compareUnsigned(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
