package im.parley.module.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.IqScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/** The XEP-0157 form, ready for when the core carries XEP-0128 forms. */
class ContactAddressesTest {

    @Test
    void configuredAddressesBecomeTheServerInfoForm() {
        ContactsConfig config = new ContactsConfig(List.of("mailto:abuse@example.org"), List.of("xmpp:admin@example.org"),
                null, null, List.of(" mailto:security@example.org "), List.of(), null);
        List<DataForm> forms = new ContactAddresses(config).forms(IqScope.SERVER, new JID("example.org"));
        assertEquals(1, forms.size());
        DataForm form = forms.get(0);
        assertEquals(DataForm.Type.result, form.getType());
        assertEquals(FormField.Type.hidden, form.getField("FORM_TYPE").getType());
        assertEquals(ContactAddresses.FORM_TYPE, form.getField("FORM_TYPE").getFirstValue());
        assertEquals(List.of("mailto:abuse@example.org"), form.getField("abuse-addresses").getValues());
        assertEquals(List.of("xmpp:admin@example.org"), form.getField("admin-addresses").getValues());
        assertEquals(List.of("mailto:security@example.org"), form.getField("security-addresses").getValues());
        assertEquals(null, form.getField("status-addresses"), "fields without addresses are left out");
    }

    @Test
    void nothingConfiguredOrAnAccountGetsNoForm() {
        ContactsConfig none = new ContactsConfig(null, null, null, null, null, null, null);
        assertTrue(new ContactAddresses(none).forms(IqScope.SERVER, new JID("example.org")).isEmpty());
        ContactsConfig some = new ContactsConfig(List.of("mailto:abuse@example.org"), null, null, null, null, null, null);
        assertTrue(new ContactAddresses(some).forms(IqScope.ACCOUNT, new JID("alice@example.org")).isEmpty());
    }

    @Test
    void addressesMustBeUris() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ContactsConfig(null, null, null, null, null, null, List.of("support at example.org")));
        assertTrue(e.getMessage().contains("'support'"), e.getMessage());
    }
}
