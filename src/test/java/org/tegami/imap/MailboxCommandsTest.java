package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tegami.imap.AuthenticatedCommand.AppendMessage;
import org.tegami.imap.AuthenticatedCommand.ListReturn;
import org.tegami.imap.AuthenticatedCommand.ListSelect;

/** RFC 9051 §6.3 mailbox commands, LIST-EXTENDED/LIST-STATUS/SPECIAL-USE, CONDSTORE/QRESYNC, QUOTA. */
class MailboxCommandsTest {

    private static AuthenticatedCommand.ListMailboxes list(Set<ListSelect> sel, String ref, List<String> pats,
            Set<ListReturn> ret, List<StatusItem> st, boolean ext) {
        return new AuthenticatedCommand.ListMailboxes("a", sel, ref, pats, ret, st, ext);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> valid() {
        SequenceSet s1 = SequenceSet.range(1, 5);
        return Stream.of(
                Arguments.of("a SELECT INBOX", new AuthenticatedCommand.Select("a", "INBOX", false, false, null)),
                Arguments.of("a select inbox", new AuthenticatedCommand.Select("a", "INBOX", false, false, null)),
                Arguments.of("a SELECT inbox/Sub", new AuthenticatedCommand.Select("a", "inbox/Sub", false, false, null)),
                Arguments.of("a EXAMINE \"blurdybloop\"", new AuthenticatedCommand.Select("a", "blurdybloop", true, false, null)),
                Arguments.of("a SELECT \"Entwürfe\"", new AuthenticatedCommand.Select("a", "Entwürfe", false, false, null)),
                Arguments.of("a SELECT INBOX (CONDSTORE)", new AuthenticatedCommand.Select("a", "INBOX", false, true, null)),
                Arguments.of("a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))",
                        new AuthenticatedCommand.Select("a", "INBOX", false, false, new AuthenticatedCommand.Qresync(
                                67890007L, 20050715194045000L, SequenceSet.of("41,43:211,214:541"), null, null))),
                Arguments.of("a EXAMINE INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)) CONDSTORE)",
                        new AuthenticatedCommand.Select("a", "INBOX", true, true, new AuthenticatedCommand.Qresync(
                                67890007L, 90060115194045000L, SequenceSet.range(1, 29997),
                                SequenceSet.of("5000,7500,9000,9990:9999"),
                                SequenceSet.of("15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997")))),
                Arguments.of("a SELECT INBOX (QRESYNC (1 2))",
                        new AuthenticatedCommand.Select("a", "INBOX", false, false, new AuthenticatedCommand.Qresync(1, 2, null, null, null))),
                Arguments.of("a CREATE owatagusiam/", new AuthenticatedCommand.Create("a", "owatagusiam/", List.of())),
                Arguments.of("a CREATE MySpecialArchive (USE (\\Archive))",
                        new AuthenticatedCommand.Create("a", "MySpecialArchive", List.of("\\Archive"))),
                Arguments.of("a DELETE blurdybloop", new AuthenticatedCommand.Delete("a", "blurdybloop")),
                Arguments.of("a RENAME blurdybloop sarasoop", new AuthenticatedCommand.Rename("a", "blurdybloop", "sarasoop")),
                Arguments.of("a RENAME INBOX old-mail", new AuthenticatedCommand.Rename("a", "INBOX", "old-mail")),
                Arguments.of("a SUBSCRIBE #news.comp.mail.mime", new AuthenticatedCommand.Subscribe("a", "#news.comp.mail.mime")),
                Arguments.of("a UNSUBSCRIBE {4+}\r\nx yz", new AuthenticatedCommand.Unsubscribe("a", "x yz")),
                Arguments.of("a LIST \"\" \"\"", list(Set.of(), "", List.of(""), Set.of(), List.of(), false)),
                Arguments.of("a LIST \"/usr/staff/jones\" %", list(Set.of(), "/usr/staff/jones", List.of("%"), Set.of(), List.of(), false)),
                Arguments.of("a LIST ~/Mail/ foo.*", list(Set.of(), "~/Mail/", List.of("foo.*"), Set.of(), List.of(), false)),
                Arguments.of("a LIST \"\" inbox]*%", list(Set.of(), "", List.of("inbox]*%"), Set.of(), List.of(), false)),
                Arguments.of("a LIST (SUBSCRIBED) \"\" \"*\"",
                        list(Set.of(ListSelect.SUBSCRIBED), "", List.of("*"), Set.of(), List.of(), true)),
                Arguments.of("a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (CHILDREN)",
                        list(Set.of(ListSelect.SUBSCRIBED, ListSelect.RECURSIVEMATCH), "", List.of("%"),
                                Set.of(ListReturn.CHILDREN), List.of(), true)),
                Arguments.of("a LIST (REMOTE) \"\" %", list(Set.of(ListSelect.REMOTE), "", List.of("%"), Set.of(), List.of(), true)),
                Arguments.of("a LIST () \"\" %", list(Set.of(), "", List.of("%"), Set.of(), List.of(), true)),
                Arguments.of("a LIST \"\" (\"foo\" bar/%)",
                        list(Set.of(), "", List.of("foo", "bar/%"), Set.of(), List.of(), true)),
                Arguments.of("a LIST \"\" (x)", list(Set.of(), "", List.of("x"), Set.of(), List.of(), true)),
                Arguments.of("a LIST (SPECIAL-USE) \"\" * RETURN (SPECIAL-USE SUBSCRIBED STATUS (MESSAGES UNSEEN SIZE))",
                        list(Set.of(ListSelect.SPECIAL_USE), "", List.of("*"),
                                Set.of(ListReturn.SPECIAL_USE, ListReturn.SUBSCRIBED, ListReturn.STATUS),
                                List.of(StatusItem.MESSAGES, StatusItem.UNSEEN, StatusItem.SIZE), true)),
                Arguments.of("a LIST \"\" % RETURN ()", list(Set.of(), "", List.of("%"), Set.of(), List.of(), true)),
                Arguments.of("a LSUB \"#news.\" \"comp.mail.*\"", new AuthenticatedCommand.Lsub("a", "#news.", "comp.mail.*")),
                Arguments.of("a STATUS blurdybloop (UIDNEXT MESSAGES)",
                        new AuthenticatedCommand.Status("a", "blurdybloop", List.of(StatusItem.UIDNEXT, StatusItem.MESSAGES))),
                Arguments.of("a STATUS INBOX (messages uidnext uidvalidity unseen deleted size recent highestmodseq appendlimit)",
                        new AuthenticatedCommand.Status("a", "INBOX", List.of(StatusItem.values()))),
                Arguments.of("a APPEND saved-messages (\\Seen) {5}\r\nHello",
                        new AuthenticatedCommand.Append("a", "saved-messages",
                                List.of(new AppendMessage(List.of("\\Seen"), null, bytes("Hello"), false)))),
                Arguments.of("a APPEND x (\\seen $Forwarded) \" 7-Feb-1994 21:52:25 -0800\" {5}\r\nHello",
                        new AuthenticatedCommand.Append("a", "x", List.of(new AppendMessage(List.of("\\Seen", "$Forwarded"),
                                OffsetDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHours(-8)), bytes("Hello"), false)))),
                Arguments.of("a APPEND x \"17-Jul-1996 02:44:25 +0230\" {2+}\r\nhi",
                        new AuthenticatedCommand.Append("a", "x", List.of(new AppendMessage(List.of(),
                                OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHoursMinutes(2, 30)), bytes("hi"), false)))),
                Arguments.of("a APPEND x () ~{3}\r\na\u0000b",
                        new AuthenticatedCommand.Append("a", "x", List.of(new AppendMessage(List.of(), null, bytes("a\u0000b"), true)))),
                Arguments.of("a APPEND x {1}\r\n1 (\\Draft) {1}\r\n2",
                        new AuthenticatedCommand.Append("a", "x", List.of(new AppendMessage(List.of(), null, bytes("1"), false),
                                new AppendMessage(List.of("\\Draft"), null, bytes("2"), false)))),
                Arguments.of("a GETQUOTA \"\"", new AuthenticatedCommand.GetQuota("a", "")),
                Arguments.of("a GETQUOTAROOT INBOX", new AuthenticatedCommand.GetQuotaRoot("a", "INBOX")),
                Arguments.of("a SETQUOTA \"\" (STORAGE 512 message 1000)",
                        new AuthenticatedCommand.SetQuota("a", "", List.of(new AuthenticatedCommand.QuotaLimit("STORAGE", 512),
                                new AuthenticatedCommand.QuotaLimit("MESSAGE", 1000)))),
                Arguments.of("a SETQUOTA x ()", new AuthenticatedCommand.SetQuota("a", "x", List.of())));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesAndRoundTrips(String wire, Command expected) {
        Golden.check(wire, expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a SELECT", "Missing argument"),
                Arguments.of("a SELECT INBOX (FOO)", "Unknown or repeated select parameter FOO"),
                Arguments.of("a SELECT INBOX (CONDSTORE CONDSTORE)", "Unknown or repeated select parameter CONDSTORE"),
                Arguments.of("a SELECT INBOX (QRESYNC (0 1))", "Number must not be zero"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 0))", "mod-sequence-value must not be 0"),
                Arguments.of("a SELECT INBOX (QRESYNC (1 1 1:*))", "Invalid QRESYNC known UIDs"),
                Arguments.of("a SELECT \"a\u0001b\"", "Control character in mailbox name"),
                Arguments.of("a CREATE x (FOO (\\Drafts))", "Unknown CREATE parameter"),
                Arguments.of("a LIST (RECURSIVEMATCH) \"\" %", "RECURSIVEMATCH needs another selection option (RFC 5258 §3.1)"),
                Arguments.of("a LIST (RECURSIVEMATCH REMOTE) \"\" %", "RECURSIVEMATCH needs another selection option (RFC 5258 §3.1)"),
                Arguments.of("a LIST (imaptest) \"\" \"\"", "Unknown LIST selection option IMAPTEST"),
                Arguments.of("a LIST \"\" \"\" RETURN (imaptest)", "Unknown LIST return option IMAPTEST"),
                Arguments.of("a LIST \"\" \"\" FOO", "Expected RETURN"),
                Arguments.of("a LIST \"\" ()", "Expected a mailbox pattern"),
                Arguments.of("a STATUS INBOX ()", "Expected an atom"),
                Arguments.of("a STATUS INBOX (FOO)", "Unknown STATUS item FOO"),
                Arguments.of("a STATUS INBOX", "Missing argument"),
                Arguments.of("a APPEND x", "Missing message literal"),
                Arguments.of("a APPEND x (\\Seen)", "Missing argument"),
                Arguments.of("a APPEND x \"32-Feb-1994 21:52:25 -0800\" {1}\r\nx", "Invalid date-time"),
                Arguments.of("a APPEND x \"7-Fob-1994 21:52:25 -0800\" {1}\r\nx", "Invalid month"),
                Arguments.of("a APPEND x \" 7-Feb-1994 21:52 -0800\" {1}\r\nx", "Expected ':'"),
                Arguments.of("a APPEND x \"hello\"", "Invalid day of month"),
                Arguments.of("a RENAME x", "Missing argument"),
                Arguments.of("a SETQUOTA x (STORAGE)", "Expected a space"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithTaggedBad(String wire, String text) {
        CommandError e = Golden.error(wire);
        assertThat(e.tag()).isEqualTo("a");
        assertThat(e.no()).isFalse();
        assertThat(e.text()).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void encoderWithoutUtf8UsesLiteralsForEightBit(String wire, Command expected) {
        RawCommand raw = CommandEncoder.encode(expected, true, false);
        for (byte[] line : raw.lines()) {
            for (byte b : line) {
                assertThat(b).as(raw.toString()).isGreaterThanOrEqualTo((byte) 0);
            }
        }
        assertThat(((ReadResult.Parsed) new CommandParser().parse(raw)).command()).isEqualTo(expected);
    }
}
