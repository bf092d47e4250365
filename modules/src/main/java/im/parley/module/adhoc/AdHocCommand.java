package im.parley.module.adhoc;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import java.util.List;
import java.util.Set;
import org.xmpp.forms.DataForm;

/**
 * A command run through XEP-0050. Modules contribute implementations with
 * {@code ctx.contribute(AdHocCommand.class, command)}; the adhoc module lists and runs them.
 */
public interface AdHocCommand {

    /** The command's node, e.g. {@code http://jabber.org/protocol/admin#add-user}. */
    String node();

    /** A human-readable name for command lists. */
    String name();

    /** Whether the requester may see and run the command. */
    boolean allowed(Origin requester);

    /** Starts a run for a requester; the run keeps its state between stages. */
    Execution begin(Origin requester);

    /** One run of a command. */
    interface Execution {
        /**
         * Advances the run.
         *
         * @param action what the requester asked: EXECUTE for the first call and for "execute"
         * @param submitted the form the requester submitted, or null (first call)
         */
        Response advance(Action action, DataForm submitted) throws StanzaException;
    }

    /** XEP-0050 actions. */
    enum Action { EXECUTE, NEXT, PREV, COMPLETE, CANCEL }

    /** XEP-0050 statuses. */
    enum Status { EXECUTING, COMPLETED, CANCELED }

    /** A note shown to the requester (XEP-0050 §6.2.3). */
    record Note(String type, String text) {
        public static Note info(String text) {
            return new Note("info", text);
        }

        public static Note error(String text) {
            return new Note("error", text);
        }
    }

    /**
     * What a stage returns: a form to fill in (EXECUTING, with the allowed actions) or a final
     * result (COMPLETED, with an optional result form and notes).
     */
    record Response(Status status, DataForm form, List<Note> notes, Set<Action> actions) {
        public static Response form(DataForm form, Action... actions) {
            return new Response(Status.EXECUTING, form, List.of(), Set.of(actions.length == 0 ? new Action[] {Action.COMPLETE} : actions));
        }

        public static Response completed(Note note) {
            return new Response(Status.COMPLETED, null, List.of(note), Set.of());
        }

        public static Response completed(DataForm result) {
            return new Response(Status.COMPLETED, result, List.of(), Set.of());
        }
    }
}
