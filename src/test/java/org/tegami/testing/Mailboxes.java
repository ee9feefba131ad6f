package org.tegami.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tegami.store.Account;
import org.tegami.store.MessageInfo;
import org.tegami.store.Store;

/** Reads what landed in a mailbox, for assertions. */
public final class Mailboxes {

    private Mailboxes() {}

    public static List<String> messages(Store store, String address, String mailbox) {
        Account a = store.directory().account(address).orElseThrow();
        long id = store.mail().mailbox(a.id(), mailbox).orElseThrow().id();
        List<String> out = new ArrayList<>();
        for (MessageInfo m : store.mail().messages(id)) {
            try {
                out.add(new String(store.blobs().read(m.blob()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static List<String> inbox(Store store, String address) {
        return messages(store, address, "INBOX");
    }
}
