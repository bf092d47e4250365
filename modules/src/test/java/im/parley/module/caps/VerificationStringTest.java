package im.parley.module.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.junit.jupiter.api.Test;
import org.xmpp.forms.DataForm;

/** The XEP-0115 §5.1 algorithm against the examples of §5.2 and §5.3. */
class VerificationStringTest {
    private static final List<String> FEATURES = List.of("http://jabber.org/protocol/caps",
            "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/muc");

    @Test
    void simpleExampleOfSection52() {
        List<VerificationString.Identity> identities = List.of(new VerificationString.Identity("client", "pc", null, "Exodus 0.9.1"));
        assertEquals("client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
                + "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<",
                VerificationString.input(identities, FEATURES, List.of()));
        assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", VerificationString.sha1(identities, FEATURES, List.of()));
    }

    @Test
    void orderOfIdentitiesAndFeaturesDoesNotMatter() {
        List<VerificationString.Identity> identities = List.of(new VerificationString.Identity("client", "pc", null, "Exodus 0.9.1"));
        List<String> shuffled = List.of(FEATURES.get(3), FEATURES.get(1), FEATURES.get(0), FEATURES.get(2));
        assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", VerificationString.sha1(identities, shuffled, List.of()));
    }

    @Test
    void complexExampleOfSection53WithAnExtendedForm() throws DocumentException {
        List<VerificationString.Identity> identities = List.of(
                new VerificationString.Identity("client", "pc", "en", "Psi 0.11"),
                new VerificationString.Identity("client", "pc", "el", "Ψ 0.11"));
        List<DataForm> forms = List.of(form("""
                <x xmlns='jabber:x:data' type='result'>
                  <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
                  <field var='ip_version' type='text-multi'><value>ipv4</value><value>ipv6</value></field>
                  <field var='os'><value>Mac</value></field>
                  <field var='os_version'><value>10.5.1</value></field>
                  <field var='software'><value>Psi</value></field>
                  <field var='software_version'><value>0.11</value></field>
                </x>"""));
        assertEquals("client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<"
                + "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<"
                + "urn:xmpp:dataforms:softwareinfo<ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<"
                + "software_version<0.11<", VerificationString.input(identities, FEATURES, forms));
        assertEquals("q07IKJEyjvHSyhy//CH0CxmKi8w=", VerificationString.sha1(identities, FEATURES, forms));
    }

    @Test
    void formsWithoutAHiddenFormTypeAreLeftOut() throws DocumentException {
        List<VerificationString.Identity> identities = List.of(new VerificationString.Identity("client", "pc", null, "Exodus 0.9.1"));
        DataForm untyped = form("<x xmlns='jabber:x:data' type='result'><field var='os'><value>Mac</value></field></x>");
        assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", VerificationString.sha1(identities, FEATURES, List.of(untyped)));
    }

    @Test
    void twoFormsOfOneFormTypeAreRefused() throws DocumentException {
        String xml = "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:example</value></field></x>";
        assertThrows(IllegalArgumentException.class, () -> VerificationString.sha1(List.of(), List.of(), List.of(form(xml), form(xml))));
    }

    @Test
    void sortsByUtf8BytesNotByJavaChars() {
        // U+1F600 sorts before U+FF21 in Java's UTF-16 order but after it in UTF-8 bytes (i;octet).
        String fullwidthA = "\uFF21";
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals(fullwidthA + "<" + emoji + "<", VerificationString.input(List.of(), List.of(emoji, fullwidthA), List.of()));
    }

    private static DataForm form(String xml) throws DocumentException {
        return new DataForm(DocumentHelper.parseText(xml).getRootElement());
    }
}
