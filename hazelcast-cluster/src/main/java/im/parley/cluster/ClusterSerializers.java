package im.parley.cluster;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import im.parley.api.cluster.NodeMessage;
import im.parley.api.routing.Route;
import im.parley.api.xml.XmlText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * How the values Parley puts into Hazelcast travel between nodes. Stream serializers let the
 * core's records stay immutable (DataSerializable would need mutable fields and a no-argument
 * constructor) and keep Java serialization off the wire.
 */
final class ClusterSerializers {
    private static final int ROUTE = 7101;
    private static final int NODE_MESSAGE = 7102;
    private static final int COUNTER_INCREMENT = 7103;
    private static final int COUNTER_WINDOW = 7104;
    private static final int ROUTE_ANSWER = 7105;

    private ClusterSerializers() {
    }

    static void register(SerializationConfig config) {
        config.addSerializerConfig(new SerializerConfig().setTypeClass(Route.class).setImplementation(new RouteSerializer()));
        config.addSerializerConfig(new SerializerConfig().setTypeClass(NodeMessage.class)
                .setImplementation(new NodeMessageSerializer()));
        config.addSerializerConfig(new SerializerConfig().setTypeClass(CounterIncrement.class)
                .setImplementation(new CounterIncrementSerializer()));
        config.addSerializerConfig(new SerializerConfig().setTypeClass(CounterIncrement.Window.class)
                .setImplementation(new CounterWindowSerializer()));
        config.addSerializerConfig(new SerializerConfig().setTypeClass(RouteExchange.Answer.class)
                .setImplementation(new RouteAnswerSerializer()));
    }

    /** A route: its presence travels as the stanza's XML, its flags as strings. */
    static final class RouteSerializer implements StreamSerializer<Route> {
        @Override
        public int getTypeId() {
            return ROUTE;
        }

        @Override
        public void write(ObjectDataOutput out, Route route) throws IOException {
            out.writeString(route.address().toString());
            out.writeString(route.node());
            out.writeString(route.streamId());
            out.writeBoolean(route.available());
            out.writeInt(route.priority());
            out.writeString(route.presence() == null ? null : route.presence().toXML());
            out.writeStringArray(route.flags().toArray(String[]::new));
        }

        @Override
        public Route read(ObjectDataInput in) throws IOException {
            JID address = new JID(in.readString());
            String node = in.readString();
            String streamId = in.readString();
            boolean available = in.readBoolean();
            int priority = in.readInt();
            String presenceXml = in.readString();
            Presence presence = presenceXml == null ? null : new Presence(XmlText.parse(presenceXml), true);
            return new Route(address, node, streamId, available, priority, presence, Set.of(in.readStringArray()));
        }
    }

    /** A node-to-node message; the kind travels by name so that adding one does not shift the others. */
    static final class NodeMessageSerializer implements StreamSerializer<NodeMessage> {
        @Override
        public int getTypeId() {
            return NODE_MESSAGE;
        }

        @Override
        public void write(ObjectDataOutput out, NodeMessage message) throws IOException {
            out.writeString(message.kind().name());
            out.writeString(message.target());
            out.writeString(message.streamId());
            out.writeString(message.payload());
            out.writeString(message.receipt());
        }

        @Override
        public NodeMessage read(ObjectDataInput in) throws IOException {
            return new NodeMessage(NodeMessage.Kind.valueOf(in.readString()), in.readString(), in.readString(),
                    in.readString(), in.readString());
        }
    }

    /** The counter step sent to a counter's partition owner. */
    static final class CounterIncrementSerializer implements StreamSerializer<CounterIncrement> {
        @Override
        public int getTypeId() {
            return COUNTER_INCREMENT;
        }

        @Override
        public void write(ObjectDataOutput out, CounterIncrement increment) throws IOException {
            out.writeLong(increment.delta());
            out.writeLong(increment.windowMillis());
        }

        @Override
        public CounterIncrement read(ObjectDataInput in) throws IOException {
            return new CounterIncrement(in.readLong(), in.readLong());
        }
    }

    /** A counter's value with the end of its window. */
    static final class CounterWindowSerializer implements StreamSerializer<CounterIncrement.Window> {
        @Override
        public int getTypeId() {
            return COUNTER_WINDOW;
        }

        @Override
        public void write(ObjectDataOutput out, CounterIncrement.Window window) throws IOException {
            out.writeLong(window.endMillis());
            out.writeLong(window.value());
        }

        @Override
        public CounterIncrement.Window read(ObjectDataInput in) throws IOException {
            return new CounterIncrement.Window(in.readLong(), in.readLong());
        }
    }

    /** A part of a node's routes, sent to a node that merged back after a split brain. */
    static final class RouteAnswerSerializer implements StreamSerializer<RouteExchange.Answer> {
        private final RouteSerializer routes = new RouteSerializer();

        @Override
        public int getTypeId() {
            return ROUTE_ANSWER;
        }

        @Override
        public void write(ObjectDataOutput out, RouteExchange.Answer answer) throws IOException {
            out.writeString(answer.exchange());
            out.writeString(answer.node());
            out.writeBoolean(answer.last());
            out.writeInt(answer.routes().size());
            for (Route route : answer.routes()) {
                routes.write(out, route);
            }
        }

        @Override
        public RouteExchange.Answer read(ObjectDataInput in) throws IOException {
            String exchange = in.readString();
            String node = in.readString();
            boolean last = in.readBoolean();
            int size = in.readInt();
            List<Route> read = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                read.add(routes.read(in));
            }
            return new RouteExchange.Answer(exchange, node, read, last);
        }
    }
}
