package org.tegami.dmarc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * RFC 7489 Appendix C XML for aggregate reports: writing (with gzip, §7.2.1.1) and reading
 * received reports (plain or gzip, any namespace prefix). Reading refuses DTDs and external
 * entities and caps the decompressed size, so a hostile report cannot expand or reach out.
 */
public final class AggregateReportXml {

    /** Decompressed reports larger than this are refused. */
    public static final int MAX_XML_BYTES = 64 * 1024 * 1024;

    private AggregateReportXml() {}

    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(AggregateReport report) implements Parsed {}

    public record Invalid(String reason) implements Parsed {}

    /** The report as XML (UTF-8 text). */
    public static String write(AggregateReport r) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feedback>\n  <version>1.0</version>\n");
        AggregateReport.Metadata m = r.metadata();
        x.append("  <report_metadata>\n");
        el(x, 4, "org_name", m.orgName());
        el(x, 4, "email", m.email());
        el(x, 4, "extra_contact_info", m.extraContact());
        el(x, 4, "report_id", m.reportId());
        x.append("    <date_range>\n");
        el(x, 6, "begin", Long.toString(m.begin()));
        el(x, 6, "end", Long.toString(m.end()));
        x.append("    </date_range>\n");
        for (String e : m.errors()) {
            el(x, 4, "error", e);
        }
        x.append("  </report_metadata>\n  <policy_published>\n");
        AggregateReport.PolicyPublished p = r.policy();
        el(x, 4, "domain", p.domain());
        el(x, 4, "adkim", p.adkim());
        el(x, 4, "aspf", p.aspf());
        el(x, 4, "p", p.p());
        el(x, 4, "sp", p.sp());
        el(x, 4, "pct", Integer.toString(p.pct()));
        el(x, 4, "np", p.np());
        el(x, 4, "fo", p.fo());
        x.append("  </policy_published>\n");
        for (AggregateReport.Row row : r.rows()) {
            record(x, row);
        }
        return x.append("</feedback>\n").toString();
    }

    private static void record(StringBuilder x, AggregateReport.Row row) {
        x.append("  <record>\n    <row>\n");
        el(x, 6, "source_ip", row.sourceIp());
        el(x, 6, "count", Long.toString(row.count()));
        x.append("      <policy_evaluated>\n");
        el(x, 8, "disposition", row.disposition());
        el(x, 8, "dkim", row.dkim());
        el(x, 8, "spf", row.spf());
        for (AggregateReport.Reason reason : row.reasons()) {
            x.append("        <reason>\n");
            el(x, 10, "type", reason.type());
            el(x, 10, "comment", reason.comment());
            x.append("        </reason>\n");
        }
        x.append("      </policy_evaluated>\n    </row>\n    <identifiers>\n");
        el(x, 6, "envelope_to", row.envelopeTo());
        el(x, 6, "envelope_from", row.envelopeFrom());
        el(x, 6, "header_from", row.headerFrom());
        x.append("    </identifiers>\n    <auth_results>\n");
        for (AggregateReport.DkimAuth d : row.dkimResults()) {
            x.append("      <dkim>\n");
            el(x, 8, "domain", d.domain());
            el(x, 8, "selector", d.selector());
            el(x, 8, "result", d.result());
            el(x, 8, "human_result", d.humanResult());
            x.append("      </dkim>\n");
        }
        for (AggregateReport.SpfAuth s : row.spfResults()) {
            x.append("      <spf>\n");
            el(x, 8, "domain", s.domain());
            el(x, 8, "scope", s.scope());
            el(x, 8, "result", s.result());
            x.append("      </spf>\n");
        }
        x.append("    </auth_results>\n  </record>\n");
    }

    private static void el(StringBuilder x, int indent, String name, String value) {
        if (value == null) {
            return;
        }
        x.append(" ".repeat(indent)).append('<').append(name).append('>').append(escape(value))
                .append("</").append(name).append(">\n");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        b.append(c); // other control characters are not allowed in XML 1.0
                    }
                }
            }
        }
        return b.toString();
    }

    /** gzip of the XML (RFC 7489 §7.2.1.1: the report is sent gzip-compressed). */
    public static byte[] gzip(String xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("in-memory gzip failed", e);
        }
        return out.toByteArray();
    }

    /** Parses a received report: XML, or gzip-compressed XML. Never throws. */
    public static Parsed parse(byte[] data) {
        byte[] xml;
        try {
            xml = data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b ? gunzip(data) : data;
        } catch (IOException e) {
            return new Invalid("corrupt gzip data: " + e.getMessage());
        }
        if (xml == null) {
            return new Invalid("report larger than " + MAX_XML_BYTES + " bytes");
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            return new Invalid("not well-formed XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"feedback".equals(local(root))) {
            return new Invalid("root element is not <feedback>");
        }
        return readFeedback(root);
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            byte[] out = in.readNBytes(MAX_XML_BYTES + 1);
            return out.length > MAX_XML_BYTES ? null : out;
        }
    }

    private static Parsed readFeedback(Element root) {
        Element meta = child(root, "report_metadata");
        Element pol = child(root, "policy_published");
        if (meta == null || pol == null) {
            return new Invalid("missing report_metadata or policy_published");
        }
        Element range = child(meta, "date_range");
        List<String> errors = new ArrayList<>();
        for (Element e : children(meta, "error")) {
            errors.add(e.getTextContent().strip());
        }
        AggregateReport.Metadata m = new AggregateReport.Metadata(text(meta, "org_name"), text(meta, "email"),
                text(meta, "extra_contact_info"), text(meta, "report_id"), time(text(range, "begin")),
                time(text(range, "end")), List.copyOf(errors));
        int pct;
        try {
            String s = text(pol, "pct");
            pct = s == null ? 100 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            pct = 100;
        }
        AggregateReport.PolicyPublished p = new AggregateReport.PolicyPublished(text(pol, "domain"), text(pol, "adkim"),
                text(pol, "aspf"), text(pol, "p"), text(pol, "sp"), pct, text(pol, "np"), text(pol, "fo"));
        List<AggregateReport.Row> rows = new ArrayList<>();
        for (Element rec : children(root, "record")) {
            AggregateReport.Row row = readRow(rec);
            if (row == null) {
                return new Invalid("record without row/source_ip/count");
            }
            rows.add(row);
        }
        return new Valid(new AggregateReport(m, p, List.copyOf(rows)));
    }

    private static AggregateReport.Row readRow(Element rec) {
        Element row = child(rec, "row");
        if (row == null) {
            return null;
        }
        long count;
        try {
            count = Long.parseLong(text(row, "count"));
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
        Element pe = child(row, "policy_evaluated");
        Element ids = child(rec, "identifiers");
        Element auth = child(rec, "auth_results");
        List<AggregateReport.Reason> reasons = new ArrayList<>();
        List<AggregateReport.DkimAuth> dkim = new ArrayList<>();
        List<AggregateReport.SpfAuth> spf = new ArrayList<>();
        if (pe != null) {
            for (Element r : children(pe, "reason")) {
                reasons.add(new AggregateReport.Reason(text(r, "type"), text(r, "comment")));
            }
        }
        if (auth != null) {
            for (Element d : children(auth, "dkim")) {
                dkim.add(new AggregateReport.DkimAuth(text(d, "domain"), text(d, "selector"), lower(text(d, "result")), text(d, "human_result")));
            }
            for (Element s : children(auth, "spf")) {
                spf.add(new AggregateReport.SpfAuth(text(s, "domain"), text(s, "scope"), lower(text(s, "result"))));
            }
        }
        String headerFrom = ids == null ? null : text(ids, "header_from");
        String dkimEval = pe == null ? null : lower(text(pe, "dkim"));
        String spfEval = pe == null ? null : lower(text(pe, "spf"));
        // Some reporters omit policy_evaluated's dkim/spf: fall back to a passing result for the
        // From domain or one of its parents/children in auth_results.
        if (dkimEval == null) {
            dkimEval = dkim.stream().anyMatch(d -> "pass".equals(d.result()) && related(d.domain(), headerFrom)) ? "pass" : "fail";
        }
        if (spfEval == null) {
            spfEval = spf.stream().anyMatch(s -> "pass".equals(s.result()) && related(s.domain(), headerFrom)) ? "pass" : "fail";
        }
        return new AggregateReport.Row(text(row, "source_ip"), count, lower(text(pe == null ? row : pe, "disposition")),
                dkimEval, spfEval, List.copyOf(reasons), headerFrom, ids == null ? null : text(ids, "envelope_from"),
                ids == null ? null : text(ids, "envelope_to"), List.copyOf(dkim), List.copyOf(spf));
    }

    private static boolean related(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.equals(y) || x.endsWith("." + y) || y.endsWith("." + x);
    }

    /** Seconds; some reporters write "1337270400.0". */
    private static long time(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return (long) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String local(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nl = parent.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i) instanceof Element e && name.equals(local(e))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().strip();
        return t.isEmpty() ? null : t;
    }
}
