package im.parley.module.admin;

import im.parley.api.StanzaException;
import java.util.List;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Builds and reads the data forms of XEP-0133. */
final class AdminForms {
    static final String FORM_TYPE = "http://jabber.org/protocol/admin";

    private AdminForms() {
    }

    static DataForm form(String title, String instructions) {
        DataForm form = new DataForm(DataForm.Type.form);
        form.setTitle(title);
        form.addInstruction(instructions);
        form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue(FORM_TYPE);
        return form;
    }

    static DataForm result() {
        DataForm form = new DataForm(DataForm.Type.result);
        form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue(FORM_TYPE);
        return form;
    }

    static void field(DataForm form, String var, String label, FormField.Type type) {
        FormField field = form.addField(var, label, type);
        field.setRequired(true);
    }

    static String required(DataForm form, String var) throws StanzaException {
        String value = form == null || form.getField(var) == null ? null : form.getField(var).getFirstValue();
        if (value == null || value.isBlank()) {
            throw new StanzaException(PacketError.Condition.bad_request, "the field '" + var + "' is required");
        }
        return value;
    }

    static List<String> values(DataForm form, String var) throws StanzaException {
        List<String> values = form == null || form.getField(var) == null ? List.of() : form.getField(var).getValues();
        if (values.isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "the field '" + var + "' is required");
        }
        return values;
    }

    static JID jid(String value) throws StanzaException {
        try {
            JID jid = new JID(value.trim());
            if (jid.getNode() == null) {
                throw new IllegalArgumentException();
            }
            return jid.asBareJID();
        } catch (IllegalArgumentException e) {
            throw new StanzaException(PacketError.Condition.jid_malformed, "'" + value + "' is not an account address");
        }
    }
}
