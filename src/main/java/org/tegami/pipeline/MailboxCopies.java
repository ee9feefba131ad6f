package org.tegami.pipeline;

import java.util.List;
import org.tegami.store.Account;

/**
 * What local delivery stores for one account, when that differs per account: a copy decrypted
 * with the account's deposited keys, a copy encrypted to the account's own key (encryption at
 * rest). Most accounts get the message as it is, sharing one blob.
 */
public interface MailboxCopies {

    /** The decision for one account. */
    sealed interface Result {
        /** Store these copies; a copy identical (the same array) to the input shares the common blob. */
        record Copies(List<byte[]> copies) implements Result {
            public Copies {
                copies = List.copyOf(copies);
            }
        }

        /** Cannot store for this account now; the whole delivery is deferred. {@code reason} is logged, not sent. */
        record Defer(String reason) implements Result {}
    }

    Result forAccount(Account account, byte[] message);

    /** Every account gets the message as it is. */
    MailboxCopies AS_IS = (account, message) -> new Result.Copies(List.of(message));
}
