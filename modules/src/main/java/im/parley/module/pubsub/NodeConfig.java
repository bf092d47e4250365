package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.PacketError;

/**
 * A node's configuration (XEP-0060 §16.4.4, FORM_TYPE pubsub#node_config): the values of the
 * fields this service supports, by field name without the {@code pubsub#} prefix. Values are
 * checked when set, so a stored configuration is always valid.
 *
 * @param values every supported field's values; max_items is a number or "max"
 */
public record NodeConfig(Map<String, List<String>> values) {
    /** The fields and what they accept; order is the order of the form. */
    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        field("title", FormField.Type.text_single, "A friendly name for the node");
        field("max_items", FormField.Type.text_single, "Max # of items to persist (a number or max)");
        field("persist_items", FormField.Type.boolean_type, "Persist items to storage");
        field("access_model", FormField.Type.list_single, "Who may subscribe and retrieve items",
                "open", "presence", "roster", "whitelist");
        field("roster_groups_allowed", FormField.Type.list_multi, "Roster groups allowed to subscribe");
        field("publish_model", FormField.Type.list_single, "Who may publish", "publishers", "subscribers", "open");
        field("deliver_notifications", FormField.Type.boolean_type, "Deliver event notifications");
        field("deliver_payloads", FormField.Type.boolean_type, "Deliver payloads with event notifications");
        field("notify_retract", FormField.Type.boolean_type, "Notify subscribers when items are removed from the node");
        field("notify_delete", FormField.Type.boolean_type, "Notify subscribers when the node is deleted");
        field("notify_config", FormField.Type.boolean_type, "Notify subscribers when the node configuration changes");
        field("send_last_published_item", FormField.Type.list_single, "When to send the last published item",
                "never", "on_sub", "on_sub_and_presence");
        field("notification_type", FormField.Type.list_single, "Message type of notifications", "normal", "headline");
        field("type", FormField.Type.text_single, "The type of node data, usually a namespace");
    }

    private record Field(FormField.Type type, String label, Set<String> options) {
    }

    private static void field(String name, FormField.Type type, String label, String... options) {
        FIELDS.put(name, new Field(type, label, Set.of(options)));
    }

    public NodeConfig {
        values = Map.copyOf(values);
    }

    /** The defaults of a PEP node (XEP-0163 §5) or of a node of the pubsub service. */
    public static NodeConfig defaults(boolean pep) {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("title", List.of());
        v.put("max_items", List.of(pep ? "1" : "10"));
        v.put("persist_items", List.of("true"));
        v.put("access_model", List.of(pep ? "presence" : "open"));
        v.put("roster_groups_allowed", List.of());
        v.put("publish_model", List.of("publishers"));
        v.put("deliver_notifications", List.of("true"));
        v.put("deliver_payloads", List.of("true"));
        v.put("notify_retract", List.of("true"));
        v.put("notify_delete", List.of("true"));
        v.put("notify_config", List.of("false"));
        v.put("send_last_published_item", List.of(pep ? "on_sub_and_presence" : "on_sub"));
        v.put("notification_type", List.of("headline"));
        v.put("type", List.of());
        return new NodeConfig(v);
    }

    /** Whether the field is one this service knows, by its name without {@code pubsub#}. */
    public static boolean supports(String name) {
        return FIELDS.containsKey(name);
    }

    /** A copy with one field changed; a value the field does not accept is bad-request (XEP-0060 §8.2.5.3). */
    public NodeConfig with(String name, List<String> newValues) throws StanzaException {
        Field field = FIELDS.get(name);
        if (field == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "unknown field pubsub#" + name);
        }
        List<String> normalised = new ArrayList<>();
        for (String value : newValues) {
            normalised.add(check(name, field, value == null ? "" : value.trim()));
        }
        if (field.type() != FormField.Type.list_multi && normalised.size() > 1) {
            throw new StanzaException(PacketError.Condition.bad_request, "pubsub#" + name + " takes one value");
        }
        Map<String, List<String>> v = new LinkedHashMap<>(values);
        v.put(name, List.copyOf(normalised));
        return new NodeConfig(v);
    }

    private static String check(String name, Field field, String value) throws StanzaException {
        if (field.type() == FormField.Type.boolean_type) {
            if (value.equals("1") || value.equals("true")) {
                return "true";
            }
            if (value.equals("0") || value.equals("false")) {
                return "false";
            }
        } else if (name.equals("max_items")) {
            if (value.equals("max") || value.matches("[0-9]{1,9}") && Integer.parseInt(value) > 0) {
                return value;
            }
        } else if (field.options().isEmpty() || field.options().contains(value)) {
            return value;
        }
        throw new StanzaException(PacketError.Condition.bad_request, "'" + value + "' is not a value of pubsub#" + name);
    }

    /** Applies the fields of a submitted form (XEP-0060 §8.2.4); fields this service does not know are ignored. */
    public NodeConfig apply(DataForm form) throws StanzaException {
        NodeConfig config = this;
        for (FormField f : form.getFields()) {
            String name = shortName(f.getVariable());
            if (name != null && FIELDS.containsKey(name)) {
                config = config.with(name, f.getValues());
            }
        }
        return config;
    }

    /** The field name without {@code pubsub#}, or null for FORM_TYPE and fields of other forms. */
    static String shortName(String var) {
        return var != null && var.startsWith("pubsub#") ? var.substring("pubsub#".length()) : null;
    }

    public String value(String name) {
        List<String> v = values.getOrDefault(name, List.of());
        return v.isEmpty() ? null : v.get(0);
    }

    public boolean flag(String name) {
        return "true".equals(value(name));
    }

    public String accessModel() {
        return value("access_model");
    }

    public List<String> rosterGroups() {
        return values.getOrDefault("roster_groups_allowed", List.of());
    }

    /** Items kept: the node's max_items, "max" and anything above the limit meaning the limit. */
    public int maxItems(int limit) {
        String v = value("max_items");
        return v == null || v.equals("max") ? limit : Math.min(limit, Integer.parseInt(v));
    }

    /** The node_config form (XEP-0060 §8.2.1), of type form to fill in or result to read. */
    public DataForm form(DataForm.Type type, int itemLimit) {
        DataForm form = new DataForm(type);
        FormField formType = form.addField("FORM_TYPE", null, FormField.Type.hidden);
        formType.addValue(PubSub.NODE_CONFIG);
        FIELDS.forEach((name, field) -> {
            FormField f = form.addField("pubsub#" + name, field.label(), field.type());
            field.options().stream().sorted().forEach(o -> f.addOption(null, o));
            if (name.equals("max_items")) {
                f.addValue(String.valueOf(maxItems(itemLimit)));
            } else {
                values.getOrDefault(name, List.of()).forEach(f::addValue);
            }
        });
        return form;
    }

    /** As text for storage: one {@code name=value} line per value. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        values.forEach((name, vs) -> vs.forEach(v -> s.append(name).append('=').append(v.replace("\n", " ")).append('\n')));
        return s.toString();
    }

    /** Reads {@link #toText()} back onto the defaults, so fields added since keep their defaults. */
    public static NodeConfig fromText(String text, boolean pep) {
        Map<String, List<String>> v = new LinkedHashMap<>(defaults(pep).values());
        Map<String, List<String>> read = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && FIELDS.containsKey(line.substring(0, eq))) {
                read.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        // Fields read replace the defaults; one stored without values (an empty title) keeps the default, also empty.
        v.putAll(read);
        return new NodeConfig(v);
    }
}
