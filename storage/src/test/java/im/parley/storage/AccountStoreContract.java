package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.account.AccountStore;
import im.parley.api.account.ScramCredential;
import im.parley.api.account.ScramHash;
import im.parley.api.account.StoredAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountStore} must do, run against each backend by a subclass that supplies
 * the store. Each test works in domains of its own, so tests can share a database (and run while
 * other data is in it) without wiping tables. Copy this shape for every new repository: one
 * contract, one subclass per backend.
 */
abstract class AccountStoreContract {
    private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09.123456Z");

    /** A fresh domain per test (JUnit makes a new instance for each test method). */
    private final String domain = "d" + UUID.randomUUID().toString().replace("-", "") + ".test";
    private final String other = "other." + domain;
    private final String longDomain = "l" + "o".repeat(240) + "ng." + domain;
    private final Random random = new Random(42);

    /** The store under test; may be shared by all tests of the class. */
    protected abstract AccountStore store();

    /** Deletes what the test made, so that a database kept between runs does not grow. */
    @AfterEach
    void deleteTestAccounts() {
        for (String d : List.of(domain, other, longDomain)) {
            store().list(d, 0, Integer.MAX_VALUE).forEach(username -> store().delete(username, d));
        }
    }

    @Test
    void findsNothingForAMissingAccount() {
        assertEquals(Optional.empty(), store().find("nobody", domain));
    }

    @Test
    void createdAccountIsFoundWithEveryByteOfItsCredentials() {
        StoredAccount account = account("romeo", CREATED, credential(ScramHash.SHA_1), credential(ScramHash.SHA_256));

        assertTrue(store().create(account));

        StoredAccount found = store().find("romeo", domain).orElseThrow();
        assertSame(account, found);
    }

    @Test
    void createdTimeSurvivesTheYear2038() {
        Instant late = Instant.parse("2100-01-19T03:14:08.654321Z");
        store().create(account("late", late, credential(ScramHash.SHA_256)));

        assertEquals(late, store().find("late", domain).orElseThrow().created());
    }

    @Test
    void createdTimeIsKeptToTheMicrosecond() {
        Instant precise = Instant.parse("2024-05-06T07:08:09.123456789Z");
        store().create(account("precise", precise));

        Instant found = store().find("precise", domain).orElseThrow().created();
        assertEquals(precise.truncatedTo(ChronoUnit.MICROS), found.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void accountWithoutCredentialsRoundTrips() {
        store().create(account("bare", CREATED));

        assertEquals(List.of(), store().find("bare", domain).orElseThrow().credentials());
    }

    @Test
    void nonAsciiAndLongestNamesRoundTrip() {
        String unicode = "jüliet-ромео-\u6771\u4eac-\uD83C\uDF39";
        String longest = "x".repeat(1023);
        assertTrue(store().create(account(unicode, CREATED, credential(ScramHash.SHA_256))));
        assertTrue(store().create(new StoredAccount(longest, longDomain, List.of(credential(ScramHash.SHA_1)), CREATED)));

        assertEquals(unicode, store().find(unicode, domain).orElseThrow().username());
        assertEquals(longest, store().find(longest, longDomain).orElseThrow().username());
        assertEquals(List.of(longest), store().list(longDomain, 0, 10));
    }

    @Test
    void namesAreComparedExactly() {
        store().create(account("juliet", CREATED));

        assertEquals(Optional.empty(), store().find("Juliet", domain));
        assertEquals(Optional.empty(), store().find("juliet ", domain));
        assertTrue(store().create(account("Juliet", CREATED)), "usernames are stored prepped, so case matters");
    }

    @Test
    void secondCreateOfTheSameAccountFailsAndKeepsTheFirst() {
        StoredAccount first = account("romeo", CREATED, credential(ScramHash.SHA_256));
        StoredAccount second = account("romeo", CREATED.plusSeconds(60), credential(ScramHash.SHA_256));
        assertTrue(store().create(first));

        assertFalse(store().create(second));

        assertSame(first, store().find("romeo", domain).orElseThrow());
        assertEquals(1, store().count(domain));
    }

    @Test
    void sameUsernameInAnotherDomainIsAnotherAccount() {
        assertTrue(store().create(account("romeo", CREATED, credential(ScramHash.SHA_1))));
        StoredAccount elsewhere = new StoredAccount("romeo", other, List.of(credential(ScramHash.SHA_256)), CREATED);

        assertTrue(store().create(elsewhere));

        assertSame(elsewhere, store().find("romeo", other).orElseThrow());
        assertTrue(store().delete("romeo", other));
        assertTrue(store().find("romeo", domain).isPresent());
    }

    @Test
    void updateCredentialsReplacesThemAll() {
        StoredAccount account = account("romeo", CREATED, credential(ScramHash.SHA_1), credential(ScramHash.SHA_256));
        store().create(account);
        ScramCredential replacement = credential(ScramHash.SHA_256);

        assertTrue(store().updateCredentials("romeo", domain, List.of(replacement)));

        StoredAccount found = store().find("romeo", domain).orElseThrow();
        assertEquals(List.of(replacement), found.credentials());
        assertEquals(CREATED, found.created());
    }

    @Test
    void updateCredentialsOfAMissingAccountFails() {
        assertFalse(store().updateCredentials("nobody", domain, List.of(credential(ScramHash.SHA_256))));
        assertEquals(Optional.empty(), store().find("nobody", domain));
    }

    @Test
    void deleteRemovesTheAccountAndItsCredentials() {
        store().create(account("romeo", CREATED, credential(ScramHash.SHA_1), credential(ScramHash.SHA_256)));

        assertTrue(store().delete("romeo", domain));

        assertEquals(Optional.empty(), store().find("romeo", domain));
        assertEquals(0, store().count(domain));
        StoredAccount again = account("romeo", CREATED, credential(ScramHash.SHA_256));
        assertTrue(store().create(again), "the name is free again");
        assertSame(again, store().find("romeo", domain).orElseThrow());
    }

    @Test
    void deleteOfAMissingAccountFails() {
        assertFalse(store().delete("nobody", domain));
        store().create(account("romeo", CREATED));
        assertFalse(store().delete("romeo", other));
        assertEquals(1, store().count(domain));
    }

    @Test
    void listIsAlphabeticalAndPaged() {
        List<String> names = new ArrayList<>(List.of("delta", "alpha", "élodie", "charlie", "bravo", "echo", "Zulu"));
        for (String name : names) {
            store().create(account(name, CREATED));
        }
        Collections.sort(names);

        assertEquals(names.subList(0, 3), store().list(domain, 0, 3));
        assertEquals(names.subList(3, 6), store().list(domain, 3, 3));
        assertEquals(names.subList(6, 7), store().list(domain, 6, 3));
        assertEquals(List.of(), store().list(domain, 7, 3));
        assertEquals(List.of(), store().list(domain, 0, 0));
        assertEquals(names, store().list(domain, 0, Integer.MAX_VALUE));
        assertEquals(List.of("Zulu", "alpha", "bravo", "charlie", "delta", "echo", "élodie"), names,
                "code point order: upper case first, accented letters after z");
    }

    @Test
    void negativePagingIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> store().list(domain, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> store().list(domain, 0, -1));
    }

    @Test
    void listAndCountSeeOnlyTheirDomain() {
        store().create(account("romeo", CREATED));
        store().create(account("juliet", CREATED));
        store().create(new StoredAccount("mercutio", other, List.of(), CREATED));

        assertEquals(List.of("juliet", "romeo"), store().list(domain, 0, 10));
        assertEquals(List.of("mercutio"), store().list(other, 0, 10));
        assertEquals(2, store().count(domain));
        assertEquals(1, store().count(other));
        assertEquals(0, store().count("empty." + domain));
        assertEquals(List.of(), store().list("empty." + domain, 0, 10));
    }

    @Test
    void concurrentCreatesOfOneAccountHaveExactlyOneWinner() throws Exception {
        // Several rounds, because one round may happen not to overlap.
        for (int round = 0; round < 5; round++) {
            String username = "contested" + round;
            List<StoredAccount> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(account(username, CREATED.plusSeconds(i), credential(ScramHash.SHA_1), credential(ScramHash.SHA_256)));
            }

            List<Boolean> results = Race.run(attempts.stream().<Callable<Boolean>>map(a -> () -> store().create(a)).toList());

            assertEquals(1, results.stream().filter(r -> r).count(), "round " + round + ": " + results);
            StoredAccount winner = attempts.get(results.indexOf(true));
            assertSame(winner, store().find(username, domain).orElseThrow());
        }
        assertEquals(5, store().count(domain));
    }

