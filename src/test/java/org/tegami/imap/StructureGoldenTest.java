package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.mime.Address;
import org.tegami.mime.Envelope;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;

/**
 * ENVELOPE and BODYSTRUCTURE for messages built to match the examples of RFC 9051 §7.5.2, with
 * the expected strings worked out from the grammar (MIME tokens in the case MimeParser keeps:
 * lower-case types, subtypes and parameter names, values as written).
 */
class StructureGoldenTest {

    private static ParsedMessage parse(String text) {
        return MimeParser.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** n lines totalling exactly size octets, each ending in CRLF. */
    private static String body(int lines, int size) {
        StringBuilder sb = new StringBuilder();
        int perLine = size / lines - 2;
        for (int i = 0; i < lines; i++) {
            int len = i == lines - 1 ? size - sb.length() - 2 : perLine;
            sb.append("x".repeat(len)).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void rfc9051EnvelopeExample() {
        ParsedMessage m = parse("""
                Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
                From: Terry Gray <gray@cac.washington.edu>
                Subject: IMAP4rev1 WG mtg summary and minutes
                To: imap@cac.washington.edu
                cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
                Message-Id: <B27397-0100000@cac.washington.edu>
                MIME-Version: 1.0
                Content-Type: TEXT/PLAIN; CHARSET=US-ASCII

                hello
                """);
        assertThat(EnvelopeRenderer.render(m.envelope(), false)).isEqualTo(
                "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\""
                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\"))"
                + " ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL"
                + " \"<B27397-0100000@cac.washington.edu>\")");
        assertThat(BodyStructureRenderer.render(m.root(), true, false))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"US-ASCII\") NIL NIL \"7bit\" 7 1 NIL NIL NIL NIL)");
    }

    @Test
    void rfc9051BodyStructureExample() {
        // ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 1152 23)("TEXT" "PLAIN" ("CHARSET"
        // "US-ASCII" "NAME" "cc.diff") "<960723163407.20117h@cac.washington.edu>" "Compiler diff"
        // "BASE64" 4554 73) "MIXED"
        String text = "MIME-Version: 1.0\r\nContent-Type: MULTIPART/MIXED; BOUNDARY=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n" + body(23, 1152) + "\r\n--b\r\n"
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII; NAME=cc.diff\r\n"
                + "Content-ID: <960723163407.20117h@cac.washington.edu>\r\nContent-Description: Compiler diff\r\n"
                + "Content-Transfer-Encoding: BASE64\r\n\r\n" + body(73, 4554) + "\r\n--b--\r\n";
        ParsedMessage m = MimeParser.parse(text.getBytes(StandardCharsets.US_ASCII));
        String part1 = "(\"text\" \"plain\" (\"charset\" \"US-ASCII\") NIL NIL \"7bit\" 1152 23";
        String part2 = "(\"text\" \"plain\" (\"charset\" \"US-ASCII\" \"name\" \"cc.diff\")"
                + " \"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"base64\" 4554 73";
        assertThat(BodyStructureRenderer.render(m.root(), false, false))
                .isEqualTo("(" + part1 + ")" + part2 + ") \"mixed\")");
        assertThat(BodyStructureRenderer.render(m.root(), true, false))
                .isEqualTo("(" + part1 + " NIL NIL NIL NIL)" + part2 + " NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL)");
    }

    @Test
    void extensionDataAndNestedMessage() {
        ParsedMessage m = parse("""
                From: a@example.org
                Content-Type: multipart/mixed; boundary=outer
                Content-Language: en, de
                Content-Location: http://example.org/m

                --outer
                Content-Type: text/html; charset=utf-8
                Content-Disposition: inline
                Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
                Content-Language: fr

                <p>hi</p>
                --outer
                Content-Type: message/rfc822
                Content-Disposition: attachment; filename="fwd.eml"

                From: Bob <bob@example.org>
                Subject: inner
                Content-Type: text/plain; format=flowed

                inner body
                --outer
                Content-Type: application/pdf; name*=utf-8''%E8%AB%8B%E6%B1%82.pdf
                Content-Transfer-Encoding: base64

                JVBERg==
                --outer--
                """);
        String expected = "((\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 9 1 \"Q2hlY2sgSW50ZWdyaXR5IQ==\""
                + " (\"inline\" NIL) (\"fr\") NIL)"
                + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 98"
                + " (NIL \"inner\" ((\"Bob\" NIL \"bob\" \"example.org\")) ((\"Bob\" NIL \"bob\" \"example.org\"))"
                + " ((\"Bob\" NIL \"bob\" \"example.org\")) NIL NIL NIL NIL NIL)"
                + " (\"text\" \"plain\" (\"format\" \"flowed\" \"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)"
                + " 5 NIL (\"attachment\" (\"filename\" \"fwd.eml\")) NIL NIL)"
                + "(\"application\" \"pdf\" (\"name*\" \"utf-8''%E8%AB%8B%E6%B1%82.pdf\") NIL NIL \"base64\" 8 NIL NIL NIL NIL)"
                + " \"mixed\" (\"boundary\" \"outer\") NIL (\"en\" \"de\") \"http://example.org/m\")";
        assertThat(BodyStructureRenderer.render(m.root(), true, false)).isEqualTo(expected);
        // with UTF-8 enabled the decoded parameter goes out as a quoted UTF-8 string
        assertThat(BodyStructureRenderer.render(m.root(), true, true)).contains("(\"name\" \"請求.pdf\")");
    }

    @Test
    void eightBitHeaderValuesAreLiteralsUnlessUtf8() {
        ParsedMessage m = parse("Subject: Grüße\nFrom: \"Jürgen\" <j@example.org>\n\nx\n");
        assertThat(EnvelopeRenderer.render(m.envelope(), false))
                .startsWith("(NIL {7}\r\nGrüße ((").contains("(({7}\r\nJürgen NIL \"j\" \"example.org\"))");
        assertThat(EnvelopeRenderer.render(m.envelope(), true)).startsWith("(NIL \"Grüße\" ((\"Jürgen\" NIL");
    }

    @Test
    void strayGroupMarkersAreNotSent() {
        Envelope e = new Envelope(null, null,
                List.of(new Address("MAILER DAEMON", null, null, null)),
                List.of(new Address(null, null, "undisclosed", null)),
                List.of(new Address(null, null, null, null), new Address(null, null, "x", "y")),
                List.of(new Address(null, null, "g", null), new Address("N", null, null, null), new Address(null, null, null, null)),
                List.of(), List.of(), null, null);
        assertThat(EnvelopeRenderer.render(e, false)).isEqualTo("(NIL NIL ((\"MAILER DAEMON\" NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\"))"
                + " ((NIL NIL \"undisclosed\" \"MISSING_DOMAIN\")) ((NIL NIL \"x\" \"y\"))"
                + " ((NIL NIL \"g\" NIL)(\"N\" NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")(NIL NIL NIL NIL)) NIL NIL NIL NIL)");
    }

    @Test
    void defaultsForMessagesWithoutMime() {
        ParsedMessage m = parse("Subject: plain\n\nline one\nline two\n");
        assertThat(BodyStructureRenderer.render(m.root(), true, false))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 20 2 NIL NIL NIL NIL)");
        ByteBuffer msg = ByteBuffer.wrap("Subject: plain\r\n\r\nline one\r\nline two\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(StandardCharsets.US_ASCII.decode(SectionExtractor.body(msg, m.root(), Section.of(Section.Kind.ALL, 1))).toString())
                .isEqualTo("line one\r\nline two\r\n");
    }
}
