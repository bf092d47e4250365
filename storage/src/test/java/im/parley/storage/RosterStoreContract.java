package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.roster.PendingSubscription;
import im.parley.module.roster.Roster;
import im.parley.module.roster.RosterItem;
import im.parley.module.roster.RosterStore;
import im.parley.module.roster.RosterStore.Change;
import im.parley.module.roster.Subscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * What every {@link RosterStore} must do, run against each backend by a subclass that supplies the
 * store. Each test uses owners of its own, so tests can share a database kept between runs.
 */
abstract class RosterStoreContract {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final JID owner = new JID("owner-" + run, "example.test", null);
    private final JID other = new JID("other-" + run, "example.test", null);
    private final JID romeo = new JID("romeo", "montague.example", null);
    private final JID juliet = new JID("juliet", "capulet.example", null);

    /** The store under test; may be shared by all tests of the class. */
    protected abstract RosterStore store();

    @AfterEach
    void deleteTestRosters() {
        store().deleteAll(owner);
        store().deleteAll(other);
    }

    @Test
    void anOwnerWithNothingHasAnEmptyRosterAtVersionZero() {
        assertEquals(new Roster(0, List.of()), store().roster(owner));
        assertEquals(Optional.empty(), store().item(owner, romeo));
        assertEquals(0, store().size(owner));
        assertEquals(List.of(), store().pending(owner));
        assertEquals(Optional.empty(), store().pending(owner, romeo));
    }

    @Test
    void addingAnItemBumpsTheVersionAndEveryReadSeesIt() {
        RosterItem item = new RosterItem(romeo, "Romeo", Subscription.TO, true, false, Set.of("Friends"));

        Change c = store().update(owner, romeo, cur -> Optional.of(item));

        assertEquals(new Change(Optional.empty(), Optional.of(item), 1), c);
        assertTrue(c.changed());
        assertEquals(new Roster(1, List.of(item)), store().roster(owner));
        assertEquals(Optional.of(item), store().item(owner, romeo));
        assertEquals(1, store().size(owner));
    }

    @Test
    void theChangeSeesTheCurrentItemAndChangesIt() {
        RosterItem item = RosterItem.of(romeo);
        store().update(owner, romeo, cur -> Optional.of(item));
        List<Optional<RosterItem>> seen = new ArrayList<>();

        Change c = store().update(owner, romeo, cur -> {
            seen.add(cur);
            return cur.map(i -> i.withSubscription(Subscription.BOTH).withApproved(true));
        });

        assertEquals(List.of(Optional.of(item)), seen);
        RosterItem both = item.withSubscription(Subscription.BOTH).withApproved(true);
        assertEquals(new Change(Optional.of(item), Optional.of(both), 2), c);
        assertEquals(new Roster(2, List.of(both)), store().roster(owner));
    }

    @Test
    void aChangeThatChangesNothingKeepsTheVersion() {
        RosterItem item = new RosterItem(romeo, "Romeo", Subscription.FROM, false, true, Set.of("a", "b"));
        store().update(owner, romeo, cur -> Optional.of(item));

        Change same = store().update(owner, romeo, cur -> Optional.of(
                new RosterItem(romeo, "Romeo", Subscription.FROM, false, true, Set.of("b", "a"))));
        Change untouched = store().update(owner, romeo, cur -> cur);
        Change noneStaysNone = store().update(owner, juliet, cur -> cur.map(i -> i.withAsk(true)));

        assertFalse(same.changed());
        assertEquals(new Change(Optional.of(item), Optional.of(item), 1), same);
        assertEquals(new Change(Optional.of(item), Optional.of(item), 1), untouched);
        assertEquals(new Change(Optional.empty(), Optional.empty(), 1), noneStaysNone);
        assertEquals(new Roster(1, List.of(item)), store().roster(owner));
    }

    @Test
    void aChangeToAnEmptyRosterThatChangesNothingLeavesVersionZero() {
        Change c = store().update(owner, romeo, cur -> cur.map(i -> i.withAsk(true)));

        assertEquals(new Change(Optional.empty(), Optional.empty(), 0), c);
        assertEquals(new Roster(0, List.of()), store().roster(owner));
    }

    @Test
    void removingAnItemBumpsTheVersion() {
        RosterItem r = RosterItem.of(romeo);
        RosterItem j = RosterItem.of(juliet);
        store().update(owner, romeo, cur -> Optional.of(r));
        store().update(owner, juliet, cur -> Optional.of(j));

        Change removed = store().update(owner, romeo, cur -> Optional.empty());
        Change again = store().update(owner, romeo, cur -> Optional.empty());

        assertEquals(new Change(Optional.of(r), Optional.empty(), 3), removed);
        assertEquals(new Change(Optional.empty(), Optional.empty(), 3), again);
        assertEquals(new Roster(3, List.of(j)), store().roster(owner));
        assertEquals(Optional.empty(), store().item(owner, romeo));
        assertEquals(1, store().size(owner));
    }