    @Test
    void concurrentCreatesOfDifferentAccountsAllSucceed() throws Exception {
        List<Callable<Boolean>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            StoredAccount a = account("user" + i, CREATED, credential(ScramHash.SHA_256));
            creates.add(() -> store().create(a));
        }

        assertEquals(Collections.nCopies(8, true), Race.run(creates));
        assertEquals(8, store().count(domain));
    }


    /** Equal in every field, credentials compared byte by byte and regardless of order. */
    private static void assertSame(StoredAccount expected, StoredAccount actual) {
        assertEquals(expected.username(), actual.username());
        assertEquals(expected.domain(), actual.domain());
        assertEquals(expected.created(), actual.created());
        assertEquals(new HashSet<>(expected.credentials()), new HashSet<>(actual.credentials()));
        assertEquals(expected.credentials().size(), actual.credentials().size());
        for (ScramCredential c : expected.credentials()) {
            ScramCredential stored = actual.credential(c.hash()).orElseThrow();
            assertTrue(java.util.Arrays.equals(c.salt(), stored.salt()), "salt of " + c.hash());
            assertTrue(java.util.Arrays.equals(c.storedKey(), stored.storedKey()), "stored key of " + c.hash());
            assertTrue(java.util.Arrays.equals(c.serverKey(), stored.serverKey()), "server key of " + c.hash());
            assertEquals(c.iterations(), stored.iterations());
        }
    }

    private StoredAccount account(String username, Instant created, ScramCredential... credentials) {
        return new StoredAccount(username, domain, List.of(credentials), created);
    }

    /** A credential with random bytes, including zero and high bytes that a text column would mangle. */
    private ScramCredential credential(ScramHash hash) {
        byte[] salt = new byte[16];
        byte[] storedKey = new byte[hash.length()];
        byte[] serverKey = new byte[hash.length()];
        random.nextBytes(salt);
        random.nextBytes(storedKey);
        random.nextBytes(serverKey);
        salt[0] = 0;
        storedKey[0] = (byte) 0xff;
        serverKey[0] = (byte) 0x80;
        return new ScramCredential(hash, salt, 4096 + random.nextInt(1000), storedKey, serverKey);
    }
}
