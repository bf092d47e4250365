package im.parley.core.config;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The {@code auth} section. */
@Doc("Authentication: SASL mechanisms, password storage and protection against guessing.")
public record AuthConfig(
        @Doc("SASL mechanisms offered, in order of preference. PLAIN is only offered on encrypted streams.")
        @Default("[SCRAM-SHA-256-PLUS, SCRAM-SHA-1-PLUS, SCRAM-SHA-256, SCRAM-SHA-1, PLAIN]") List<String> mechanisms,
        @Doc("PBKDF2 iterations for newly stored passwords (RFC 7677 asks for at least 4096).")
        @Default("10000") @Min("4096") @Max("10000000") int scramIterations,
        @Doc("Failed attempts allowed on one stream before it is closed (RFC 6120 §6.4.5 asks for 2 to 5).")
        @Default("5") @Min("2") @Max("5") int maxAttemptsPerStream,
        @Doc("Failures from one IP address answered without delay before delays start.")
        @Default("3") @Min("0") int failuresBeforeDelay,
        @Doc("First delay before answering a failed attempt; it doubles with each further failure from the same address.")
        @Default("1s") Duration failureDelay,
        @Doc("Longest delay before answering a failed attempt.")
        @Default("30s") Duration maxFailureDelay,
        @Doc("How long a failure counts against its address.")
        @Default("15m") @Min("1s") Duration failureWindow,
        @Doc("Shortest password accepted for new accounts and password changes.")
        @Default("8") @Min("1") int minPasswordLength) {

    /** The mechanisms the server implements. */
    public static final Set<String> SUPPORTED = Set.of(
            "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");

    public AuthConfig {
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("'mechanisms' must name at least one of " + SUPPORTED);
        }
        for (String m : mechanisms) {
            if (!SUPPORTED.contains(m)) {
                throw new IllegalArgumentException("'mechanisms' accepts " + SUPPORTED + ", got '" + m + "'");
            }
        }
    }
}
