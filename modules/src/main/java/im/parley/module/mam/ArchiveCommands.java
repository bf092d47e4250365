package im.parley.module.mam;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.module.adhoc.AdHocCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The archive's ad-hoc commands (XEP-0050): a user sets how long their own archive keeps
 * messages; an administrator purges an account's archive, whole or before a date.
 */
final class ArchiveCommands {
    static final String RETENTION = "https://parley.im/commands#archive-retention";
    static final String PURGE = "https://parley.im/commands#archive-purge";
    private static final String FORM_TYPE = "https://parley.im/commands#archive";

    /** What the commands act on, provided by the module. */
    interface Archives {
        /** The user's own retention in days, 0 for as long as the server keeps messages. */
        int retentionDays(JID owner);

        /** Stores the user's retention and deletes what it no longer keeps; returns how many were deleted. */
        int setRetentionDays(JID owner, int days);

        /** Deletes an archive's messages before the instant (null: all); returns how many. */
        int purge(JID owner, Instant before);

        boolean isAdmin(JID requester);

        boolean exists(JID account);
    }

    private ArchiveCommands() {
    }

    static List<AdHocCommand> all(Archives archives) {
        return List.of(retention(archives), purge(archives));
    }

    private static AdHocCommand retention(Archives archives) {
        return new OneForm(RETENTION, "Set how long my archive keeps messages", Origin.Kind.CLIENT::equals) {
            @Override
            DataForm form(Origin requester) {
                DataForm form = form("Archive retention", "Messages older than this many days are deleted from your "
                        + "archive on the server. 0 keeps them as long as the server does.");
                FormField days = form.addField("days", "Days to keep", FormField.Type.text_single);
                days.setRequired(true);
                days.addValue(Integer.toString(archives.retentionDays(requester.jid().asBareJID())));
                return form;
            }

            @Override
            Response perform(Origin requester, DataForm submitted) throws StanzaException {
                int days;
                try {
                    days = Integer.parseInt(required(submitted, "days").trim());
                } catch (NumberFormatException e) {
                    throw new StanzaException(PacketError.Condition.bad_request, "'days' must be a whole number");
                }
                if (days < 0 || days > 36_500) {
                    throw new StanzaException(PacketError.Condition.bad_request, "'days' must be from 0 to 36500");
                }
                int deleted = archives.setRetentionDays(requester.jid().asBareJID(), days);
                return Response.completed(Note.info((days == 0 ? "Your archive keeps messages as long as the server does."
                        : "Your archive keeps messages for " + days + " days.") + " Deleted now: " + deleted + "."));
            }
        };
    }

    private static AdHocCommand purge(Archives archives) {
        return new OneForm(PURGE, "Purge an account's message archive", null) {
            @Override
            public boolean allowed(Origin requester) {
                return requester.kind() == Origin.Kind.CLIENT && archives.isAdmin(requester.jid());
            }

            @Override
            DataForm form(Origin requester) {
                DataForm form = form("Purge a message archive", "Deletes the account's archived messages, all of them "
                        + "or those before a date and time (XEP-0082, e.g. 2024-01-31T00:00:00Z).");
                form.addField("accountjid", "Account", FormField.Type.jid_single).setRequired(true);
                form.addField("before", "Before (empty: everything)", FormField.Type.text_single);
                return form;
            }

            @Override
            Response perform(Origin requester, DataForm submitted) throws StanzaException {
                JID account;
                try {
                    account = new JID(required(submitted, "accountjid").trim()).asBareJID();
                } catch (IllegalArgumentException e) {
                    throw new StanzaException(PacketError.Condition.jid_malformed, "'accountjid' is not an address");
                }
                if (account.getNode() == null || !archives.exists(account)) {
                    throw new StanzaException(PacketError.Condition.item_not_found, "no account " + account);
                }
                FormField beforeField = submitted.getField("before");
                String before = beforeField == null ? null : beforeField.getFirstValue();
                Instant cutoff = null;
                if (before != null && !before.isBlank()) {
                    try {
                        cutoff = OffsetDateTime.parse(before.trim()).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new StanzaException(PacketError.Condition.bad_request, "'before' is not an XEP-0082 date and time");
                    }
                }
                int deleted = archives.purge(account, cutoff);
                return Response.completed(Note.info("Deleted " + deleted + " archived messages of " + account + "."));
            }
        };
    }

    /** A command of one form, submitted once. */
    private abstract static class OneForm implements AdHocCommand {
        private final String node;
        private final String name;
        private final Predicate<Origin.Kind> kinds;

        OneForm(String node, String name, Predicate<Origin.Kind> kinds) {
            this.node = node;
            this.name = name;
            this.kinds = kinds;
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean allowed(Origin requester) {
            return kinds.test(requester.kind());
        }

        abstract DataForm form(Origin requester);

        abstract Response perform(Origin requester, DataForm submitted) throws StanzaException;

        @Override
        public Execution begin(Origin requester) {
            return (action, submitted) -> {
                if (submitted == null) {
                    if (action != Action.EXECUTE) {
                        throw new StanzaException(PacketError.Condition.bad_request, "submit the form to continue");
                    }
                    return Response.form(form(requester), Action.COMPLETE);
                }
                if (submitted.getType() == DataForm.Type.cancel) {
                    return new Response(Status.CANCELED, null, List.of(), Set.of());
                }
                return perform(requester, submitted);
            };
        }

        static DataForm form(String title, String instructions) {
            DataForm form = new DataForm(DataForm.Type.form);
            form.setTitle(title);
            form.addInstruction(instructions);
            form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue(FORM_TYPE);
            return form;
        }

        static String required(DataForm form, String var) throws StanzaException {
            FormField field = form.getField(var);
            String value = field == null ? null : field.getFirstValue();
            if (value == null || value.isBlank()) {
                throw new StanzaException(PacketError.Condition.bad_request, "the field '" + var + "' is required");
            }
            return value;
        }
    }

    /** The retention in force for an archive: the shorter of the server's and the user's (zero: none). */
    static Duration effective(Duration server, int userDays) {
        Duration user = userDays <= 0 ? Duration.ZERO : Duration.ofDays(userDays);
        if (server.isZero()) {
            return user;
        }
        return user.isZero() || server.compareTo(user) < 0 ? server : user;
    }
}
