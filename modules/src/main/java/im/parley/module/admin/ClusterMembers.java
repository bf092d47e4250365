package im.parley.module.admin;

import im.parley.api.ModuleContext;
import im.parley.api.cluster.ClusterMember;
import im.parley.api.routing.Route;
import java.util.Map;
import java.util.stream.Collectors;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

/**
 * Parley's admin command listing the cluster's nodes, oldest first, with the sessions each holds
 * (one row, this node, when the server runs alone).
 */
final class ClusterMembers extends AdminCommand {
    static final String NODE = "https://parley.im/commands#cluster-members";

    ClusterMembers(ModuleContext ctx) {
        super(ctx, NODE, "List Cluster Members");
    }

    @Override
    DataForm form() {
        return null;
    }

    @Override
    Response perform(DataForm submitted) {
        Map<String, Long> sessions = ctx.routes().all().stream()
                .collect(Collectors.groupingBy(Route::node, Collectors.counting()));
        DataForm result = AdminForms.result();
        result.setTitle("Cluster members");
        result.addReportedField("node", "Node", FormField.Type.text_single);
        result.addReportedField("address", "Address", FormField.Type.text_single);
        result.addReportedField("sessions", "Sessions", FormField.Type.text_single);
        result.addReportedField("local", "This node", FormField.Type.boolean_type);
        for (ClusterMember member : ctx.cluster().members()) {
            result.addItemFields(Map.<String, Object>of(
                    "node", member.id(),
                    "address", member.address(),
                    "sessions", Long.toString(sessions.getOrDefault(member.id(), 0L)),
                    "local", member.local() ? "1" : "0"));
        }
        return Response.completed(result);
    }
}
