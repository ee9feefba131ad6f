package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tegami.imap.Response.Kind;
import org.tegami.imap.Response.ThreadNode;

/** Response records to exact bytes (RFC 9051 §7 and the extension responses). */
class ResponseEncoderTest {

    private static Response.Status ok(ResponseCode code, String text) {
        return new Response.Status(null, Kind.OK, code, text);
    }

    static Stream<Arguments> responses() {
        Map<StatusItem, Long> status = new LinkedHashMap<>();
        status.put(StatusItem.MESSAGES, 231L);
        status.put(StatusItem.UIDNEXT, 44292L);
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", "Tegami");
        id.put("support-url", null);
        return Stream.of(
                Arguments.of(Response.Status.ok("a1", "LOGIN completed"), "a1 OK LOGIN completed"),
                Arguments.of(new Response.Status("a1", Kind.NO, ResponseCode.TRYCREATE, "No such mailbox"),
                        "a1 NO [TRYCREATE] No such mailbox"),
                Arguments.of(Response.Status.bad(null, "Command line too long"), "* BAD Command line too long"),
                Arguments.of(Response.Status.bye("Logging out"), "* BYE Logging out"),
                Arguments.of(new Response.Status(null, Kind.PREAUTH, null, "hi"), "* PREAUTH hi"),
                Arguments.of(ok(ResponseCode.ALERT, "System shutdown in 10 minutes"), "* OK [ALERT] System shutdown in 10 minutes"),
                Arguments.of(ok(new ResponseCode.Capability(List.of("IMAP4rev2", "IMAP4rev1", "AUTH=PLAIN", "LITERAL+")), "ready"),
                        "* OK [CAPABILITY IMAP4rev2 IMAP4rev1 AUTH=PLAIN LITERAL+] ready"),
                Arguments.of(ok(new ResponseCode.PermanentFlags(List.of("\\Deleted", "\\Seen", "\\*")), "Limited"),
                        "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited"),
                Arguments.of(ok(new ResponseCode.UidValidity(3857529045L), "UIDs valid"), "* OK [UIDVALIDITY 3857529045] UIDs valid"),
                Arguments.of(ok(new ResponseCode.UidNext(4392), "Predicted next UID"), "* OK [UIDNEXT 4392] Predicted next UID"),
                Arguments.of(ok(new ResponseCode.Unseen(12), "first unseen"), "* OK [UNSEEN 12] first unseen"),
                Arguments.of(ok(new ResponseCode.HighestModSeq(715194045007L), "Highest"), "* OK [HIGHESTMODSEQ 715194045007] Highest"),
                Arguments.of(ok(ResponseCode.NOMODSEQ, "Sorry"), "* OK [NOMODSEQ] Sorry"),
                Arguments.of(ok(ResponseCode.CLOSED, "Previous mailbox closed"), "* OK [CLOSED] Previous mailbox closed"),
                Arguments.of(new Response.Status("a", Kind.OK, ResponseCode.READ_ONLY, "EXAMINE completed"),
                        "a OK [READ-ONLY] EXAMINE completed"),
                Arguments.of(new Response.Status("a", Kind.OK, ResponseCode.READ_WRITE, "SELECT completed"),
                        "a OK [READ-WRITE] SELECT completed"),
                Arguments.of(new Response.Status("a", Kind.OK, new ResponseCode.AppendUid(38505, SequenceSet.of(3955)), "done"),
                        "a OK [APPENDUID 38505 3955] done"),
                Arguments.of(new Response.Status("a", Kind.OK, new ResponseCode.CopyUid(38505, SequenceSet.of("304,319:320"),
                        SequenceSet.of("3956:3958")), "Done"), "a OK [COPYUID 38505 304,319:320 3956:3958] Done"),
                Arguments.of(new Response.Status("a", Kind.OK, new ResponseCode.Modified(SequenceSet.of("7,9")), "Conditional STORE failed"),
                        "a OK [MODIFIED 7,9] Conditional STORE failed"),
                Arguments.of(new Response.Status("a", Kind.NO, ResponseCode.TOOBIG, "too big"), "a NO [TOOBIG] too big"),
                Arguments.of(new Response.Status("a", Kind.NO, ResponseCode.OVERQUOTA, "quota"), "a NO [OVERQUOTA] quota"),
                Arguments.of(new Response.Status("a", Kind.NO, ResponseCode.UNKNOWN_CTE, "x"), "a NO [UNKNOWN-CTE] x"),
                Arguments.of(new Response.Status("a", Kind.NO, ResponseCode.AUTHENTICATIONFAILED, "Authentication failed"),
                        "a NO [AUTHENTICATIONFAILED] Authentication failed"),
                Arguments.of(new Response.Status("a", Kind.NO, new ResponseCode.Other("X-FOO", "bar ] baz"), "t"),
                        "a NO [X-FOO bar ? baz] t"),
                Arguments.of(new Response.Status("a", Kind.OK, null, "line\r\nbreak\u0000"), "a OK line  break "),
                Arguments.of(new Response.Status("a", Kind.OK, null, "[not a code]"), "a OK - [not a code]"),
                Arguments.of(new Response.Status("a", Kind.OK, null, ""), "a OK done"),
                Arguments.of(new Response.Continuation("Ready for literal data"), "+ Ready for literal data"),
                Arguments.of(new Response.Challenge(new byte[0]), "+ "),
                Arguments.of(new Response.Challenge("hi".getBytes(StandardCharsets.US_ASCII)), "+ aGk="),
                Arguments.of(new Response.Capability(List.of("IMAP4rev2", "STARTTLS", "LOGINDISABLED")),
                        "* CAPABILITY IMAP4rev2 STARTTLS LOGINDISABLED"),
                Arguments.of(new Response.Enabled(List.of("CONDSTORE")), "* ENABLED CONDSTORE"),
                Arguments.of(new Response.Enabled(List.of()), "* ENABLED"),
                Arguments.of(new Response.Exists(23), "* 23 EXISTS"),
                Arguments.of(new Response.Recent(5), "* 5 RECENT"),
                Arguments.of(new Response.Expunge(44), "* 44 EXPUNGE"),
                Arguments.of(new Response.Flags(List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft")),
                        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)"),
                Arguments.of(Response.ListItem.list(List.of("\\Noselect"), '/', "~/Mail/foo"), "* LIST (\\Noselect) \"/\" \"~/Mail/foo\""),
                Arguments.of(Response.ListItem.list(List.of(), null, "Foo"), "* LIST () NIL \"Foo\""),
                Arguments.of(Response.ListItem.list(List.of(), '\\', "a\"b"), "* LIST () \"\\\\\" \"a\\\"b\""),
                Arguments.of(new Response.ListItem(false, List.of(), '/', "Foo", List.of("SUBSCRIBED"), null),
                        "* LIST () \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))"),
                Arguments.of(new Response.ListItem(false, List.of("\\Subscribed"), '/', "New", List.of(), "Old"),
                        "* LIST (\\Subscribed) \"/\" \"New\" (\"OLDNAME\" (\"Old\"))"),
                Arguments.of(new Response.ListItem(true, List.of(), '.', "#news.comp.mail.mime", List.of(), null),
                        "* LSUB () \".\" \"#news.comp.mail.mime\""),
                Arguments.of(Response.ListItem.list(List.of(), '/', "line\nbreak"), "* LIST () \"/\" {10}\r\nline\nbreak"),
                Arguments.of(new Response.MailboxStatus("blurdybloop", status), "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)"),
                Arguments.of(new Response.MailboxStatus("a b", Map.of()), "* STATUS \"a b\" ()"),
                Arguments.of(new Response.Search(List.of(2L, 3L, 6L), null), "* SEARCH 2 3 6"),
                Arguments.of(new Response.Search(List.of(), null), "* SEARCH"),
                Arguments.of(new Response.Search(List.of(2L, 5L), 917162500L), "* SEARCH 2 5 (MODSEQ 917162500)"),
                Arguments.of(new Response.ESearch("A282", true, 2L, 47L, SequenceSet.of("2,10:11"), 3L, null),
                        "* ESEARCH (TAG \"A282\") UID MIN 2 MAX 47 ALL 2,10:11 COUNT 3"),
                Arguments.of(new Response.ESearch("a", false, null, null, null, 0L, 7L), "* ESEARCH (TAG \"a\") COUNT 0 MODSEQ 7"),
                Arguments.of(new Response.Namespace(List.of(new Response.NamespaceDescriptor("", '/')), List.of(),
                        List.of(new Response.NamespaceDescriptor("#shared/", '/'))),
                        "* NAMESPACE ((\"\" \"/\")) NIL ((\"#shared/\" \"/\"))"),
                Arguments.of(new Response.Id(id), "* ID (\"name\" \"Tegami\" \"support-url\" NIL)"),
                Arguments.of(new Response.Id(null), "* ID NIL"),
                Arguments.of(new Response.Quota("", List.of(new Response.QuotaResource("STORAGE", 10, 512))),
                        "* QUOTA \"\" (STORAGE 10 512)"),
                Arguments.of(new Response.QuotaRoot("INBOX", List.of("")), "* QUOTAROOT INBOX \"\""),
                Arguments.of(new Response.Sort(List.of(5L, 3L, 4L, 1L, 2L), null), "* SORT 5 3 4 1 2"),
                Arguments.of(new Response.Vanished(true, SequenceSet.of("41,43:116")), "* VANISHED (EARLIER) 41,43:116"),
                Arguments.of(new Response.Vanished(false, SequenceSet.of("405,407")), "* VANISHED 405,407"),
                Arguments.of(new Response.FetchFlags(12, 100L, List.of("\\Seen"), 4L), "* 12 FETCH (UID 100 FLAGS (\\Seen) MODSEQ (4))"),
                Arguments.of(new Response.FetchFlags(1, null, List.of(), null), "* 1 FETCH (FLAGS ())"),
                Arguments.of(new Response.Flags(List.of("\\Seen", "bad flag", "\\", "ok", "nä")), "* FLAGS (\\Seen ok)"));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void encodesExactly(Response r, String expected) {
        assertThat(new String(ResponseEncoder.encode(r, false), StandardCharsets.UTF_8)).isEqualTo(expected + "\r\n");
    }

    @Test
    void threadsFollowRfc5256() {
        // RFC 5256 §4: (2)(3 6 (4 23)(44 7 96))
        ThreadNode t1 = ThreadNode.leaf(2);
        ThreadNode t2 = new ThreadNode(3, List.of(new ThreadNode(6, List.of(
                new ThreadNode(4, List.of(ThreadNode.leaf(23))),
                new ThreadNode(44, List.of(new ThreadNode(7, List.of(ThreadNode.leaf(96)))))))));
        assertThat(ResponseEncoder.encode(new Response.Thread(List.of(t1, t2)), false))
                .asString().isEqualTo("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n");
        // a dummy parent (no message) holding two siblings: ((3)(5)); one holding one child is just the child
        ThreadNode dummy = new ThreadNode(0, List.of(ThreadNode.leaf(3), ThreadNode.leaf(5)));
        ThreadNode lonely = new ThreadNode(0, List.of(new ThreadNode(8, List.of(ThreadNode.leaf(9)))));
        assertThat(ResponseEncoder.encode(new Response.Thread(List.of(dummy, lonely)), false))
                .asString().isEqualTo("* THREAD ((3)(5))(8 9)\r\n");
        assertThat(ResponseEncoder.encode(new Response.Thread(List.of()), false)).asString().isEqualTo("* THREAD\r\n");
    }

    @Test
    void longChainsNeedNoStack() {
        ThreadNode chain = ThreadNode.leaf(100_000);
        for (int i = 99_999; i >= 1; i--) {
            chain = new ThreadNode(i, List.of(chain));
        }
        ThreadNode comb = ThreadNode.leaf(50_000);
        for (int i = 49_999; i >= 1; i--) {
            comb = new ThreadNode(i, List.of(ThreadNode.leaf(i + 100_000), comb));
        }
        String s = new String(ResponseEncoder.encode(new Response.Thread(List.of(chain, comb)), false), StandardCharsets.US_ASCII);
        assertThat(s).startsWith("* THREAD (1 2 3 ").contains("99999 100000)(1 (100001)(2 (100002)(3");
    }

    @Test
    void utf8QuotesOnlyWhenEnabled() {
        Response r = Response.ListItem.list(List.of(), '/', "Entwürfe");
        assertThat(ResponseEncoder.encode(r, false)).asString(StandardCharsets.UTF_8)
                .isEqualTo("* LIST () \"/\" {9}\r\nEntwürfe\r\n");
        assertThat(ResponseEncoder.encode(r, true)).asString(StandardCharsets.UTF_8).isEqualTo("* LIST () \"/\" \"Entwürfe\"\r\n");
        Response text = Response.Status.ok("a", "Grüße");
        assertThat(ResponseEncoder.encode(text, false)).asString(StandardCharsets.UTF_8).isEqualTo("a OK Gr??e\r\n");
        assertThat(ResponseEncoder.encode(text, true)).asString(StandardCharsets.UTF_8).isEqualTo("a OK Grüße\r\n");
    }

    /** Counts write calls: a command's responses leave in one write. */
    static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int flushes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void manyResponsesOneWrite() throws IOException {
        CountingStream out = new CountingStream();
        ImapWriter w = new ImapWriter(out);
        ResponseEncoder.write(w, new Response.Flags(List.of("\\Seen")));
        ResponseEncoder.write(w, new Response.Exists(172));
        ResponseEncoder.write(w, ok(new ResponseCode.UidValidity(3857529045L), "UIDs valid"));
        ResponseEncoder.write(w, ok(new ResponseCode.UidNext(4392), "Predicted next UID"));
        ResponseEncoder.write(w, new Response.Status("A142", Kind.OK, ResponseCode.READ_WRITE, "SELECT completed"));
        assertThat(out.writes).isZero();
        w.flush();
        assertThat(out.writes).isEqualTo(1);
        assertThat(out.flushes).isEqualTo(1);
        assertThat(out.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("* FLAGS (\\Seen)\r\n* 172 EXISTS\r\n"
                + "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n* OK [UIDNEXT 4392] Predicted next UID\r\n"
                + "A142 OK [READ-WRITE] SELECT completed\r\n");
    }

    @Test
    void commandErrorsBecomeResponses() {
        assertThat(ResponseEncoder.encode(CommandError.bad(null, "Unknown command").toResponse(), false))
                .asString().isEqualTo("* BAD Unknown command\r\n");
        assertThat(ResponseEncoder.encode(CommandError.no("t", ResponseCode.TOOBIG, "Message too big").toResponse(), false))
                .asString().isEqualTo("t NO [TOOBIG] Message too big\r\n");
    }
}
