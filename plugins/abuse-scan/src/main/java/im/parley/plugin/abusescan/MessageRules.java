package im.parley.plugin.abusescan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin's rules: regular expressions and blocked link domains that mark a message body as spam. */
final class MessageRules {
    /** Host names in a body: after a scheme, or bare ones with a dot and a top-level domain of letters. */
    private static final Pattern HOST = Pattern.compile("(?:https?://)?((?:[a-z0-9-]+\\.)+[a-z]{2,})(?:[/:?#]|\\b)",
            Pattern.CASE_INSENSITIVE);

    private final List<Pattern> patterns;
    private final List<String> blockedDomains;

    MessageRules(List<String> patterns, List<String> blockedDomains) {
        this.patterns = patterns.stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
        this.blockedDomains = blockedDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList();
    }

    boolean isEmpty() {
        return patterns.isEmpty() && blockedDomains.isEmpty();
    }

    /** Which rule the body breaks, or empty. */
    Optional<String> broken(String body) {
        for (Pattern p : patterns) {
            if (p.matcher(body).find()) {
                return Optional.of("pattern " + p.pattern());
            }
        }
        if (!blockedDomains.isEmpty() && body.indexOf('.') >= 0) {
            Matcher m = HOST.matcher(body);
            while (m.find()) {
                String host = m.group(1).toLowerCase(Locale.ROOT);
                for (String domain : blockedDomains) {
                    if (host.equals(domain) || host.endsWith("." + domain)) {
                        return Optional.of("link to " + domain);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