    @Test
    void itemsAreListedInTheOrderTheyWereAddedAndKeepTheirPlaceWhenChanged() {
        List<JID> contacts = List.of(juliet, romeo, new JID("a", "z.example", null), new JID("conference.example"));
        contacts.forEach(c -> store().update(owner, c, cur -> Optional.of(RosterItem.of(c))));

        store().update(owner, juliet, cur -> cur.map(i -> i.withSubscription(Subscription.TO)));

        List<JID> listed = store().roster(owner).items().stream().map(RosterItem::contact).toList();
        assertEquals(contacts, listed);
        assertEquals(Subscription.TO, store().roster(owner).items().get(0).subscription());
        assertEquals(5, store().roster(owner).version());
    }

    @Test
    void groupsRoundTripAsASetAndChangeAsOne() {
        // 50 groups of up to 200 characters, the module's default limits.
        Set<String> groups = IntStream.range(0, 49)
                .mapToObj(i -> TestText.prefix(i + "-" + "Grüppchen-\u6771\u4eac-\uD83C\uDF39-".repeat(20), 200))
                .collect(Collectors.toSet());
        groups.add("Friends");
        RosterItem item = new RosterItem(romeo, null, Subscription.NONE, false, false, groups);
        store().update(owner, romeo, cur -> Optional.of(item));

        assertEquals(groups, store().item(owner, romeo).orElseThrow().groups());
        Set<String> changed = new HashSet<>(Set.of("Friends", "friends", "Friends ", "Family"));
        Change c = store().update(owner, romeo, cur -> cur.map(i -> i.withNameAndGroups(i.name(), changed)));

        assertEquals(changed, c.after().orElseThrow().groups());
        assertEquals(changed, store().item(owner, romeo).orElseThrow().groups(), "names compared exactly");
        assertEquals(changed, store().roster(owner).items().get(0).groups());
        assertEquals(2, c.version());
        store().update(owner, romeo, cur -> cur.map(i -> i.withNameAndGroups(i.name(), Set.of())));
        assertEquals(Set.of(), store().item(owner, romeo).orElseThrow().groups());
    }

    @Test
    void namesWithAnyCharactersRoundTrip() {
        String longName = TestText.prefix("Ромео Монтекки \uD83C\uDF39 東京 ".repeat(30), 500);
        for (String name : List.of("Roméo", longName, "  spaced  ", "")) {
            store().update(owner, romeo, cur -> Optional.of(new RosterItem(romeo, name, Subscription.NONE, false, false, Set.of())));

            assertEquals(name, store().item(owner, romeo).orElseThrow().name());
        }
        store().update(owner, romeo, cur -> cur.map(i -> i.withNameAndGroups(null, i.groups())));
        assertEquals(null, store().item(owner, romeo).orElseThrow().name());
        assertEquals(5, store().roster(owner).version());
    }

    @Test
    void jidsAreTakenBare() {
        JID ownerResource = new JID(owner.getNode(), owner.getDomain(), "phone");
        JID romeoResource = new JID(romeo.getNode(), romeo.getDomain(), "balcony");

        Change c = store().update(ownerResource, romeoResource, cur -> Optional.of(RosterItem.of(romeoResource)));

        assertEquals(romeo, c.after().orElseThrow().contact());
        assertEquals(Optional.of(RosterItem.of(romeo)), store().item(owner, romeo));
        assertEquals(Optional.of(RosterItem.of(romeo)), store().item(ownerResource, romeoResource));
        assertEquals(1, store().size(ownerResource));
        store().addPending(ownerResource, new PendingSubscription(juliet, "<presence/>"));
        assertTrue(store().removePending(ownerResource, new JID(juliet.getNode(), juliet.getDomain(), "tomb")));
    }

    @Test
    void ownersDoNotShare() {
        store().update(owner, romeo, cur -> Optional.of(RosterItem.of(romeo)));
        store().addPending(owner, new PendingSubscription(juliet, "<presence type='subscribe'/>"));

        assertEquals(new Roster(0, List.of()), store().roster(other));
        assertEquals(Optional.empty(), store().item(other, romeo));
        assertEquals(List.of(), store().pending(other));
        assertFalse(store().removePending(other, juliet));
        store().update(other, romeo, cur -> Optional.of(RosterItem.of(romeo).withAsk(true)));
        store().deleteAll(other);
        assertEquals(new Roster(1, List.of(RosterItem.of(romeo))), store().roster(owner));
        assertEquals(1, store().pending(owner).size());
    }

