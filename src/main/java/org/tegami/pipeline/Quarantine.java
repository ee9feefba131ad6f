package org.tegami.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.Account;
import org.tegami.store.BlobStore;
import org.tegami.store.Delivery;
import org.tegami.store.DirectoryStore;
import org.tegami.store.MailStore;
import org.tegami.store.Mailbox;
import org.tegami.store.QuarantineStore;
import org.tegami.threat.Verdict;

/**
 * Messages the threat check holds back: stored durably with their verdict (before the SMTP
 * reply), listed, released into the INBOX of the accounts they were for, or deleted. Used by
 * {@link ThreatStage} and by {@code tegami quarantine}, which works on a running server's data
 * directory (the store is shared).
 */
public final class Quarantine {

    /** What a release did: the accounts that got the message, and those that no longer exist. */
    public record Released(List<String> delivered, List<String> missing) {}

    private final QuarantineStore store;
    private final MailStore mail;
    private final BlobStore blobs;
    private final DirectoryStore directory;
    private final Clock clock;

    public Quarantine(QuarantineStore store, MailStore mail, BlobStore blobs, DirectoryStore directory, Clock clock) {
        this.store = store;
        this.mail = mail;
        this.blobs = blobs;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Holds the message as delivery would have stored it (Return-Path, the stages' header fields,
     * the content) for its local accounts; returns the entry id.
     */
    public long hold(InboundMessage m, Verdict v, QuarantineStore.Kind kind) throws IOException {
        byte[] bytes = LocalDeliveryStage.assemble(m);
        ParsedMessage parsed = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        byte[] structure = StructureCodec.encode(parsed.root(), parsed.envelope());
        List<String> accounts = new ArrayList<>();
        for (Recipient r : m.recipients()) {
            if (r.resolution() instanceof org.tegami.directory.Resolution.Local l) {
                for (Account a : l.accounts()) {
                    if (!accounts.contains(a.address())) {
                        accounts.add(a.address());
                    }
                }
            }
        }
        String from = oneLine(parsed.headers().value("From"));
        var subjectField = parsed.headers().first("Subject");
        String subject = subjectField == null ? "" : oneLine(subjectField.decodedValue());
        blobs.referenceLock().lock();
        try {
            BlobStore.Blob blob = blobs.prepare(bytes);
            return store.add(new QuarantineStore.NewEntry(blob, structure, kind, m.sender() == null ? "" : m.sender().toString(),
                    accounts, from, subject, v.headerValue(), v.toJson(), clock.millis()));
        } finally {
            blobs.referenceLock().unlock();
        }
    }

    public List<QuarantineStore.Entry> list() {
        return store.list();
    }

    public Optional<QuarantineStore.Entry> get(long id) {
        return store.get(id);
    }

    /** The held message's bytes. */
    public byte[] content(QuarantineStore.Entry e) throws IOException {
        return blobs.read(e.sha256());
    }

    /**
     * Delivers the held message (with its X-Tegami-Verdict) to the INBOX of each account it was
     * for that still exists, then removes the entry. Delivery is committed before the removal:
     * a crash in between leaves the entry listed (releasing it again would deliver twice). When
     * none of the accounts exists any more, nothing is delivered and the entry stays.
     */
    public Optional<Released> release(long id) throws IOException {
        Optional<QuarantineStore.Entry> found = store.get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        QuarantineStore.Entry e = found.get();
        byte[] bytes = content(e);
        List<Long> mailboxes = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String address : e.recipients()) {
            Optional<Mailbox> inbox = directory.account(address).flatMap(a -> mail.mailbox(a.id(), Mailbox.INBOX));
            if (inbox.isPresent()) {
                if (!mailboxes.contains(inbox.get().id())) {
                    mailboxes.add(inbox.get().id());
                }
                delivered.add(address);
            } else {
                missing.add(address);
            }
        }
        if (mailboxes.isEmpty()) {
            return Optional.of(new Released(delivered, missing)); // nobody left to deliver to: keep it
        }
        ParsedMessage parsed = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        byte[] structure = StructureCodec.encode(parsed.root(), parsed.envelope());
        blobs.referenceLock().lock();
        try {
            mail.deliver(new Delivery(blobs.prepare(bytes), structure, mailboxes, 0, "", clock.millis()));
        } finally {
            blobs.referenceLock().unlock();
        }
        store.remove(id);
        return Optional.of(new Released(delivered, missing));
    }

    /** Deletes an entry without delivering it; false if unknown. */
    public boolean delete(long id) {
        return store.remove(id);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) : t;
    }
}
