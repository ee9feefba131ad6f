package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** String choice (atom / quoted / literal / literal8, RFC 9051 §4.3) and buffering. */
class ImapWriterTest {

    private static String write(boolean utf8, java.util.function.Consumer<ImapWriter> body) {
        ImapWriter w = new ImapWriter(new ByteArrayOutputStream()).utf8(utf8);
        body.accept(w);
        return new String(w.buffered(), StandardCharsets.UTF_8);
    }

    @Test
    void stringsAreQuotedOrLiteral() {
        assertThat(write(false, w -> w.string("hello world"))).isEqualTo("\"hello world\"");
        assertThat(write(false, w -> w.string("say \"hi\" \\o/"))).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
        assertThat(write(false, w -> w.string("two\r\nlines"))).isEqualTo("{10}\r\ntwo\r\nlines");
        assertThat(write(false, w -> w.string("naïve"))).isEqualTo("{6}\r\nnaïve");
        assertThat(write(true, w -> w.string("naïve"))).isEqualTo("\"naïve\"");
        assertThat(write(false, w -> w.string("x".repeat(1025)))).startsWith("{1025}\r\nxxx");
        assertThat(write(false, w -> w.string(""))).isEqualTo("\"\"");
    }

    @Test
    void atomsAndAstrings() {
        assertThat(write(false, w -> w.atom("INBOX"))).isEqualTo("INBOX");
        assertThat(write(false, w -> w.atom("a b"))).isEqualTo("\"a b\"");
        assertThat(write(false, w -> w.astring("x]"))).isEqualTo("x]");
        assertThat(write(false, w -> w.astring("NIL"))).isEqualTo("\"NIL\"");
        assertThat(write(false, w -> w.astring(""))).isEqualTo("\"\"");
        assertThat(write(false, w -> w.nstring(null))).isEqualTo("NIL");
    }

    @Test
    void messageDataUsesLiteral8OnlyForBinary() {
        ByteBuffer plain = ByteBuffer.wrap("short".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer lines = ByteBuffer.wrap("a\r\nb".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer nul = ByteBuffer.wrap(new byte[] {'a', 0, 'b'});
        assertThat(write(false, w -> w.data(plain, false))).isEqualTo("{5}\r\nshort"); // literal, as Dovecot (curl needs it)
        assertThat(write(false, w -> w.data(lines, false))).isEqualTo("{4}\r\na\r\nb");
        assertThat(write(false, w -> w.data(nul, true))).isEqualTo("~{3}\r\na\u0000b");
        byte[] replaced = write2(w -> w.data(nul, false));
        assertThat(replaced).containsExactly('{', '3', '}', '\r', '\n', 'a', 0x80, 'b');
        assertThat(nul.remaining()).isEqualTo(3);
        assertThat(write(false, w -> w.data(ByteBuffer.allocate(0), false))).isEqualTo("\"\"");
    }

    private static byte[] write2(java.util.function.Consumer<ImapWriter> body) {
        ImapWriter w = new ImapWriter(new ByteArrayOutputStream());
        body.accept(w);
        return w.buffered();
    }

    @Test
    void largePayloadsBypassTheBuffer() throws IOException {
        ResponseEncoderTest.CountingStream out = new ResponseEncoderTest.CountingStream();
        ImapWriter w = new ImapWriter(out);
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'x');
        w.raw("* 1 FETCH (BODY[] ").literal(ByteBuffer.wrap(big)).raw(")").crlf();
        w.flush();
        // header, the body straight from its buffer, the rest: no copy of the 200 KB through the buffer
        assertThat(out.writes).isEqualTo(3);
        assertThat(out.bytes.size()).isEqualTo("* 1 FETCH (BODY[] {200000}\r\n".length() + 200_000 + 3);
    }

    @Test
    void textLongerThanTheBufferIsWrittenWhole() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapWriter w = new ImapWriter(out, 1024);
        StringBuilder set = new StringBuilder();
        for (int i = 1; i < 40_000; i += 2) {
            set.append(i > 1 ? "," : "").append(i);
        }
        ResponseEncoder.write(w, new Response.ESearch("t", true, null, null, SequenceSet.of(set.toString()), null, null));
        w.flush();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("* ESEARCH (TAG \"t\") UID ALL " + set + "\r\n");
    }

    @Test
    void directBuffersAreCopiedInChunks() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapWriter w = new ImapWriter(out, 1024);
        ByteBuffer direct = ByteBuffer.allocateDirect(5000);
        for (int i = 0; i < 5000; i++) {
            direct.put((byte) ('a' + i % 26));
        }
        direct.flip();
        w.literal(direct);
        w.flush();
        byte[] all = out.toByteArray();
        assertThat(new String(all, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("{5000}\r\n");
        assertThat(all).hasSize(5008);
        assertThat(all[8 + 4999]).isEqualTo((byte) ('a' + 4999 % 26));
        assertThat(direct.remaining()).isEqualTo(5000);
    }
}
