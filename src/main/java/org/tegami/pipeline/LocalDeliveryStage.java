package org.tegami.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tegami.directory.Resolution;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.Account;
import org.tegami.store.BlobStore;
import org.tegami.store.ContentIndex;
import org.tegami.store.Delivery;
import org.tegami.store.Mailbox;
import org.tegami.store.MailStore;

/**
 * Final delivery (MDA): one blob for all local recipients (with Return-Path on top), its structure
 * parsed once, one copy per distinct mailbox, committed durably before the SMTP reply
 * (DESIGN.md: local recipients go straight to the store).
 */
public final class LocalDeliveryStage implements Stage {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalDeliveryStage.class);

    private final MailStore mail;
    private final BlobStore blobs;
    private final Clock clock;
    /** Per-account copies (decryption, encryption at rest); AS_IS when mail crypto is not wired. */
    private final MailboxCopies copies;

    public LocalDeliveryStage(MailStore mail, BlobStore blobs, Clock clock) {
        this(mail, blobs, clock, MailboxCopies.AS_IS);
    }

    public LocalDeliveryStage(MailStore mail, BlobStore blobs, Clock clock, MailboxCopies copies) {
        this.mail = mail;
        this.blobs = blobs;
        this.clock = clock;
        this.copies = copies;
    }

    @Override
    public String name() {
        return "deliver";
    }

    @Override
    public Outcome apply(InboundMessage m) throws IOException {
        Map<Long, Account> accounts = new LinkedHashMap<>();
        for (Recipient r : m.recipients()) {
            if (r.resolution() instanceof Resolution.Local local) {
                for (Account a : local.accounts()) {
                    accounts.putIfAbsent(a.id(), a);
                }
            }
        }
        if (accounts.isEmpty()) {
            return null;
        }
        byte[] bytes = assemble(m);
        // Each distinct copy (by identity: the shared message, or one made for an account) and its mailboxes.
        Map<byte[], List<Long>> targets = new java.util.IdentityHashMap<>();
        List<byte[]> order = new ArrayList<>();
        for (Account a : accounts.values()) {
            Optional<Mailbox> mb = mail.mailbox(a.id(), m.mailboxFor(a.id()));
            if (mb.isEmpty()) {
                mb = mail.mailbox(a.id(), Mailbox.INBOX); // e.g. the user deleted Junk
            }
            if (mb.isEmpty()) {
                continue;
            }
            switch (copies.forAccount(a, bytes)) {
                case MailboxCopies.Result.Defer d -> {
                    LOG.warn("message {}: delivery to {} deferred: {}", m.id(), a.address(), d.reason());
                    return Outcome.rejected(451, "4.3.0", "Mailbox temporarily unavailable, try again later");
                }
                case MailboxCopies.Result.Copies c -> {
                    for (byte[] copy : c.copies()) {
                        List<Long> ids = targets.computeIfAbsent(copy, k -> {
                            order.add(k);
                            return new ArrayList<>();
                        });
                        if (!ids.contains(mb.get().id())) {
                            ids.add(mb.get().id());
                        }
                    }
                }
            }
        }
        if (order.isEmpty()) {
            return Outcome.rejected(451, "4.3.0", "Mailbox unavailable, try again later");
        }
        List<byte[]> structures = new ArrayList<>();
        List<ContentIndex> indexes = new ArrayList<>();
        for (byte[] copy : order) {
            ParsedMessage parsed = MimeParser.parse(ByteBuffer.wrap(copy), MimeLimits.DEFAULT);
            structures.add(StructureCodec.encode(parsed.root(), parsed.envelope()));
            // Search text and sort keys, computed here on the session's thread so the store's single
            // writer only inserts them, in the same transaction as the message (IMAP SEARCH/SORT). An
            // encrypted-at-rest copy is indexed as stored: its headers, never the plaintext body.
            indexes.add(ContentIndex.of(ByteBuffer.wrap(copy), parsed));
        }
        List<Delivery.Stored> stored;
        blobs.referenceLock().lock();
        try {
            List<Delivery> deliveries = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                deliveries.add(new Delivery(blobs.prepare(order.get(i)), structures.get(i), targets.get(order.get(i)), 0, "",
                        clock.millis(), 0, indexes.get(i)));
            }
            stored = deliveries.size() == 1 ? mail.deliver(deliveries.get(0)) : mail.deliverAll(deliveries);
        } finally {
            blobs.referenceLock().unlock();
        }
        m.note("delivered=" + stored.size());
        return null;
    }

    /** Return-Path, the stages' header fields, then the received content: one contiguous array. */
    static byte[] assemble(InboundMessage m) {
        String returnPath = "Return-Path: <" + (m.sender() == null ? "" : m.sender().toString()) + ">\r\n";
        byte[] rp = returnPath.getBytes(StandardCharsets.UTF_8);
        List<ByteBuffer> rest = m.finalBytes();
        int total = rp.length;
        for (ByteBuffer b : rest) {
            total += b.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        out.put(rp);
        for (ByteBuffer b : rest) {
            out.put(b.duplicate());
        }
        return out.array();
    }
}
