package im.parley.module.adhoc;

import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.Xep;
import im.parley.api.disco.Identity;
import im.parley.api.disco.Item;
import im.parley.api.disco.ServiceDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Ad-hoc commands (XEP-0050) on the server's address: lists the commands a requester may run
 * (disco#items on the commands node) and runs them through their stages.
 */
@Xep(number = 50, version = "1.3.0")
public final class AdHocModule implements Module {
    public static final String NS = "http://jabber.org/protocol/commands";
    private static final Duration IDLE = Duration.ofMinutes(10);

    private ModuleContext ctx;
    private final CommandSessions sessions = new CommandSessions(10_000);

    @Override
    public String name() {
        return "adhoc";
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        ctx.onIq(IqType.SET, NS, "command", this::command);
        ctx.contribute(ServiceDirectory.ItemSource.class, this::items);
        ctx.contribute(ServiceDirectory.NodeInfoSource.class, this::nodeInfo);
        ctx.scheduler().scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofMinutes(1),
                () -> sessions.expire(ctx.server().clock().instant(), IDLE));
    }

    private List<Item> items(JID address, String node, Origin requester) {
        if (!NS.equals(node) || address == null || address.getNode() != null) {
            return List.of();
        }
        return commands().stream().filter(c -> c.allowed(requester))
                .map(c -> new Item(address, c.node(), c.name())).toList();
    }

    private Optional<ServiceDirectory.NodeInfo> nodeInfo(JID address, String node, Origin requester) {
        if (address == null || address.getNode() != null) {
            return Optional.empty();
        }
        if (NS.equals(node)) {
            return Optional.of(new ServiceDirectory.NodeInfo(List.of(new Identity("automation", "command-list", null)), Set.of(NS)));
        }
        return find(node).filter(c -> c.allowed(requester)).map(c -> new ServiceDirectory.NodeInfo(
                List.of(new Identity("automation", "command-node", c.name())), Set.of(NS, "jabber:x:data")));
    }

    private List<AdHocCommand> commands() {
        return ctx.contributions(AdHocCommand.class);
    }

    private Optional<AdHocCommand> find(String node) {
        return commands().stream().filter(c -> c.node().equals(node)).findFirst();
    }

    private IQ command(IQ request, Origin origin) throws StanzaException {
        Element command = request.getChildElement();
        String node = command.attributeValue("node");
        AdHocCommand target = find(node).orElseThrow(() -> new StanzaException(PacketError.Condition.item_not_found, "no command " + node));
        if (!target.allowed(origin)) {
            throw new StanzaException(PacketError.Condition.forbidden, "you may not run this command");
        }
        AdHocCommand.Action action = action(command.attributeValue("action"));
        String sessionId = command.attributeValue("sessionid");
        DataForm submitted = submittedForm(command);
        if (sessionId == null) {
            if (action == AdHocCommand.Action.CANCEL) {
                return reply(request, node, null, new AdHocCommand.Response(AdHocCommand.Status.CANCELED, null, List.of(), Set.of()));
            }
            AdHocCommand.Execution run = target.begin(origin);
            AdHocCommand.Response response = run.advance(AdHocCommand.Action.EXECUTE, submitted);
            if (response.status() == AdHocCommand.Status.EXECUTING) {
                sessionId = sessions.open(node, origin.jid(), run, ctx.server().clock().instant())
                        .orElseThrow(() -> new StanzaException(PacketError.Condition.resource_constraint, "too many open commands"));
            }
            return reply(request, node, sessionId, response);
        }
        CommandSessions.Run run = sessions.find(sessionId, node, origin.jid())
                .orElseThrow(() -> commandError(PacketError.Condition.bad_request, "bad-sessionid"));
        if (action == AdHocCommand.Action.CANCEL) {
            sessions.close(sessionId);
            return reply(request, node, sessionId, new AdHocCommand.Response(AdHocCommand.Status.CANCELED, null, List.of(), Set.of()));
        }
        sessions.touch(sessionId, ctx.server().clock().instant());
        AdHocCommand.Response response = run.execution().advance(action, submitted);
        if (response.status() != AdHocCommand.Status.EXECUTING) {
            sessions.close(sessionId);
        }
        return reply(request, node, sessionId, response);
    }

    private static AdHocCommand.Action action(String value) throws StanzaException {
        if (value == null) {
            return AdHocCommand.Action.EXECUTE;
        }
        try {
            return AdHocCommand.Action.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw commandError(PacketError.Condition.bad_request, "malformed-action");
        }
    }

    private static DataForm submittedForm(Element command) {
        Element x = command.element(org.dom4j.QName.get("x", DataForm.NAMESPACE));
        return x == null ? null : new DataForm(x.createCopy());
    }

    private static IQ reply(IQ request, String node, String sessionId, AdHocCommand.Response response) {
        IQ result = IQ.createResultIQ(request);
        Element command = result.setChildElement("command", NS);
        command.addAttribute("node", node);
        if (sessionId != null) {
            command.addAttribute("sessionid", sessionId);
        }
        command.addAttribute("status", response.status().name().toLowerCase(Locale.ROOT));
        if (response.status() == AdHocCommand.Status.EXECUTING && !response.actions().isEmpty()) {
            Element actions = command.addElement("actions");
            AdHocCommand.Action preferred = response.actions().contains(AdHocCommand.Action.NEXT)
                    ? AdHocCommand.Action.NEXT : AdHocCommand.Action.COMPLETE;
            actions.addAttribute("execute", preferred.name().toLowerCase(Locale.ROOT));
            for (AdHocCommand.Action a : List.of(AdHocCommand.Action.PREV, AdHocCommand.Action.NEXT, AdHocCommand.Action.COMPLETE)) {
                if (response.actions().contains(a)) {
                    actions.addElement(a.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (AdHocCommand.Note note : response.notes()) {
            command.addElement("note").addAttribute("type", note.type()).setText(note.text());
        }
        if (response.form() != null) {
            command.add(response.form().getElement().createCopy());
        }
        return result;
    }

    /** A stanza error with XEP-0050's specific condition element (§6.2.2). */
    private static StanzaException commandError(PacketError.Condition condition, String specific) {
        return new CommandError(condition, specific);
    }

    /** Adds the XEP-0050 application condition to the error. */
    private static final class CommandError extends StanzaException {
        private static final long serialVersionUID = 1L;
        private final String specific;

        CommandError(PacketError.Condition condition, String specific) {
            super(condition, specific.replace('-', ' '));
            this.specific = specific;
        }

        @Override
        public PacketError toPacketError() {
            PacketError error = super.toPacketError();
            error.setApplicationCondition(specific, NS);
            return error;
        }
    }
}
