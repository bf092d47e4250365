package im.parley.s2s;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.module.adhoc.AdHocCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

/** The admins' view of the cluster's server-to-server streams, as an ad-hoc command (XEP-0050). */
final class S2sConnectionsCommand implements AdHocCommand {
    static final String NODE = "https://parley.im/commands#s2s-connections";

    private final ModuleContext ctx;
    private final Connections connections;

    S2sConnectionsCommand(ModuleContext ctx, Connections connections) {
        this.ctx = ctx;
        this.connections = connections;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "List Server Connections";
    }

    @Override
    public boolean allowed(Origin requester) {
        return requester.kind() == Origin.Kind.CLIENT && ctx.server().isAdmin(requester.jid());
    }

    @Override
    public Execution begin(Origin requester) {
        return (action, submitted) -> {
            DataForm result = new DataForm(DataForm.Type.result);
            result.setTitle("Server connections");
            String[][] columns = {{"direction", "Direction"}, {"local", "Local domain"}, {"remote", "Remote domain"},
                {"auth", "Authentication"}, {"tls", "TLS"}, {"bidi", "Bidirectional"}, {"address", "Peer address"},
                {"node", "Node"}, {"since", "Since"}};
            for (String[] c : columns) {
                result.addReportedField(c[0], c[1], FormField.Type.text_single);
            }
            for (Connections.Row row : connections.all()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("direction", row.direction());
                item.put("local", row.local());
                item.put("remote", row.remote());
                item.put("auth", row.auth());
                item.put("tls", row.tls() ? "yes" : "no");
                item.put("bidi", row.bidi() ? "yes" : "no");
                item.put("address", row.address());
                item.put("node", row.node());
                item.put("since", row.since().toString());
                result.addItemFields(item);
            }
            return Response.completed(result);
        };
    }
}
