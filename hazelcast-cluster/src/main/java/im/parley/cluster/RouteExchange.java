package im.parley.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import im.parley.api.routing.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a node's session directory up to date once it has merged back after a split brain.
 * Hazelcast empties the merging node's copy of the replicated map and fills it in again only
 * later (its anti-entropy task runs every 30 s), without map events, so that node would not learn
 * the routes the other side already had. It asks every other node instead; each answers with its
 * own routes (every node is the authority for those) and with the stored routes naming the node
 * that asked, which drops those it no longer has.
 */
final class RouteExchange {
    private static final Logger LOG = LoggerFactory.getLogger(RouteExchange.class);
    /** Routes per answer message, so that a node with many sessions sends no single huge packet. */
    private static final int BATCH = 500;

    private final HazelcastInstance hazelcast;
    private final String localNode;
    private final HazelcastRoutingTable routes;
    private final ITopic<String> requests;
    /** The exchange this node waits on, or null; guarded by this. */
    private Exchange current;

    RouteExchange(HazelcastInstance hazelcast, String localNode, HazelcastRoutingTable routes) {
        this.hazelcast = hazelcast;
        this.localNode = localNode;
        this.routes = routes;
        this.requests = hazelcast.getTopic(HazelcastSettings.ROUTE_REQUEST_TOPIC);
        requests.addMessageListener(this::answer);
        hazelcast.<Answer>getTopic(HazelcastSettings.ROUTE_ANSWER_PREFIX + localNode)
                .addMessageListener(m -> received(m.getMessageObject()));
    }

    /**
     * Asks the other nodes for their routes and waits until each has answered or left, or the
     * deadline ({@link System#nanoTime()}) has passed. Runs on Hazelcast's merge thread, after
     * {@link HazelcastRoutingTable#merged}.
     *
     * @return the nodes that did not answer
     */
    Set<String> exchange(Set<String> others, long deadline) {
        Exchange exchange = new Exchange(UUID.randomUUID().toString(), new HashSet<>(others));
        routes.expectAnswers();
        try {
            synchronized (this) {
                current = exchange;
            }
            if (!others.isEmpty()) {
                requests.publish(exchange.id);
            }
            return awaitAnswers(exchange, deadline);
        } finally {
            synchronized (this) {
                current = null;
            }
            routes.answersTaken();
        }
    }

    /** A node left: an exchange waits for it no longer. */
    synchronized void memberLeft(String node) {
        if (current != null && current.awaited.remove(node)) {
            notifyAll();
        }
    }

    private synchronized Set<String> awaitAnswers(Exchange exchange, long deadline) {
        try {
            for (long left = deadline - System.nanoTime(); !exchange.awaited.isEmpty() && left > 0;
                    left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            // The member is shutting down.
            Thread.currentThread().interrupt();
        }
        return Set.copyOf(exchange.awaited);
    }

    private void answer(Message<String> request) {
        String asker = HazelcastSettings.nodeId(request.getPublishingMember());
        if (asker.equals(localNode)) {
            return;
        }
        try {
            Set<Member> members = hazelcast.getCluster().getMembers();
            if (members.iterator().next().localMember()) {
                // The merge may have brought back routes of nodes that are gone; one node, the oldest, removes them.
                routes.sweep(members.stream().map(HazelcastSettings::nodeId).collect(Collectors.toSet()));
            }
            List<Route> answer = routes.answerFor(asker);
            ITopic<Answer> topic = hazelcast.getTopic(HazelcastSettings.ROUTE_ANSWER_PREFIX + asker);
            int from = 0;
            do {
                int to = Math.min(answer.size(), from + BATCH);
                topic.publish(new Answer(request.getMessageObject(), localNode, answer.subList(from, to),
                        to == answer.size()));
                from = to;
            } while (from < answer.size());
            LOG.info("Sent node {}, which merged back after a split brain, {} routes", asker, answer.size());
        } catch (RuntimeException e) {
            LOG.warn("Could not send node {}, which merged back after a split brain, this node's routes", asker, e);
        }
    }

    private synchronized void received(Answer answer) {
        Exchange exchange = current;
        if (exchange == null || !exchange.id.equals(answer.exchange()) || !exchange.awaited.contains(answer.node())) {
            return;
        }
        List<Route> parts = exchange.answers.computeIfAbsent(answer.node(), n -> new ArrayList<>());
        parts.addAll(answer.routes());
        if (answer.last()) {
            routes.takeAnswer(answer.node(), parts);
            exchange.awaited.remove(answer.node());
            notifyAll();
        }
    }

    /** One round of asking: the nodes still awaited and the answers in parts so far. */
    private static final class Exchange {
        final String id;
        final Set<String> awaited;
        final Map<String, List<Route>> answers = new HashMap<>();

        Exchange(String id, Set<String> awaited) {
            this.id = id;
            this.awaited = awaited;
        }
    }

    /**
     * A part of a node's answer.
     *
     * @param exchange the id of the request it answers
     * @param node the answering node
     * @param routes its own routes and the stored routes naming the node that asked
     * @param last whether this is the answer's last part
     */
    record Answer(String exchange, String node, List<Route> routes, boolean last) {
        Answer {
            routes = List.copyOf(routes);
        }
    }
}
