package im.parley.module.time;

import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/** XEP-0202: the server's clock in UTC, so clients can correct their own. */
@Xep(number = 202, version = "2.0")
public final class TimeModule implements Module {
    public static final String NS = "urn:xmpp:time";

    @Override
    public String name() {
        return "time";
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.onIq(IqType.GET, NS, "time", (iq, origin) -> {
            Instant now = ctx.server().clock().instant().truncatedTo(ChronoUnit.MILLIS);
            IQ result = IQ.createResultIQ(iq);
            Element time = result.setChildElement("time", NS);
            time.addElement("tzo").setText("+00:00");
            time.addElement("utc").setText(DateTimeFormatter.ISO_INSTANT.format(now.atOffset(ZoneOffset.UTC)));
            return result;
        });
    }
}
