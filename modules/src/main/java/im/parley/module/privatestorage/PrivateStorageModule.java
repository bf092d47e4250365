package im.parley.module.privatestorage;

import im.parley.api.IqScope;
import im.parley.api.IqType;
import im.parley.api.Module;
import im.parley.api.ModuleContext;
import im.parley.api.Xep;
import im.parley.api.config.Configured;
import im.parley.api.event.AccountDeleted;
import im.parley.api.storage.InMemoryUserDocumentStore;
import im.parley.api.storage.UserDocumentStore;

/**
 * Private XML storage (XEP-0049, jabber:iq:private): an account keeps XML fragments on the server
 * that only it can read back, one per namespace and element name. Clients keep XEP-0048
 * bookmarks and their settings there.
 */
@Configured(PrivateStorageConfig.class)
@Xep(number = 49, version = "1.2")
public final class PrivateStorageModule implements Module {
    public static final String NS = "jabber:iq:private";

    @Override
    public String name() {
        return "private";
    }

    @Override
    public void start(ModuleContext ctx) {
        UserDocumentStore store = ctx.repository(UserDocumentStore.class, InMemoryUserDocumentStore::new);
        PrivateRequests requests = new PrivateRequests(new PrivateDocuments(store), ctx.config(PrivateStorageConfig.class));
        ctx.onIq(IqScope.ACCOUNT, IqType.GET, NS, "query", requests::get);
        ctx.onIq(IqScope.ACCOUNT, IqType.SET, NS, "query", requests::set);
        // The whole account is gone, so all its documents go, even any the index of this module missed.
        ctx.on(AccountDeleted.class, event -> store.deleteAll(event.account()));
    }
}
