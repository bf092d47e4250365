package im.parley.module.version;

import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/** XEP-0092: the server's software name and version. */
@Configured(VersionConfig.class)
@Xep(number = 92, version = "1.1")
public final class VersionModule implements Module {
    public static final String NS = "jabber:iq:version";

    @Override
    public String name() {
        return "version";
    }

    @Override
    public void start(ModuleContext ctx) {
        VersionConfig config = ctx.config(VersionConfig.class);
        ctx.onIq(IqType.GET, NS, "query", (iq, origin) -> {
            IQ result = IQ.createResultIQ(iq);
            Element query = result.setChildElement("query", NS);
            query.addElement("name").setText(ctx.server().name());
            query.addElement("version").setText(ctx.server().version());
            if (config.showOs()) {
                query.addElement("os").setText(System.getProperty("os.name") + " " + System.getProperty("os.version"));
            }
            return result;
        });
    }
}
