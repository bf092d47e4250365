package im.parley.module.services;

import im.parley.api.IqScope;
import im.parley.api.disco.ServiceDirectory;
import java.util.List;
import java.util.Map;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/**
 * The server's XEP-0157 contact addresses as the XEP-0128 form that disco#info of a served domain
 * carries, so people (and abuse reporters) know whom to write.
 * */
public final class ContactAddresses implements ServiceDirectory.ExtendedInfoSource {
    /** XEP-0157 §2: the FORM_TYPE of the server information form. */
    public static final String FORM_TYPE = "http://jabber.org/network/serverinfo";

    private final Map<String, List<String>> fields;

    public ContactAddresses(ContactsConfig config) {
        this.fields = config.fields();
    }

    @Override
    public List<DataForm> forms(IqScope scope, JID address) {
        if (scope != IqScope.SERVER || address == null || address.getNode() != null
                || fields.values().stream().allMatch(List::isEmpty)) {
            return List.of();
        }
        DataForm form = new DataForm(DataForm.Type.result);
        form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue(FORM_TYPE);
        fields.forEach((var, uris) -> {
            if (!uris.isEmpty()) {
                FormField field = form.addField(var, null, FormField.Type.list_multi);
                uris.forEach(field::addValue);
            }
        });
        return List.of(form);
    }
}
