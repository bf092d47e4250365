package im.parley.module.pubsub;

import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

/** What disco#info says about a node (XEP-0060 §5.4). */
public final class PubSubDisco {
    private PubSubDisco() {
    }

    /** The pubsub#meta-data form: the node's access model, title and type, and its owners. */
    public static DataForm metaData(NodeStore.Node node) {
        DataForm form = new DataForm(DataForm.Type.result);
        form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue(PubSub.NS + "#meta-data");
        form.addField("pubsub#access_model", null, null).addValue(node.config().accessModel());
        for (String name : new String[] {"title", "type"}) {
            String value = node.config().value(name);
            if (value != null && !value.isEmpty()) {
                form.addField("pubsub#" + name, null, null).addValue(value);
            }
        }
        return form;
    }
}
