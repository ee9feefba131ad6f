package org.tegami.smtp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.tegami.io.LineReader;

/** Reads one (possibly multi-line) SMTP reply; used by the SMTP client and tests. */
public final class ReplyParser {

    private static final int MAX_LINE = 2048;
    private static final int MAX_LINES = 100;

    private ReplyParser() {}

    public static Reply read(LineReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        String enhanced = null;
        while (true) {
            String line = in.readLine(MAX_LINE);
            if (line == null) {
                throw new java.io.EOFException("connection closed while waiting for a reply");
            }
            if (line.length() < 3 || !Character.isDigit(line.charAt(0))
                    || !Character.isDigit(line.charAt(1)) || !Character.isDigit(line.charAt(2))) {
                throw new IOException("malformed SMTP reply: " + abbreviate(line));
            }
            int c = Integer.parseInt(line.substring(0, 3));
            if (c < 200 || c > 599 || (code >= 0 && c != code)) {
                throw new IOException("malformed SMTP reply: " + abbreviate(line));
            }
            code = c;
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            String text = line.length() > 4 ? line.substring(4) : "";
            if (lines.isEmpty()) {
                String[] words = text.split(" ", 2);
                if (words[0].matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
                    enhanced = words[0];
                }
            }
            if (enhanced != null && text.startsWith(enhanced + " ")) {
                text = text.substring(enhanced.length() + 1);
            } else if (enhanced != null && text.equals(enhanced)) {
                text = "";
            }
            lines.add(text);
            if (lines.size() > MAX_LINES) {
                throw new IOException("SMTP reply with too many lines");
            }
            if (!more) {
                return new Reply(code, enhanced, lines);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
