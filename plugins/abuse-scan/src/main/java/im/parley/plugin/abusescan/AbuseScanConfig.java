package im.parley.plugin.abusescan;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import java.time.Duration;
import java.util.List;
import org.xmpp.packet.JID;

/** The {@code abusescan} section. */
@Doc("Abuse scanning (plugin abuse-scan): spam waves (the same message to many people), pattern and link rules, "
        + "a real-time block list fed from a pubsub node, checks of uploaded files, spam reports (XEP-0377) to the "
        + "admins, and temporary bans that grow with each repeat. Refused messages get a policy-violation error.")
public record AbuseScanConfig(
        @Doc("Distinct recipients of the same (normalised) message body within wave_window that make it a spam wave.")
        @Default("20") @Min("2") int waveRecipients,
        @Doc("How long the recipients of a message body are counted.") @Default("5m") Duration waveWindow,
        @Doc("Messages no shorter than this many characters (after normalising) are fingerprinted; shorter ones "
                + "(such as hi or ok) are sent to many people legitimately.") @Default("12") @Min("1") int waveMinLength,
        @Doc("Regular expressions (Java syntax, matched case-insensitively anywhere in the body) that mark a message as spam.")
        @Default("[]") List<String> patterns,
        @Doc("Domains whose links (http, https, or bare host names) mark a message as spam; subdomains included.")
        @Default("[]") List<String> blockedLinks,
        @Doc("The pubsub service of a real-time block list (RTBL), e.g. pubsub.example.org; empty: none. Item ids "
                + "are the SHA-256 (hex) of a bare JID, or the bare JID itself; senders on it are refused.")
        @Default("") String rtblService,
        @Doc("The node of the block list on rtbl_service.") @Default("") String rtblNode,
        @Doc("How often to try subscribing again while the block list's service or node is not there.")
        @Default("30s") @Min("10ms") Duration rtblRetry,
        @Doc("Whether uploaded files (XEP-0363) are checked with Apache Tika.") @Default("true") boolean checkUploads,
        @Doc("Content types refused in uploads when found in the bytes, beside the upload service's own list.")
        @Default("[application/x-msdownload, application/x-dosexec, application/x-executable, application/x-sh]")
        List<String> blockedTypes,
        @Doc("Distinct users whose spam reports (XEP-0377) against one local account ban it.")
        @Default("3") @Min("1") int reportsBeforeBan,
        @Doc("The first temporary ban; each further ban of the same account within max_ban lasts twice as long.")
        @Default("10m") Duration banDuration,
        @Doc("The longest temporary ban.") @Default("24h") Duration maxBan,
        @Doc("Whether the administrators (server.admins) get a message for each report, ban and refused wave.")
        @Default("true") boolean notifyAdmins,
        @Doc("Bare JIDs (or domains) never scanned, e.g. announcement bots.") @Default("[]") List<JID> exempt) {

    public AbuseScanConfig {
        patterns = List.copyOf(patterns);
        blockedLinks = List.copyOf(blockedLinks);
        blockedTypes = List.copyOf(blockedTypes);
        exempt = List.copyOf(exempt);
    }
}
