package org.tegami.pipeline;

import org.tegami.keys.MailboxCrypto;
import org.tegami.store.Account;

/**
 * Local delivery's per-account step for mail crypto (issue 7): decryption for accounts that
 * deposited keys and opted in, then encryption at rest for accounts that turned it on. Runs for
 * SMTP deliveries and for the queue's local reports alike, since both go through local delivery.
 */
public final class CryptoMailboxCopies implements MailboxCopies {

    private final MailboxCrypto crypto;

    public CryptoMailboxCopies(MailboxCrypto crypto) {
        this.crypto = crypto;
    }

    @Override
    public Result forAccount(Account account, byte[] message) {
        return switch (crypto.forDelivery(account.address(), message)) {
            case MailboxCrypto.Result.Store s -> new Result.Copies(s.copies());
            case MailboxCrypto.Result.Defer d -> new Result.Defer(d.reason());
        };
    }
}
