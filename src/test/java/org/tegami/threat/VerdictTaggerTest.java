package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;
import org.tegami.threat.corpus.CorpusFiles;
import org.tegami.threat.corpus.Eml;

class VerdictTaggerTest {

    private static final Verdict TAGGED = Verdict.of(List.of(
            new Finding("impersonation.display-name", 5.0, "The display name \"山田 太郎\" matches your colleague, but the message comes from x@evil.test."),
            new Finding("bec.urgency", 1.0, "The message presses for urgency (\"urgent\").")), ThreatPolicy.DEFAULT);
    private final VerdictTagger tagger = new VerdictTagger(ThreatPolicy.DEFAULT);

    private static String text(byte[] msg, String type) {
        ParsedMessage p = MimeParser.parse(msg);
        for (MimePart leaf : p.root().leaves(false)) {
            if (leaf.contentType().mimeType().equals(type) && leaf.fileName() == null) {
                return ContentDecoder.text(ByteBuffer.wrap(msg), leaf, Integer.MAX_VALUE);
            }
        }
        return null;
    }

    @Test
    void headerOnEveryMessageAndForgedOnesRemoved() {
        byte[] in = Eml.of("a@x.test", "b@y.test").header("X-Tegami-Verdict", "action=deliver; score=0.0").subject("Hi").text("body").build();
        Verdict clean = Verdict.clean();
        byte[] out = tagger.apply(in, clean);
        ParsedMessage p = MimeParser.parse(out);
        assertThat(p.headers().all("X-Tegami-Verdict")).hasSize(1);
        assertThat(p.headers().value("X-Tegami-Verdict")).isEqualTo("action=deliver; score=0.0");
        assertThat(text(out, "text/plain")).isEqualTo(text(in, "text/plain"));
        assertThat(p.headers().value("Subject")).isEqualTo("Hi");
    }

    @Test
    void tagPrefixesSubjectAndAddsBannersKeepingAttachments() {
        byte[] pdf = CorpusFiles.pdf("x", "");
        byte[] in = Eml.of("a@x.test", "b@y.test").subject("請求書", "ISO-2022-JP")
                .text("本文です", "ISO-2022-JP", "7bit").html("<html><body bgcolor=\"white\"><p>Hello</p></body></html>")
                .attach("a.pdf", "application/pdf", pdf).build();
        byte[] out = tagger.apply(in, TAGGED);
        ParsedMessage p = MimeParser.parse(out);
        assertThat(p.headers().first("Subject").decodedValue()).isEqualTo("[SUSPICIOUS] 請求書");
        assertThat(p.headers().value("X-Tegami-Verdict")).isEqualTo("action=tag; score=6.0; findings=impersonation.display-name,bec.urgency");
        String plain = text(out, "text/plain");
        assertThat(plain).startsWith("-----").contains("WARNING: Tegami flagged", "山田 太郎", "presses for urgency").endsWith("本文です");
        String html = text(out, "text/html");
        assertThat(html).contains("<body bgcolor=\"white\"><div style=").contains("&#23665;&#30000;").contains("<p>Hello</p>");
        MimePart att = p.root().leaves(false).stream().filter(l -> "a.pdf".equals(l.fileName())).findFirst().orElseThrow();
        assertThat(ContentDecoder.decodedBody(ByteBuffer.wrap(out), att, Integer.MAX_VALUE)).isEqualTo(pdf);
        assertThat(p.root().leaves(false)).hasSize(MimeParser.parse(in).root().leaves(false).size());
    }

    @Test
    void bannerRespectsBase64AndQuotedPrintable() {
        for (String cte : List.of("base64", "quoted-printable", "8bit")) {
            byte[] in = Eml.of("a@x.test", "b@y.test").subject("s").text("Grüße aus Köln\nZeile zwei", "UTF-8", cte).build();
            String plain = text(tagger.apply(in, TAGGED), "text/plain").strip();
            assertThat(plain).as(cte).contains("WARNING: Tegami flagged", "山田 太郎").endsWith("Grüße aus Köln\r\nZeile zwei");
        }
    }

    @Test
    void sevenBitAsciiBodyStaysSevenBit() {
        byte[] in = Eml.of("a@x.test", "b@y.test").subject("s").text("hello", "US-ASCII", "7bit").build();
        byte[] out = tagger.apply(in, TAGGED);
        for (byte b : out) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
        assertThat(text(out, "text/plain").strip()).contains("\"?? ??\"").endsWith("hello");
    }

    @Test
    void signedMessagesGetHeadersOnly() {
        String signed = "From: a@x.test\r\nTo: b@y.test\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n--b\r\nContent-Type: application/pkcs7-signature\r\n\r\nAAAA\r\n--b--\r\n";
        byte[] in = signed.getBytes(StandardCharsets.US_ASCII);
        byte[] out = tagger.apply(in, TAGGED);
        String s = new String(out, StandardCharsets.UTF_8);
        assertThat(s).contains("X-Tegami-Warning: ").contains("Subject: [SUSPICIOUS] s");
        assertThat(s.substring(s.indexOf("--b\r\n"))).isEqualTo(signed.substring(signed.indexOf("--b\r\n")));
    }

    @Test
    void noSubjectGetsOneAndLfMessagesStayLf() {
        byte[] in = "From: a@x.test\nTo: b@y.test\n\nhello\n".getBytes(StandardCharsets.US_ASCII);
        String out = new String(tagger.apply(in, TAGGED), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r\n").contains("Subject: [SUSPICIOUS]\n").endsWith("hello\n");
        assertThat(text(out.getBytes(StandardCharsets.UTF_8), "text/plain")).contains("WARNING");
    }
}
