package im.parley.core.dispatch;

import im.parley.api.StreamStage;
import im.parley.api.session.LocalSession;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stream features that modules offer at each stage of negotiation. */
public final class StreamFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFeatures.class);

    private final Map<StreamStage, Ordered<Function<LocalSession, Element>>> features = new EnumMap<>(StreamStage.class);

    public StreamFeatures() {
        for (StreamStage stage : StreamStage.values()) {
            features.put(stage, new Ordered<>());
        }
    }

    Runnable add(StreamStage stage, String owner, Function<LocalSession, Element> feature) {
        return features.get(stage).add(0, owner, feature);
    }

    /** The feature elements to offer a session at a stage. */
    public List<Element> offered(StreamStage stage, LocalSession session) {
        List<Element> result = new ArrayList<>();
        for (Ordered.Owned<Function<LocalSession, Element>> f : features.get(stage).snapshot()) {
            try {
                Element element = f.value().apply(session);
                if (element != null) {
                    result.add(element);
                }
            } catch (RuntimeException e) {
                LOG.error("Module '{}' failed building a stream feature", f.owner(), e);
            }
        }
        return result;
    }
}
