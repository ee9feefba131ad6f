package org.tegami.imapserver;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.CommandError;
import org.tegami.imap.CommandParser;
import org.tegami.imap.LiteralGate;
import org.tegami.imap.RawCommand;
import org.tegami.imap.ReadResult;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.SequenceSet;
import org.tegami.mime.MimeEntities;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.BlobStore;
import org.tegami.store.ContentIndex;
import org.tegami.store.Delivery;
import org.tegami.store.Mailbox;

/**
 * APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502: all messages or none), LITERAL+,
 * APPENDLIMIT (RFC 7889: NO [TOOBIG] before the data is sent, by the reader's limit), BINARY
 * literal8 (RFC 3516 §4.4: binary parts are stored base64-encoded), UIDPLUS APPENDUID (RFC 4315).
 * The reply OK means the message is committed and fsync'd.
 */
final class AppendHandler {

    private AppendHandler() {}

    /**
     * Before the data of a synchronizing message literal: NO [TRYCREATE] if the mailbox does not
     * exist, NO [OVERQUOTA] if it would not fit (RFC 9051 §6.3.12), so the client sends nothing.
     */
    static CommandError beforeLiteral(ImapSession s, LiteralGate.LiteralRequest r) {
        RawCommand p = r.partial();
        List<byte[]> lines = new ArrayList<>(p.lines());
        lines.add(new byte[0]);
        List<RawCommand.Literal> literals = new ArrayList<>(p.literals());
        literals.add(new RawCommand.Literal(ByteBuffer.allocate(0), r.binary(), true));
        ReadResult parsed = new CommandParser(s.ctx.limits()).parse(new RawCommand(lines, literals));
        if (!(parsed instanceof ReadResult.Parsed ok) || !(ok.command() instanceof AuthenticatedCommand.Append a)) {
            return null; // the literal is not a message (e.g. a mailbox name as a literal)
        }
        try {
            Mailbox mb = target(s, a.mailbox());
            checkQuota(s, mb, r.size());
        } catch (ImapFailure f) {
            return CommandError.no(r.tag(), f.code, f.getMessage());
        }
        return null;
    }

    private static Mailbox target(ImapSession s, String wireName) {
        String name = s.storedName(wireName);
        return s.ctx.store().mailbox(s.accountId(), name)
                .orElseThrow(() -> ImapFailure.no(ResponseCode.TRYCREATE, "Mailbox does not exist"));
    }

    private static void checkQuota(ImapSession s, Mailbox mb, long adding) {
        long quota = QuotaHandler.account(s).quotaBytes();
        if (quota > 0 && s.ctx.store().usage(s.accountId()) + adding > quota) {
            throw ImapFailure.no(ResponseCode.OVERQUOTA, "Quota exceeded (" + quota + " bytes)");
        }
    }

    static Response.Status append(ImapSession s, AuthenticatedCommand.Append c) {
        Mailbox mb = target(s, c.mailbox());
        long total = 0;
        for (AuthenticatedCommand.AppendMessage m : c.messages()) {
            if (m.size() == 0) {
                throw ImapFailure.no(ResponseCode.CANNOT, "Cannot store an empty message");
            }
            if (m.size() > s.ctx.config().appendLimit()) {
                throw ImapFailure.no(ResponseCode.TOOBIG, "Message too big (APPENDLIMIT " + s.ctx.config().appendLimit() + ")");
            }
            total += m.size();
        }
        checkQuota(s, mb, total);
        BlobStore blobs = s.ctx.blobs();
        List<Delivery.Stored> stored;
        blobs.referenceLock().lock(); // from blob write until the commit references it
        try {
            List<Delivery> deliveries = new ArrayList<>(c.messages().size());
            for (AuthenticatedCommand.AppendMessage m : c.messages()) {
                deliveries.add(delivery(s, mb, m));
            }
            stored = s.ctx.store().deliverAll(deliveries);
        } catch (java.io.IOException e) {
            throw ImapFailure.no(ResponseCode.UNAVAILABLE, "Cannot store the message now, try again later");
        } finally {
            blobs.referenceLock().unlock();
        }
        List<Long> uids = new ArrayList<>(stored.size());
        for (Delivery.Stored st : stored) {
            uids.add(st.uid());
        }
        long uidValidity = stored.get(0).uidValidity();
        return Response.Status.ok(c.tag(), new ResponseCode.AppendUid(uidValidity, SequenceSet.ofNumbers(uids)),
                "APPEND completed");
    }

    private static Delivery delivery(ImapSession s, Mailbox mb, AuthenticatedCommand.AppendMessage m)
            throws java.io.IOException {
        byte[] bytes = new byte[m.size()];
        m.data().duplicate().get(bytes);
        if (m.binary()) {
            // RFC 3516 §4.4: binary content is kept in a 7-bit form; BINARY[] undoes the encoding.
            bytes = MimeEntities.binaryToBase64(bytes);
        }
        // Encryption at rest for accounts that turned it on; the size checked against quota and
        // APPENDLIMIT was the client's (the client cannot know the stored form's size).
        bytes = s.ctx.appendForm().apply(s.account.address(), bytes)
                .orElseThrow(() -> ImapFailure.no(ResponseCode.UNAVAILABLE,
                        "Cannot store the message now (encryption at rest unavailable), try again later"));
        FlagArgs flags = FlagArgs.parse(m.flags());
        OffsetDateTime date = m.internalDate() != null ? m.internalDate()
                : OffsetDateTime.now(s.ctx.clock().withZone(ZoneId.systemDefault()));
        ParsedMessage parsed = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        byte[] structure = StructureCodec.encode(parsed.root(), parsed.envelope());
        ContentIndex index = ContentIndex.of(ByteBuffer.wrap(bytes), parsed);
        BlobStore.Blob blob = s.ctx.blobs().prepare(bytes);
        return new Delivery(blob, structure, List.of(mb.id()), flags.bits(), flags.keywordString(),
                date.toInstant().toEpochMilli(), date.getOffset().getTotalSeconds() / 60, index);
    }
}
