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

    private final MailStore mail;
    private final BlobStore blobs;
    private final Clock clock;

    public LocalDeliveryStage(MailStore mail, BlobStore blobs, Clock clock) {
        this.mail = mail;
        this.blobs = blobs;
        this.clock = clock;
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
        List<Long> mailboxIds = new ArrayList<>();
        for (Account a : accounts.values()) {
            Optional<Mailbox> mb = mail.mailbox(a.id(), m.mailboxFor(a.id()));
            if (mb.isEmpty()) {
                mb = mail.mailbox(a.id(), Mailbox.INBOX); // e.g. the user deleted Junk
            }
            if (mb.isPresent() && !mailboxIds.contains(mb.get().id())) {
                mailboxIds.add(mb.get().id());
            }
        }
        if (mailboxIds.isEmpty()) {
            return Outcome.rejected(451, "4.3.0", "Mailbox unavailable, try again later");
        }
        byte[] bytes = assemble(m);
        ParsedMessage parsed = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        byte[] structure = StructureCodec.encode(parsed.root(), parsed.envelope());
        // Search text and sort keys, computed here on the session's thread so the store's single
        // writer only inserts them, in the same transaction as the message (IMAP SEARCH/SORT).
        ContentIndex index = ContentIndex.of(ByteBuffer.wrap(bytes), parsed);
        List<Delivery.Stored> stored;
        blobs.referenceLock().lock();
        try {
            BlobStore.Blob blob = blobs.prepare(bytes);
            stored = mail.deliver(new Delivery(blob, structure, mailboxIds, 0, "", clock.millis(), 0, index));
        } finally {
            blobs.referenceLock().unlock();
        }
        m.note("delivered=" + stored.size());
        return null;
    }

    /** Return-Path, the stages' header fields, then the received content: one contiguous array. */
    private static byte[] assemble(InboundMessage m) {
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
