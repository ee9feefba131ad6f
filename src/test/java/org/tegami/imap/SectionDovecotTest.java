package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tegami.imap.imaptest.ImapArg;
import org.tegami.imap.imaptest.ImapArgParser;
import org.tegami.imap.imaptest.Mbox;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.testing.Conformance;

/**
 * BODY[section], BINARY[part], partial fetches and RFC822.* of 17 messages (imaptest's fetch
 * mboxes and MimeKit samples: nested message/rfc822, multipart/alternative, base64 and QP parts)
 * compared octet for octet with Dovecot 2.3.19.1's answers for 34 items each, stored under
 * src/test/resources/org/tegami/imap/dovecot-sections/ (generate.py there).
 */
class SectionDovecotTest {

    record Case(String file, String item, byte[] dovecot) {
        @Override
        public String toString() {
            return file + " " + item;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String file : resource("index.txt").lines().filter(l -> !l.isBlank()).toList()) {
            String text = resource(file);
            int pos = 0;
            while (pos < text.length()) {
                int eol = text.indexOf("\r\n", pos);
                String item = text.substring(pos + 3, eol);
                int next = text.indexOf("\r\n== ", eol);
                int end = next < 0 ? text.length() : next + 2;
                out.add(new Case(file, item, text.substring(eol + 2, end).getBytes(StandardCharsets.ISO_8859_1)));
                pos = end;
            }
        }
        return out.stream();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SectionDovecotTest.class.getResourceAsStream("dovecot-sections/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameOctetsAsDovecot(Case c) throws IOException {
        byte[] message = message(c.file());
        MimePart root = MimeParser.parse(message).root();
        ByteBuffer buf = ByteBuffer.wrap(message);
        List<ImapArg> expected = ImapArgParser.parse(c.dovecot(), false);
        long seq = Long.parseLong(((ImapArg.Atom) expected.get(1)).text());

        ReadResult r = new CommandParser().parse(("a FETCH 1 (" + c.item() + ")").getBytes(StandardCharsets.US_ASCII));
        FetchItem item = ((SelectedCommand.Fetch) ((ReadResult.Parsed) r).command()).items().get(0);
        List<Integer> path = switch (item) {
            case FetchItem.BodySection b -> b.section().part();
            case FetchItem.Binary b -> b.part();
            case FetchItem.BinarySize b -> b.part();
            default -> List.of();
        };
        MimePart parent = path.size() < 2 ? null : SectionExtractor.find(root, path.subList(0, path.size() - 1));
        boolean leafPartOne = parent != null && !parent.isMultipart() && parent.message() == null
                && path.get(path.size() - 1) == 1;
        org.junit.jupiter.api.Assumptions.assumeFalse(leafPartOne,
                "Dovecot 2.3 treats N.1 of a single part as the part itself; RFC 9051 §6.4.5 (and Dovecot 2.4) say"
                        + " it does not exist, and so do we");
        org.junit.jupiter.api.Assumptions.assumeFalse(c.file().contains("body.6.txt")
                        && List.of("BODY.PEEK[1]", "BODY.PEEK[1.1]", "BINARY.PEEK[1]", "BINARY.SIZE[1]").contains(c.item()),
                "part 1 ends with a close delimiter right before the outer one: Dovecot counts that CRLF into"
                        + " the part, MimeParser gives it to the outer delimiter (RFC 2046 §5.1.1)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapWriter w = new ImapWriter(out);
        FetchResponseWriter f = new FetchResponseWriter(w).begin(seq);
        ResponseCode error = switch (item) {
            case FetchItem.BodySection b -> {
                f.body(b, buf, root);
                yield null;
            }
            case FetchItem.Binary b -> f.binary(b, buf, root);
            case FetchItem.BinarySize b -> f.binarySize(b, buf, root);
            case FetchItem.Simple s when s == FetchItem.Simple.RFC822_SIZE -> {
                f.data("RFC822.SIZE", null, false);
                yield null;
            }
            case FetchItem.Simple s -> {
                f.rfc822(s, buf, root);
                yield null;
            }
        };
        assertThat(error).isNull();
        f.end();
        w.flush();
        List<ImapArg> actual = ImapArgParser.parse(out.toByteArray(), false);
        if (item == FetchItem.Simple.RFC822_SIZE) {
            assertThat(expected.get(3).toString()).isEqualTo("(RFC822.SIZE " + message.length + ")");
            return;
        }
        assertThat(flatten(actual)).isEqualTo(flatten(expected));
    }

    /** Comparable text: atoms upper-cased, strings (quoted or literal) exact. */
    private static String flatten(List<ImapArg> args) {
        StringBuilder sb = new StringBuilder();
        for (ImapArg a : args) {
            sb.append(switch (a) {
                case ImapArg.Atom at -> at.text().toUpperCase(java.util.Locale.ROOT);
                case ImapArg.Str s -> "<" + s.text() + ">";
                case ImapArg.Nil n -> "NIL";
                case ImapArg.ListArg l -> "(" + flatten(l.items()) + ")";
            }).append(' ');
        }
        return sb.toString();
    }

    private static byte[] message(String file) throws IOException {
        Path base = Conformance.dir("imaptest").getParent();
        String rel = file.replaceAll("\\.sections$", "");
        int dot = rel.lastIndexOf('.');
        if (rel.contains(".mbox.")) {
            List<byte[]> msgs = Mbox.read(base.resolve(rel.substring(0, dot).replace("__", "/")));
            return msgs.get(Integer.parseInt(rel.substring(dot + 1)) - 1);
        }
        return DovecotStructureTest.crlf(Files.readAllBytes(base.resolve(rel.replace("__", "/"))));
    }
}
