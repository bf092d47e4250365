package im.parley.module.vcard;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.event.AccountDeleted;
import im.parley.api.storage.InMemoryUserDocumentStore;
import im.parley.api.storage.UserDocumentStore;
import org.xmpp.packet.IQ;

/**
 * vcard-temp (XEP-0054): each account stores its own vCard and anyone may read it. With it come
 * vCard-based avatars (XEP-0153): the PHOTO is kept byte for byte, and the presence element
 * announcing its hash needs nothing from the server but routing.
 */
@Configured(VcardConfig.class)
@Xep(number = 54, version = "1.2")
@Xep(number = 153, version = "1.1", note = "the server's part: PHOTO stored and served unchanged, presence updates routed unchanged")
public final class VcardModule implements Module {
    public static final String NS = "vcard-temp";
    public static final String ELEMENT = "vCard";

    @Override
    public String name() {
        return "vcard";
    }

    @Override
    public void start(ModuleContext ctx) {
        UserDocumentStore store = ctx.repository(UserDocumentStore.class, InMemoryUserDocumentStore::new);
        VcardRequests requests = new VcardRequests(store, ctx.config(VcardConfig.class).maxSize(), ctx::publish);
        ctx.contribute(VcardPhotos.class, new StoredPhotos(store));
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, ELEMENT, requests::get);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, ELEMENT, requests::set);
        // The server itself has no vCard; answering with an empty one (XEP-0054 §3.1) also lists
        // vcard-temp among the server's features, where some clients look before offering profiles.
        ctx.onIq(IqScope.SERVER, IqType.GET, NS, ELEMENT, (iq, origin) -> {
            IQ result = IQ.createResultIQ(iq);
            result.setChildElement(ELEMENT, NS);
            return result;
        });
        // The whole account is gone, so all its documents go, even any a module left without a record.
        ctx.on(AccountDeleted.class, event -> store.deleteAll(event.account()));
    }
}
