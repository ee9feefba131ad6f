package org.tegami.threat;

/** The warning text shown to the recipient of a tagged message, in plain text and HTML. */
final class Banner {

    private static final String RULE = "----------------------------------------------------------------------";
    private static final String ADVICE = "Do not click links, open attachments, pay, or send information until you have "
            + "confirmed the request with the sender through another channel (for example a phone number you already know).";

    private Banner() {}

    static String plain(Verdict v, String eol) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append(eol);
        sb.append("WARNING: Tegami flagged this message as suspicious (score ").append(Verdict.number(v.score())).append(").")
                .append(eol);
        for (Finding f : v.findings()) {
            sb.append("* ").append(f.explanation()).append(eol);
        }
        sb.append(ADVICE).append(eol).append(RULE).append(eol).append(eol);
        return sb.toString();
    }

    static String html(Verdict v, String eol) {
        StringBuilder sb = new StringBuilder();
        sb.append("<div style=\"border:2px solid #b00000;background:#fff4f4;color:#000000;padding:8px 12px;margin:0 0 12px 0;")
                .append("font-family:Arial,sans-serif;font-size:14px\">").append(eol);
        sb.append("<strong>WARNING: Tegami flagged this message as suspicious (score ").append(Verdict.number(v.score()))
                .append(").</strong>").append(eol).append("<ul style=\"margin:4px 0\">").append(eol);
        for (Finding f : v.findings()) {
            sb.append("<li>").append(escape(f.explanation())).append("</li>").append(eol);
        }
        sb.append("</ul>").append(eol).append("<div>").append(escape(ADVICE)).append("</div>").append(eol).append("</div>").append(eol);
        return sb.toString();
    }

    static String oneLine(Verdict v) {
        StringBuilder sb = new StringBuilder("Suspicious message (score ").append(Verdict.number(v.score())).append("):");
        for (Finding f : v.findings()) {
            sb.append(' ').append(f.explanation());
        }
        String s = sb.toString().replaceAll("[\\r\\n\\t]+", " ");
        // header text must be ASCII-safe: non-ASCII is carried as RFC 2047 encoded-words
        return s.chars().allMatch(c -> c < 0x7f) ? s : org.tegami.mime.EncodedWords.encode(s).replaceAll("\\r\\n ", " ");
    }

    /** HTML-escapes, writing non-ASCII as numeric references so the banner is pure ASCII. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (cp < 0x80) {
                        sb.append((char) cp);
                    } else {
                        sb.append("&#").append(cp).append(';');
                    }
                }
            }
        }
        return sb.toString();
    }
}
