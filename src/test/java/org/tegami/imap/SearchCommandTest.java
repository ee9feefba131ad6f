package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tegami.imap.SearchKey.DateField;
import org.tegami.imap.SearchKey.Flag;
import org.tegami.imap.SearchKey.TextField;
import org.tegami.imap.SelectedCommand.SearchReturn;
import org.tegami.imap.SelectedCommand.SortCriterion;
import org.tegami.imap.SelectedCommand.SortKey;

/**
 * SEARCH with every key of RFC 9051 §6.4.4 (and RFC 3501's NEW/OLD/RECENT), nesting, CHARSET,
 * ESEARCH RETURN options, MODSEQ; SORT and THREAD (RFC 5256) with ESORT RETURN (RFC 5267).
 */
class SearchCommandTest {

    private static SelectedCommand.Search search(SearchKey key) {
        return new SelectedCommand.Search("a", false, null, key, Set.of(), false);
    }

    private static SearchKey and(SearchKey... keys) {
        return new SearchKey.And(List.of(keys));
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("a SEARCH ALL", search(Flag.ALL)),
                Arguments.of("a SEARCH answered deleted draft flagged seen new old recent unanswered undeleted undraft unflagged unseen",
                        search(and(Flag.ANSWERED, Flag.DELETED, Flag.DRAFT, Flag.FLAGGED, Flag.SEEN, Flag.NEW, Flag.OLD,
                                Flag.RECENT, Flag.UNANSWERED, Flag.UNDELETED, Flag.UNDRAFT, Flag.UNFLAGGED, Flag.UNSEEN))),
                Arguments.of("a SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"",
                        search(and(Flag.FLAGGED, new SearchKey.Date(DateField.SINCE, LocalDate.of(1994, 2, 1)),
                                new SearchKey.Not(new SearchKey.Text(TextField.FROM, "Smith"))))),
                Arguments.of("a SEARCH BEFORE \"31-dec-2020\" ON 1-Jan-2021 SENTBEFORE 02-Mar-2021 SENTON 3-Apr-2021 SENTSINCE 4-May-2021",
                        search(and(new SearchKey.Date(DateField.BEFORE, LocalDate.of(2020, 12, 31)),
                                new SearchKey.Date(DateField.ON, LocalDate.of(2021, 1, 1)),
                                new SearchKey.Date(DateField.SENTBEFORE, LocalDate.of(2021, 3, 2)),
                                new SearchKey.Date(DateField.SENTON, LocalDate.of(2021, 4, 3)),
                                new SearchKey.Date(DateField.SENTSINCE, LocalDate.of(2021, 5, 4))))),
                Arguments.of("a SEARCH BCC a BODY b CC c FROM d SUBJECT e TEXT f TO g",
                        search(and(new SearchKey.Text(TextField.BCC, "a"), new SearchKey.Text(TextField.BODY, "b"),
                                new SearchKey.Text(TextField.CC, "c"), new SearchKey.Text(TextField.FROM, "d"),
                                new SearchKey.Text(TextField.SUBJECT, "e"), new SearchKey.Text(TextField.TEXT, "f"),
                                new SearchKey.Text(TextField.TO, "g")))),
                Arguments.of("a SEARCH HEADER Message-ID \"<x@y>\" HEADER X-Spam \"\"",
                        search(and(new SearchKey.Header("Message-ID", "<x@y>"), new SearchKey.Header("X-Spam", "")))),
                Arguments.of("a SEARCH KEYWORD $Forwarded UNKEYWORD Junk",
                        search(and(new SearchKey.Keyword("$Forwarded", true), new SearchKey.Keyword("Junk", false)))),
                Arguments.of("a SEARCH LARGER 1024 SMALLER 9223372036854775807",
                        search(and(new SearchKey.Size(true, 1024), new SearchKey.Size(false, Long.MAX_VALUE)))),
                Arguments.of("a SEARCH 1:5,7 UID 2:* UID $ $",
                        search(and(new SearchKey.Sequence(SequenceSet.of("1:5,7")), new SearchKey.Uid(SequenceSet.of("2:*")),
                                new SearchKey.Uid(SequenceSet.SAVED), new SearchKey.Sequence(SequenceSet.SAVED)))),
                Arguments.of("a SEARCH OR (SEEN FLAGGED) NOT (OR DRAFT 2:3 DELETED)",
                        search(new SearchKey.Or(and(Flag.SEEN, Flag.FLAGGED), new SearchKey.Not(and(
                                new SearchKey.Or(Flag.DRAFT, new SearchKey.Sequence(SequenceSet.range(2, 3))), Flag.DELETED))))),
                Arguments.of("a SEARCH OR OR SEEN DRAFT NOT NOT ANSWERED",
                        search(new SearchKey.Or(new SearchKey.Or(Flag.SEEN, Flag.DRAFT),
                                new SearchKey.Not(new SearchKey.Not(Flag.ANSWERED))))),
                Arguments.of("a SEARCH (((SEEN)))", search(and(and(and(Flag.SEEN))))),
                Arguments.of("a SEARCH CHARSET UTF-8 TEXT {6}\r\nXXXXXX",
                        new SelectedCommand.Search("a", false, "UTF-8", new SearchKey.Text(TextField.TEXT, "XXXXXX"), Set.of(), false)),
                Arguments.of("a SEARCH CHARSET utf-8 SUBJECT \"Grüße\"",
                        new SelectedCommand.Search("a", false, "UTF-8", new SearchKey.Text(TextField.SUBJECT, "Grüße"), Set.of(), false)),
                Arguments.of("a UID SEARCH RETURN (MIN MAX COUNT ALL SAVE) UNDELETED",
                        new SelectedCommand.Search("a", true, null, Flag.UNDELETED, Set.of(SearchReturn.values()), true)),
                Arguments.of("a SEARCH RETURN () UNSEEN",
                        new SelectedCommand.Search("a", false, null, Flag.UNSEEN, Set.of(SearchReturn.ALL), true)),
                Arguments.of("a SEARCH RETURN (COUNT) CHARSET US-ASCII ALL",
                        new SelectedCommand.Search("a", false, "US-ASCII", Flag.ALL, Set.of(SearchReturn.COUNT), true)),
                Arguments.of("a SEARCH MODSEQ 620162338",
                        search(new SearchKey.ModSeq(null, null, 620162338L))),
                Arguments.of("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338",
                        search(new SearchKey.ModSeq("/flags/\\draft", "all", 620162338L))),
                Arguments.of("a SORT (DATE REVERSE SUBJECT) UTF-8 SINCE 1-Feb-1994",
                        new SelectedCommand.Sort("a", false, List.of(new SortCriterion(SortKey.DATE, false),
                                new SortCriterion(SortKey.SUBJECT, true)), "UTF-8",
                                new SearchKey.Date(DateField.SINCE, LocalDate.of(1994, 2, 1)), Set.of(), false)),
                Arguments.of("a UID SORT (ARRIVAL CC FROM SIZE TO DISPLAYFROM REVERSE DISPLAYTO) US-ASCII ALL UNDELETED",
                        new SelectedCommand.Sort("a", true, List.of(new SortCriterion(SortKey.ARRIVAL, false),
                                new SortCriterion(SortKey.CC, false), new SortCriterion(SortKey.FROM, false),
                                new SortCriterion(SortKey.SIZE, false), new SortCriterion(SortKey.TO, false),
                                new SortCriterion(SortKey.DISPLAYFROM, false), new SortCriterion(SortKey.DISPLAYTO, true)),
                                "US-ASCII", and(Flag.ALL, Flag.UNDELETED), Set.of(), false)),
                Arguments.of("a SORT RETURN (MIN COUNT) (SIZE) UTF-8 ALL",
                        new SelectedCommand.Sort("a", false, List.of(new SortCriterion(SortKey.SIZE, false)), "UTF-8", Flag.ALL,
                                Set.of(SearchReturn.MIN, SearchReturn.COUNT), true)),
                Arguments.of("a THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000",
                        new SelectedCommand.Thread("a", false, "ORDEREDSUBJECT", "UTF-8",
                                new SearchKey.Date(DateField.SINCE, LocalDate.of(2000, 3, 5)))),
                Arguments.of("a UID THREAD references US-ASCII TEXT \"gewp\" UNSEEN",
                        new SelectedCommand.Thread("a", true, "REFERENCES", "US-ASCII",
                                and(new SearchKey.Text(TextField.TEXT, "gewp"), Flag.UNSEEN))));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesAndRoundTrips(String wire, Command expected) {
        Golden.check(wire, expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a SEARCH", "Missing argument"),
                Arguments.of("a SEARCH FOO", "Unknown search key FOO"),
                Arguments.of("a SEARCH NOT", "Missing argument"),
                Arguments.of("a SEARCH OR SEEN", "Missing argument"),
                Arguments.of("a SEARCH (SEEN", "Missing ')'"),
                Arguments.of("a SEARCH SEEN)", "Unexpected characters at end of command"),
                Arguments.of("a SEARCH ()", "Expected an atom"),
                Arguments.of("a SEARCH SINCE 31-Feb-2020", "Invalid date"),
                Arguments.of("a SEARCH SINCE 1-Feb-94", "Invalid date or time"),
                Arguments.of("a SEARCH SINCE 123-Feb-1994", "Invalid day of month"),
                Arguments.of("a SEARCH LARGER x", "Expected a number"),
                Arguments.of("a SEARCH LARGER 99999999999999999999", "Number out of range"),
                Arguments.of("a SEARCH UID", "Missing argument"),
                Arguments.of("a SEARCH KEYWORD \\Seen", "Expected an atom"),
                Arguments.of("a SEARCH RETURN (FOO) ALL", "Unknown RETURN option FOO"),
                Arguments.of("a SEARCH RETURN (PARTIAL 1:10) ALL", "Unknown RETURN option PARTIAL"),
                Arguments.of("a SEARCH MODSEQ \"/flags/x\" none 1", "Invalid MODSEQ entry type"),
                Arguments.of("a SEARCH MODSEQ \"x\" all 1", "Invalid MODSEQ entry name"),
                Arguments.of("a SORT DATE UTF-8 ALL", "Expected '('"),
                Arguments.of("a SORT (FOO) UTF-8 ALL", "Unknown sort key FOO"),
                Arguments.of("a SORT (DATE)", "Missing argument"),
                Arguments.of("a THREAD REFERENCES", "Missing argument"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithTaggedBad(String wire, String text) {
        CommandError e = Golden.error(wire);
        assertThat(e.tag()).isEqualTo("a");
        assertThat(e.no()).isFalse();
        assertThat(e.text()).isEqualTo(text);
    }

    @Test
    void unknownCharsetIsNoBadcharset() {
        CommandError e = Golden.error("a SEARCH CHARSET KLINGON TEXT x");
        assertThat(e.no()).isTrue();
        assertThat(e.code()).isEqualTo(new ResponseCode.BadCharset(List.of("UTF-8", "US-ASCII")));
        assertThat(ResponseEncoder.encode(e.toResponse(), false))
                .asString().isEqualTo("a NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset\r\n");
        assertThat(Golden.error("a SEARCH CHARSET UTF-16 TEXT x").no()).isTrue();
        // SORT's charset is not optional: a search key in its place is an unknown charset
        assertThat(Golden.error("a SORT (DATE) ALL").code()).isInstanceOf(ResponseCode.BadCharset.class);
    }

    @Test
    void literalsAreDecodedWithTheCharset() {
        byte[] latin1 = "a SEARCH CHARSET ISO-8859-1 SUBJECT {2}\r\n\u00e4\u00f6".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        SelectedCommand.Search s = (SelectedCommand.Search) ((ReadResult.Parsed) new CommandParser().parse(latin1)).command();
        assertThat(s.key()).isEqualTo(new SearchKey.Text(TextField.SUBJECT, "äö"));
    }

    @Test
    void nestingAndKeyCountAreBounded() {
        String deep = "a SEARCH " + "NOT ".repeat(40) + "SEEN";
        CommandError e = Golden.error(deep);
        assertThat(e.code()).isEqualTo(ResponseCode.LIMIT);
        assertThat(Golden.error("a SEARCH " + "(".repeat(40) + "SEEN" + ")".repeat(40)).code()).isEqualTo(ResponseCode.LIMIT);
        assertThat(Golden.error("a SEARCH " + "SEEN ".repeat(2001).strip()).code()).isEqualTo(ResponseCode.LIMIT);
        assertThat(Golden.parse("a SEARCH " + "NOT ".repeat(30) + "SEEN")).isNotNull();
    }
}
