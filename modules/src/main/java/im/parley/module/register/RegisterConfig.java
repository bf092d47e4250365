package im.parley.module.register;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import java.time.Duration;

/** The {@code register} section. */
@Doc("XEP-0077 in-band registration and, for logged-in users, password change and account removal.")
public record RegisterConfig(
        @Doc("Whether anyone may create an account from a client before logging in. Off by default: "
                + "open registration attracts spammers; admins create accounts with the CLI or admin commands.")
        @Default("false") boolean allowRegistration,
        @Doc("Accounts one IP address may create per window (0 for no limit).")
        @Default("5") @Min("0") int registrationsPerAddress,
        @Doc("The window for registrations_per_address.")
        @Default("1h") @Min("1s") Duration registrationWindow,
        @Doc("Instructions shown by clients on the registration form.")
        @Default("Choose a user name and password.") String instructions) {
}