    @Test
    void pendingRequestsAreAddedReplacedAndRemovedWithoutTouchingTheVersion() {
        PendingSubscription fromRomeo = new PendingSubscription(romeo, "<presence from='romeo@montague.example' type='subscribe'/>");
        PendingSubscription fromJuliet = new PendingSubscription(juliet, "<presence type='subscribe'><status>hi</status></presence>");
        PendingSubscription romeoAgain = new PendingSubscription(romeo, "<presence type='subscribe'><status>again</status></presence>");

        store().addPending(owner, fromRomeo);
        store().addPending(owner, fromJuliet);
        assertEquals(List.of(fromRomeo, fromJuliet), store().pending(owner));
        store().addPending(owner, romeoAgain);

        assertEquals(List.of(romeoAgain, fromJuliet), store().pending(owner), "replaced in place");
        assertEquals(Optional.of(romeoAgain), store().pending(owner, romeo));
        assertTrue(store().removePending(owner, romeo));
        assertFalse(store().removePending(owner, romeo));
        assertEquals(List.of(fromJuliet), store().pending(owner));
        assertEquals(Optional.empty(), store().pending(owner, romeo));
        assertEquals(new Roster(0, List.of()), store().roster(owner));
    }

    @Test
    void aLargePendingStanzaRoundTrips() {
        String status = TestText.prefix("Wherefore art thou \uD83C\uDF39 Ромео 東京 ".repeat(2500), 64 * 1024 - 100);
        PendingSubscription big = new PendingSubscription(romeo, "<presence type='subscribe'><status>" + status + "</status></presence>");

        store().addPending(owner, big);

        assertEquals(Optional.of(big), store().pending(owner, romeo));
    }

    @Test
    void deleteAllForgetsItemsPendingRequestsAndTheVersion() {
        store().update(owner, romeo, cur -> Optional.of(new RosterItem(romeo, "R", Subscription.BOTH, false, false, Set.of("g"))));
        store().update(owner, juliet, cur -> Optional.of(RosterItem.of(juliet)));
        store().addPending(owner, new PendingSubscription(juliet, "<presence/>"));

        store().deleteAll(owner);
        store().deleteAll(owner);

        assertEquals(new Roster(0, List.of()), store().roster(owner));
        assertEquals(0, store().size(owner));
        assertEquals(List.of(), store().pending(owner));
        assertEquals(1, store().update(owner, romeo, cur -> Optional.of(RosterItem.of(romeo))).version(),
                "a new roster starts again");
        assertEquals(Set.of(), store().item(owner, romeo).orElseThrow().groups());
    }

    @Test
    void concurrentChangesOfOneRosterLoseNothing() throws Exception {
        int threads = 8;
        int rounds = 10;
        JID counter = new JID("counter", "example.test", null);
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JID mine = new JID("contact" + t, "example.test", null);
            tasks.add(() -> {
                List<Long> versions = new ArrayList<>();
                versions.add(store().update(owner, mine, cur -> Optional.of(RosterItem.of(mine))).version());
                for (int i = 0; i < rounds; i++) {
                    versions.add(store().update(owner, counter, cur -> Optional.of(cur
                            .map(c -> c.withNameAndGroups(String.valueOf(Integer.parseInt(c.name()) + 1), c.groups()))
                            .orElse(new RosterItem(counter, "1", Subscription.NONE, false, false, Set.of())))).version());
                }
                return versions;
            });
        }

        List<List<Long>> results = Race.run(tasks);

        int changes = threads * (1 + rounds);
        assertEquals(String.valueOf(threads * rounds), store().item(owner, counter).orElseThrow().name(), "no increment lost");
        assertEquals(threads + 1, store().size(owner));
        assertEquals(changes, store().roster(owner).version());
        List<Long> all = results.stream().flatMap(List::stream).sorted().toList();
        assertEquals(LongStream.rangeClosed(1, changes).boxed().toList(), all, "every change has a version of its own");
        for (List<Long> versions : results) {
            assertEquals(versions.stream().sorted().toList(), versions, "versions increase");
        }
    }

    @Test
    void concurrentPendingRequestsForANewOwnerAreAllKept() throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            JID contact = new JID("asker" + t, "example.test", null);
            tasks.add(() -> {
                store().addPending(owner, new PendingSubscription(contact, "<presence n='" + contact + "'/>"));
                return null;
            });
        }

        Race.run(tasks);

        assertEquals(8, store().pending(owner).size());
    }
}
