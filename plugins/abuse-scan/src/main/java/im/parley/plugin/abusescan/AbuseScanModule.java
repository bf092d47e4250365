package im.parley.plugin.abusescan;

import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Phase;
import im.parley.api.config.Configured;
import im.parley.api.upload.UploadCheck;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Abuse scanning that admins install as a plugin: spam waves, pattern and link rules, a real-time
 * block list from pubsub, upload checks with Apache Tika, spam reports to the admins, escalating bans.
 */
@Configured(AbuseScanConfig.class)
public final class AbuseScanModule implements Module {
    /** After rate limits (which refuse floods more cheaply), before everything else. */
    static final int PRIORITY = -900;

    @Override
    public String name() {
        return "abusescan";
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public void start(ModuleContext ctx) {
        AbuseScanConfig config = ctx.config(AbuseScanConfig.class);
        if (config.rtblService().isBlank() != config.rtblNode().isBlank()) {
            throw new im.parley.api.config.ConfigException("abusescan.rtbl_node", "rtbl_service and rtbl_node go together");
        }
        Sanctions sanctions = new Sanctions(ctx, config);
        BlockList blockList = new BlockList();
        SpamWaves waves = new SpamWaves(config.waveRecipients(), config.waveWindow(), config.waveMinLength(), System::nanoTime);
        Set<String> exempt = Set.copyOf(config.exempt().stream().map(JID::toBareJID).toList());
        ctx.intercept(Phase.INBOUND, PRIORITY, new MessageScan(ctx.server(), sanctions, blockList,
                new MessageRules(config.patterns(), config.blockedLinks()), waves, exempt));
        SpamReports reports = new SpamReports(ctx.server(), sanctions, config.reportsBeforeBan());
        ctx.intercept(Phase.INBOUND, PRIORITY, reports);
        if (!config.rtblService().isBlank()) {
            new RtblFeed(ctx, blockList, config).start();
        }
        if (config.checkUploads()) {
            ctx.contribute(UploadCheck.class, new UploadScanner(config.blockedTypes(),
                    text -> sanctions.act("upload_refused", text, false)));
        }
        ctx.scheduler().scheduleAtFixedRate(config.waveWindow(), config.waveWindow(), waves::sweep);
        ctx.scheduler().scheduleAtFixedRate(config.banDuration(), config.banDuration(), () -> {
            sanctions.sweep();
            reports.sweep();
        });
    }
}
