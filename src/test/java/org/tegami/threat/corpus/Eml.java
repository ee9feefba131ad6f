package org.tegami.threat.corpus;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A small builder of RFC 5322/MIME messages for the threat corpus and unit tests. */
public final class Eml {

    private record Attachment(String name, String type, byte[] data, boolean inline) {}

    private final List<String[]> headers = new ArrayList<>();
    private String subject = "";
    private String subjectCharset = "UTF-8";
    private String text;
    private String textCharset = "UTF-8";
    private String textCte = "quoted-printable";
    private String html;
    private String htmlCharset = "UTF-8";
    private String calendar;
    private final List<Attachment> attachments = new ArrayList<>();
    private int boundaries;

    public static Eml of(String from, String to) {
        Eml e = new Eml();
        e.header("From", from);
        e.header("To", to);
        e.header("Date", "Mon, 3 Jun 2024 09:15:00 +0900");
        return e;
    }

    public Eml header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    public Eml replyTo(String v) {
        return header("Reply-To", v);
    }

    public Eml returnPath(String v) {
        return header("Return-Path", "<" + v + ">");
    }

    public Eml auth(String v) {
        return header("Authentication-Results", v);
    }

    public Eml subject(String s) {
        this.subject = s;
        return this;
    }

    public Eml subject(String s, String charset) {
        this.subject = s;
        this.subjectCharset = charset;
        return this;
    }

    public Eml text(String t) {
        this.text = t;
        return this;
    }

    /** Plain text in a given charset and transfer encoding ("7bit", "8bit", "base64", "quoted-printable"). */
    public Eml text(String t, String charset, String cte) {
        this.text = t;
        this.textCharset = charset;
        this.textCte = cte;
        return this;
    }

    public Eml html(String h) {
        this.html = h;
        return this;
    }

    public Eml html(String h, String charset) {
        this.html = h;
        this.htmlCharset = charset;
        return this;
    }

    public Eml calendar(String ics) {
        this.calendar = ics;
        return this;
    }

    public Eml attach(String name, String type, byte[] data) {
        attachments.add(new Attachment(name, type, data, false));
        return this;
    }

    public Eml attachInline(String name, String type, byte[] data) {
        attachments.add(new Attachment(name, type, data, true));
        return this;
    }

    public byte[] build() {
        StringBuilder sb = new StringBuilder();
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        sb.append("Subject: ").append(encodeHeader(subject, subjectCharset)).append("\r\n");
        sb.append("Message-ID: <").append(Integer.toHexString((subject + headers.get(0)[1]).hashCode())).append("@corpus.test>\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        String body = body();
        return (sb + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The body including its own Content-Type header lines (ISO-8859-1 string of bytes). */
    private String body() {
        List<String> alternatives = new ArrayList<>();
        if (text != null) {
            alternatives.add(textPart("plain", text, textCharset, textCte));
        }
        if (html != null) {
            alternatives.add(textPart("html", html, htmlCharset, "quoted-printable"));
        }
        if (calendar != null) {
            alternatives.add("Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + latin(calendar.replace("\n", "\r\n"), StandardCharsets.UTF_8) + "\r\n");
        }
        String main = alternatives.size() == 1 ? alternatives.get(0) : multipart("alternative", alternatives);
        if (attachments.isEmpty()) {
            return main;
        }
        List<String> parts = new ArrayList<>();
        parts.add(main);
        for (Attachment a : attachments) {
            String encodedName = nameParam(a.name());
            parts.add("Content-Type: " + a.type() + "; name=" + encodedName + "\r\n"
                    + "Content-Disposition: " + (a.inline() ? "inline" : "attachment") + "; filename=" + encodedName + "\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(a.data()) + "\r\n");
        }
        return multipart("mixed", parts);
    }

    private String multipart(String subtype, List<String> parts) {
        String b = "----=_corpus_" + subtype + "_" + (boundaries++);
        StringBuilder sb = new StringBuilder();
        sb.append("Content-Type: multipart/").append(subtype).append("; boundary=\"").append(b).append("\"\r\n\r\n");
        sb.append("This is a multi-part message in MIME format.\r\n");
        for (String p : parts) {
            sb.append("--").append(b).append("\r\n").append(p);
            if (!p.endsWith("\r\n")) {
                sb.append("\r\n");
            }
        }
        sb.append("--").append(b).append("--\r\n");
        return sb.toString();
    }

    private static String textPart(String subtype, String content, String charset, String cte) {
        Charset cs = Charset.forName(charset);
        byte[] bytes = content.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(cs);
        String encoded = switch (cte) {
            case "base64" -> Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
            case "quoted-printable" -> qp(bytes);
            default -> new String(bytes, StandardCharsets.ISO_8859_1);
        };
        return "Content-Type: text/" + subtype + "; charset=" + charset + "\r\nContent-Transfer-Encoding: " + cte + "\r\n\r\n"
                + encoded + "\r\n";
    }

    static String qp(byte[] data) {
        StringBuilder sb = new StringBuilder();
        int col = 0;
        for (int i = 0; i < data.length; i++) {
            int b = data[i] & 0xff;
            if (b == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                sb.append("\r\n");
                i++;
                col = 0;
                continue;
            }
            boolean lineEnd = i + 1 >= data.length || data[i + 1] == '\r';
            String t = b >= 33 && b <= 126 && b != '=' || b == ' ' && !lineEnd ? String.valueOf((char) b) : String.format("=%02X", b);
            if (col + t.length() > 75) {
                sb.append("=\r\n");
                col = 0;
            }
            sb.append(t);
            col += t.length();
        }
        return sb.toString();
    }

    private static String latin(String s, Charset cs) {
        return new String(s.getBytes(cs), StandardCharsets.ISO_8859_1);
    }

    static String encodeHeader(String value, String charset) {
        if (value.chars().allMatch(c -> c < 0x7f)) {
            return value;
        }
        byte[] b = value.getBytes(Charset.forName(charset));
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(b) + "?=";
    }

    /** A display name + address with the name RFC 2047-encoded when needed. */
    public static String addr(String name, String address, String charset) {
        return encodeHeader(name, charset) + " <" + address + ">";
    }

    private static String nameParam(String name) {
        if (name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "\"" + name + "\"";
        }
        return "\"" + encodeHeader(name, "UTF-8") + "\"";
    }
}
