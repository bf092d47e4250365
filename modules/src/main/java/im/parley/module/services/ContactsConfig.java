package im.parley.module.services;

import im.parley.api.config.Doc;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** XEP-0157 contact addresses ({@code services.contacts}), each a list of URIs (mailto:, xmpp:, https:). */
@Doc("XEP-0157 addresses where people reach the server's operators, published in the server's disco#info.")
public record ContactsConfig(
        @Doc("Where to report abuse, e.g. [mailto:abuse@example.org].") List<String> abuse,
        @Doc("The server's administrators.") List<String> admin,
        @Doc("Where to send feedback.") List<String> feedback,
        @Doc("Sales enquiries.") List<String> sales,
        @Doc("Where to report security issues.") List<String> security,
        @Doc("Where the service's status is announced, e.g. [https://status.example.org].") List<String> status,
        @Doc("User support.") List<String> support) {

    public ContactsConfig {
        abuse = uris("abuse", abuse);
        admin = uris("admin", admin);
        feedback = uris("feedback", feedback);
        sales = uris("sales", sales);
        security = uris("security", security);
        status = uris("status", status);
        support = uris("support", support);
    }

    /** The XEP-0157 field names ({@code abuse-addresses}, ...) with their configured URIs, in field order. */
    public Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("abuse-addresses", abuse);
        fields.put("admin-addresses", admin);
        fields.put("feedback-addresses", feedback);
        fields.put("sales-addresses", sales);
        fields.put("security-addresses", security);
        fields.put("status-addresses", status);
        fields.put("support-addresses", support);
        return Collections.unmodifiableMap(fields);
    }

    private static List<String> uris(String key, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (!isAbsoluteUri(value)) {
                throw new IllegalArgumentException("'" + key + "' takes URIs such as mailto:abuse@example.org, "
                        + "xmpp:admin@example.org or https://example.org/contact, got '" + value + "'");
            }
        }
        return values.stream().map(String::trim).toList();
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return value != null && new URI(value.trim()).getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
