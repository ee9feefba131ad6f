package org.tegami.dmarc;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The e-mail that carries an aggregate report (RFC 7489 §7.2.1.1): a multipart/mixed message
 * with a short text part and the gzip-compressed XML as an attachment named
 * {@code receiver!policy-domain!begin!end[!unique-id].xml.gz}.
 */
public final class AggregateReportMail {

    private AggregateReportMail() {}

    /** RFC 7489 §7.2.1.1 file name: receiver "!" policy-domain "!" begin "!" end ["!" unique-id] ".xml.gz". */
    public static String fileName(String receiverDomain, AggregateReport report, String uniqueId) {
        String base = receiverDomain + "!" + report.policy().domain() + "!" + report.metadata().begin() + "!"
                + report.metadata().end() + (uniqueId == null || uniqueId.isEmpty() ? "" : "!" + uniqueId);
        return base.replaceAll("[^A-Za-z0-9.!_-]", "_") + ".xml.gz";
    }

    /**
     * The complete report message (CRLF line ends), ready to be queued.
     *
     * @param receiverDomain our domain, the "Submitter"
     * @param from the report sender address (e.g. dmarc-reports@our.domain)
     * @param to the verified rua address
     * @param messageIdDomain the right-hand side of the Message-ID
     * @throws IllegalArgumentException when an address or domain holds control or non-ASCII characters
     */
    public static byte[] build(AggregateReport report, String receiverDomain, String from, String to, Clock clock,
            String messageIdDomain) {
        for (String h : new String[] {receiverDomain, from, to, messageIdDomain}) {
            if (h == null || h.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("header value with control or non-ASCII characters: " + h);
            }
        }
        byte[] gz = AggregateReportXml.gzip(AggregateReportXml.write(report));
        String name = fileName(receiverDomain, report, null);
        String boundary = "=_tegami_dmarc_" + Long.toHexString(clock.millis()) + "_" + Integer.toHexString(report.hashCode());
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        String subject = "Report Domain: " + report.policy().domain() + " Submitter: " + receiverDomain
                + " Report-ID: <" + report.metadata().reportId() + ">";
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(from).append("\r\n");
        m.append("To: ").append(to).append("\r\n");
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(now)).append("\r\n");
        m.append("Subject: ").append(subject).append("\r\n");
        m.append("Message-ID: <dmarc-").append(report.metadata().reportId().replaceAll("[^A-Za-z0-9._-]", "_"))
                .append("@").append(messageIdDomain).append(">\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        m.append("This is a DMARC aggregate report (RFC 7489).\r\n\r\n");
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        m.append("DMARC aggregate report for ").append(report.policy().domain()).append(" from ")
                .append(receiverDomain).append(", ").append(report.messages()).append(" message(s), ")
                .append(report.metadata().begin()).append(" to ").append(report.metadata().end()).append(".\r\n\r\n");
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: application/gzip; name=\"").append(name).append("\"\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n");
        m.append("Content-Disposition: attachment; filename=\"").append(name).append("\"\r\n\r\n");
        m.append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(gz)).append("\r\n");
        m.append("--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
