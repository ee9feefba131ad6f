package org.tegami.mailauth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.tegami.dmarc.AggregateReport;
import org.tegami.dmarc.AggregateReportXml;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;
import org.tegami.store.DmarcStore;

/**
 * Takes in the DMARC aggregate reports other receivers mail to our report address (RFC 7489
 * §7.2.1.1): every attachment that is gzip'd XML, zipped XML or plain XML is parsed (never
 * trusted: the parser refuses DTDs and caps sizes) and stored once per reporter and report id.
 */
public final class ReportIntake {

    /** Decoded attachment and decompressed XML limit (as the XML parser's). */
    static final int MAX_BYTES = AggregateReportXml.MAX_XML_BYTES;
    /** Attachments looked at per message. */
    private static final int MAX_ATTACHMENTS = 20;

    /** What one message held. */
    public record Result(List<AggregateReport> stored, int duplicates, List<String> problems) {
        public boolean found() {
            return !stored.isEmpty() || duplicates > 0;
        }
    }

    private final DmarcStore store;
    private final Clock clock;

    public ReportIntake(DmarcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Parses and stores the reports attached to a message.
     *
     * @param authenticated the message passed DMARC or carried a passing DKIM signature
     */
    public Result accept(byte[] message, boolean authenticated) {
        List<AggregateReport> stored = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int duplicates = 0;
        for (byte[] candidate : candidates(message)) {
            byte[] xml = unzip(candidate);
            if (xml == null) {
                problems.add("unreadable zip attachment");
                continue;
            }
            switch (AggregateReportXml.parse(xml)) {
                case AggregateReportXml.Valid v -> {
                    if (store(v.report(), xml, authenticated)) {
                        stored.add(v.report());
                    } else {
                        duplicates++;
                    }
                }
                case AggregateReportXml.Invalid inv -> problems.add(inv.reason());
            }
        }
        return new Result(stored, duplicates, problems);
    }

    /** Stores a parsed report; false when it is a duplicate (or lacks the fields that identify it). */
    public boolean store(AggregateReport r, byte[] xmlOrGzip, boolean authenticated) {
        var meta = r.metadata();
        if (meta.orgName() == null || meta.reportId() == null || r.policy().domain() == null) {
            return false;
        }
        byte[] gz = isGzip(xmlOrGzip) ? xmlOrGzip
                : AggregateReportXml.gzip(new String(xmlOrGzip, java.nio.charset.StandardCharsets.UTF_8));
        return store.addReceived(new DmarcStore.ReceivedReport(0, clock.millis(), meta.orgName(), meta.email(),
                meta.reportId(), r.policy().domain().toLowerCase(Locale.ROOT), meta.begin(), meta.end(), authenticated, gz));
    }

    /** Decoded bodies of the parts that may hold a report: by media type or by file name. */
    static List<byte[]> candidates(byte[] message) {
        ParsedMessage p = MimeParser.parse(ByteBuffer.wrap(message), MimeLimits.DEFAULT);
        List<byte[]> out = new ArrayList<>();
        for (MimePart part : p.root().leaves(false)) {
            if (out.size() >= MAX_ATTACHMENTS) {
                break;
            }
            if (isReport(part)) {
                out.add(ContentDecoder.decodedBody(ByteBuffer.wrap(message), part, MAX_BYTES));
            }
        }
        return out;
    }

    private static boolean isReport(MimePart part) {
        String type = part.contentType().mimeType().toLowerCase(Locale.ROOT);
        String name = part.fileName() == null ? "" : part.fileName().toLowerCase(Locale.ROOT);
        return type.equals("application/gzip") || type.equals("application/x-gzip") || type.equals("application/zip")
                || type.equals("application/x-zip-compressed") || type.equals("application/xml") || type.equals("text/xml")
                || name.endsWith(".xml") || name.endsWith(".xml.gz") || name.endsWith(".gz") || name.endsWith(".zip");
    }

    /** The first XML file of a zip archive (bounded); other data as it is; null for a broken zip. */
    static byte[] unzip(byte[] data) {
        if (data.length < 4 || data[0] != 'P' || data[1] != 'K' || data[2] != 3 || data[3] != 4) {
            return data;
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    byte[] out = zip.readNBytes(MAX_BYTES + 1);
                    return out.length > MAX_BYTES ? null : out;
                }
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isGzip(byte[] b) {
        return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }
}
