package org.tegami.store;

import java.util.List;
import java.util.Optional;

/**
 * Messages held back by the threat check (docs/threat.md): kept out of the mailboxes with the
 * verdict that held them, listed, released or deleted by an administrator. The store knows
 * nothing of verdicts: they are text (the X-Tegami-Verdict value and its JSON form).
 */
public interface QuarantineStore {

    /** Why an entry exists. */
    enum Kind {
        /** Held: not delivered anywhere until released. */
        HELD,
        /** Delivered with its HTML neutralised; this is the untouched original. */
        ORIGINAL
    }

    /**
     * A message to hold.
     *
     * @param blob the message bytes (as delivery would store them), prepared by the blob store
     * @param structure its parsed structure (mime.StructureCodec), as for a mailbox message
     * @param sender the envelope sender, "" for the null sender
     * @param recipients the account addresses the message was for
     * @param verdict the X-Tegami-Verdict value; {@code details} its JSON form
     */
    record NewEntry(BlobStore.Blob blob, byte[] structure, Kind kind, String sender, List<String> recipients,
            String from, String subject, String verdict, String details, long createdAt) {
        public NewEntry {
            recipients = List.copyOf(recipients);
        }
    }

    record Entry(long id, String sha256, long size, Kind kind, String sender, List<String> recipients, String from,
            String subject, String verdict, String details, long createdAt) {
        public Entry {
            recipients = List.copyOf(recipients);
        }
    }

    /** Stores the entry (and its content) durably; returns its id. */
    long add(NewEntry entry);

    /** All entries, oldest first. */
    List<Entry> list();

    Optional<Entry> get(long id);

    /** Removes an entry (its content becomes garbage unless referenced elsewhere); false if unknown. */
    boolean remove(long id);
}
