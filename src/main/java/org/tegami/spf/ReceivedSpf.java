package org.tegami.spf;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** The optional Received-SPF trace field (RFC 7208 §9.1). */
public final class ReceivedSpf {

    private ReceivedSpf() {}

    /**
     * "Received-SPF: RESULT (COMMENT) client-ip=...; envelope-from=...; helo=...; receiver=...;
     * identity=...\r\n".
     */
    public static String field(SpfResult r, InetAddress clientIp, String helo, String receiver) {
        StringBuilder sb = new StringBuilder("Received-SPF: ").append(r.result().keyword())
                .append(" (").append(comment(r.reason())).append(")\r\n\t")
                .append("client-ip=").append(InetAddresses.toAddrString(clientIp)).append(';');
        if (r.sender() != null) {
            sb.append(" envelope-from=").append(quote(r.sender())).append(';');
        }
        if (helo != null && !helo.isBlank()) {
            sb.append(" helo=").append(quote(helo.strip())).append(';');
        }
        if (receiver != null) {
            sb.append("\r\n\treceiver=").append(quote(receiver)).append(';');
        }
        if (r.mechanism() != null) {
            sb.append(" mechanism=").append(quote(r.mechanism())).append(';');
        }
        return sb.append(" identity=").append(r.identity() == SpfResult.Identity.HELO ? "helo" : "mailfrom").append("\r\n").toString();
    }

    /** Dot-atom values as they are, anything else as a quoted-string. */
    private static String quote(String v) {
        if (v.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@:-]+")) {
            return v;
        }
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ") + "\"";
    }

    private static String comment(String c) {
        return c.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replaceAll("[\\r\\n]", " ");
    }
}
