package im.parley.module.services;

import im.parley.api.IqScope;
import java.util.List;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

/**
 * XEP-0128 extended information a module adds to disco#info: data forms, each with a hidden
 * FORM_TYPE field.
 *
 * <p>A stand-in for the proposed core API {@code im.parley.api.disco.ServiceDirectory.ExtendedInfoSource}
 * (same shape), read by the disco module and by caps, which must hash the forms (XEP-0115 §5.1).
 * It lives here only so that {@link ContactAddresses} compiles against it; nothing reads it yet,
 * so no module contributes it. When the core has it: delete this file, import the core's, and
 * contribute {@link ContactAddresses} from {@link ServicesModule}.
 */
public interface ExtendedInfoSource {

    /**
     * The forms for disco#info without a node of an address: a served domain for
     * {@link IqScope#SERVER}, an account's bare JID for {@link IqScope#ACCOUNT}. Empty when the
     * module has nothing to add. Two forms with one FORM_TYPE make the answer ill-formed
     * (XEP-0115 §5.4), so each FORM_TYPE belongs to one module.
     */
    List<DataForm> forms(IqScope scope, JID address);
}
