package org.tegami.imap;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.List;
import org.tegami.mime.Envelope;
import org.tegami.mime.MimePart;

/**
 * Streams one FETCH response (RFC 9051 §7.5.2) into an {@link ImapWriter}: "* n FETCH (" item
 * SP item ... ")" CRLF. Message data is written from {@link ByteBuffer} slices of the stored
 * message (see {@link SectionExtractor}), large ones directly to the socket stream, so no FETCH
 * builds a string of the message.
 *
 * <pre>{@code
 * FetchResponseWriter f = new FetchResponseWriter(writer);
 * f.begin(seq).uid(uid).flags(flags).bodyStructure(root, true);
 * f.body(item, message, root);   // BODY[...] / BODY.PEEK[...]
 * f.end();
 * }</pre>
 *
 * <p>One writer may be reused for many messages; {@link #begin} starts the next response.
 */
public final class FetchResponseWriter {

    private final ImapWriter w;
    private boolean open;
    private boolean first;

    public FetchResponseWriter(ImapWriter w) {
        this.w = w;
    }

    /** "* seq FETCH (". */
    public FetchResponseWriter begin(long seq) {
        if (open) {
            throw new IllegalStateException("previous FETCH response not ended");
        }
        w.raw("* ").number(seq).raw(" FETCH (");
        open = true;
        first = true;
        return this;
    }

    /** ")" CRLF. */
    public void end() {
        if (!open) {
            throw new IllegalStateException("no FETCH response begun");
        }
        w.close().crlf();
        open = false;
    }

    private ImapWriter item(String name) {
        if (!open) {
            throw new IllegalStateException("no FETCH response begun");
        }
        if (!first) {
            w.sp();
        }
        first = false;
        return w.raw(name).sp();
    }

    public FetchResponseWriter uid(long uid) {
        item("UID").number(uid);
        return this;
    }

    public FetchResponseWriter flags(List<String> flags) {
        ResponseEncoder.flagList(item("FLAGS"), flags);
        return this;
    }

    /** "INTERNALDATE" SP date-time (RFC 9051 §9). */
    public FetchResponseWriter internalDate(OffsetDateTime date) {
        item("INTERNALDATE").raw(dateTime(date));
        return this;
    }

    public FetchResponseWriter rfc822Size(long size) {
        item("RFC822.SIZE").number(size);
        return this;
    }

    /** "MODSEQ (n)" (RFC 7162 §3.1.4.1). */
    public FetchResponseWriter modSeq(long modSeq) {
        item("MODSEQ").open().number(modSeq).close();
        return this;
    }

    public FetchResponseWriter envelope(Envelope envelope) {
        item("ENVELOPE");
        EnvelopeRenderer.write(w, envelope);
        return this;
    }

    /** BODYSTRUCTURE (extensible) or BODY (not). */
    public FetchResponseWriter bodyStructure(MimePart root, boolean extensible) {
        item(extensible ? "BODYSTRUCTURE" : "BODY");
        BodyStructureRenderer.write(w, root, extensible);
        return this;
    }

    /** Any item with message data already cut out: "name" SP (string / literal), or NIL for null. */
    public FetchResponseWriter data(String responseName, ByteBuffer data, boolean binary) {
        ImapWriter iw = item(responseName);
        if (data == null) {
            iw.nil();
        } else {
            iw.data(data, binary);
        }
        return this;
    }

    /** BODY[section]&lt;partial&gt; or BODY.PEEK[...], extracted from the message. */
    public FetchResponseWriter body(FetchItem.BodySection item, ByteBuffer message, MimePart root) {
        ByteBuffer d = SectionExtractor.partial(SectionExtractor.body(message, root, item.section()), item.partial());
        return data(item.responseName(), d, false);
    }

    /** RFC822, RFC822.HEADER or RFC822.TEXT (RFC 3501 §6.4.5). */
    public FetchResponseWriter rfc822(FetchItem.Simple item, ByteBuffer message, MimePart root) {
        return data(item.responseName(), SectionExtractor.rfc822(message, root, item), false);
    }

    /**
     * BINARY[part]&lt;partial&gt; (RFC 3516 §4.2): literal8 when the decoded data has NUL. A part
     * that does not exist is empty, as for BODY[] (and as Dovecot answers).
     *
     * @return null when written, or {@link ResponseCode#UNKNOWN_CTE} for the tagged NO RFC 3516
     *     §4.3 asks for — then nothing was written for this item
     */
    public ResponseCode binary(FetchItem.Binary item, ByteBuffer message, MimePart root) {
        SectionExtractor.Binary b = SectionExtractor.binary(message, root, item.part());
        return switch (b) {
            case SectionExtractor.Binary.Data d -> {
                data(item.responseName(), SectionExtractor.partial(d.data(), item.partial()), true);
                yield null;
            }
            case SectionExtractor.Binary.UnknownEncoding u -> ResponseCode.UNKNOWN_CTE;
            case SectionExtractor.Binary.NoSuchPart n -> {
                data(item.responseName(), ByteBuffer.allocate(0), true);
                yield null;
            }
        };
    }

    /** BINARY.SIZE[part] (0 for a part that does not exist); same return convention as {@link #binary}. */
    public ResponseCode binarySize(FetchItem.BinarySize item, ByteBuffer message, MimePart root) {
        SectionExtractor.Binary b = SectionExtractor.binary(message, root, item.part());
        return switch (b) {
            case SectionExtractor.Binary.Data d -> {
                item(item.responseName()).number(d.data().remaining());
                yield null;
            }
            case SectionExtractor.Binary.UnknownEncoding u -> ResponseCode.UNKNOWN_CTE;
            case SectionExtractor.Binary.NoSuchPart n -> {
                item(item.responseName()).number(0);
                yield null;
            }
        };
    }

    /**
     * date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
     * (RFC 9051 §9), e.g. "\" 7-Feb-1994 21:52:25 -0800\"".
     */
    public static String dateTime(OffsetDateTime d) {
        // Built by hand: this runs once per message of a FETCH 1:* INTERNALDATE (String.format
        // cost more than everything else of such a response).
        int offMin = d.getOffset().getTotalSeconds() / 60;
        char sign = offMin < 0 ? '-' : '+';
        offMin = Math.abs(offMin);
        char[] c = new char[28];
        int day = d.getDayOfMonth();
        c[0] = '"';
        c[1] = day < 10 ? ' ' : (char) ('0' + day / 10);
        c[2] = (char) ('0' + day % 10);
        c[3] = '-';
        MONTH_NAMES[d.getMonthValue() - 1].getChars(0, 3, c, 4);
        c[7] = '-';
        int y = d.getYear();
        c[8] = (char) ('0' + y / 1000 % 10);
        c[9] = (char) ('0' + y / 100 % 10);
        c[10] = (char) ('0' + y / 10 % 10);
        c[11] = (char) ('0' + y % 10);
        c[12] = ' ';
        two(c, 13, d.getHour());
        c[15] = ':';
        two(c, 16, d.getMinute());
        c[18] = ':';
        two(c, 19, d.getSecond());
        c[21] = ' ';
        c[22] = sign;
        two(c, 23, offMin / 60);
        two(c, 25, offMin % 60);
        c[27] = '"';
        return new String(c);
    }

    private static final String[] MONTH_NAMES =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10 % 10);
        c[at + 1] = (char) ('0' + v % 10);
    }
}
