package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tegami.imap.FetchItem.BodySection;
import org.tegami.imap.FetchItem.Partial;
import org.tegami.imap.FetchItem.Simple;
import org.tegami.imap.Section.Kind;

/** FETCH / UID FETCH (RFC 9051 §6.4.5), BINARY (RFC 3516), CHANGEDSINCE / VANISHED (RFC 7162). */
class FetchCommandTest {

    private static SelectedCommand.Fetch fetch(String set, List<FetchItem> items) {
        return new SelectedCommand.Fetch("a", false, SequenceSet.of(set), items, null, false);
    }

    private static BodySection body(boolean peek, Section s, Partial p) {
        return new BodySection(s, peek, p);
    }

    private static Section fields(Kind kind, List<Integer> part, String... names) {
        return new Section(part, kind, List.of(names));
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("a FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])", fetch("2:4", List.of(Simple.FLAGS,
                        body(false, fields(Kind.HEADER_FIELDS, List.of(), "DATE", "FROM"), null)))),
                Arguments.of("a FETCH 1 ALL", fetch("1", List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE))),
                Arguments.of("a FETCH 1 fast", fetch("1", List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE))),
                Arguments.of("a FETCH 1 FULL", fetch("1", List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE,
                        Simple.ENVELOPE, Simple.BODY))),
                Arguments.of("a FETCH 1:* flags", fetch("1:*", List.of(Simple.FLAGS))),
                Arguments.of("a FETCH *:3,7 (uid rfc822.size internaldate envelope bodystructure body modseq)",
                        fetch("*:3,7", List.of(Simple.UID, Simple.RFC822_SIZE, Simple.INTERNALDATE, Simple.ENVELOPE,
                                Simple.BODYSTRUCTURE, Simple.BODY, Simple.MODSEQ))),
                Arguments.of("a FETCH 1 (RFC822 RFC822.HEADER RFC822.TEXT)",
                        fetch("1", List.of(Simple.RFC822, Simple.RFC822_HEADER, Simple.RFC822_TEXT))),
                Arguments.of("a FETCH 1 BODY[]", fetch("1", List.of(body(false, Section.WHOLE, null)))),
                Arguments.of("a FETCH 1 BODY.PEEK[]<0.2048>", fetch("1", List.of(body(true, Section.WHOLE, new Partial(0, 2048))))),
                Arguments.of("a FETCH 1 (BODY[1.2.3] BODY.PEEK[2.MIME] body[3.header] BODY[3.TEXT] BODY[TEXT]<5.10>)",
                        fetch("1", List.of(body(false, Section.of(Kind.ALL, 1, 2, 3), null),
                                body(true, Section.of(Kind.MIME, 2), null),
                                body(false, Section.of(Kind.HEADER, 3), null),
                                body(false, Section.of(Kind.TEXT, 3), null),
                                body(false, Section.of(Kind.TEXT), new Partial(5, 10))))),
                Arguments.of("a FETCH 1 BODY.PEEK[2.HEADER.FIELDS.NOT (Subject \"X-Weird]\" {4}\r\nFrom)]",
                        fetch("1", List.of(body(true, fields(Kind.HEADER_FIELDS_NOT, List.of(2), "Subject", "X-Weird]", "From"), null)))),
                Arguments.of("a FETCH 1 (BINARY[1] BINARY.PEEK[]<10.20> BINARY.SIZE[1.2])",
                        fetch("1", List.of(new FetchItem.Binary(List.of(1), false, null),
                                new FetchItem.Binary(List.of(), true, new Partial(10, 20)),
                                new FetchItem.BinarySize(List.of(1, 2))))),
                Arguments.of("a FETCH 1 ()", fetch("1", List.of())),
                Arguments.of("a FETCH $ FLAGS", new SelectedCommand.Fetch("a", false, SequenceSet.SAVED, List.of(Simple.FLAGS), null, false)),
                Arguments.of("a FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)",
                        new SelectedCommand.Fetch("a", false, SequenceSet.of("1:*"), List.of(Simple.FLAGS), 12345L, false)),
                Arguments.of("a UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)",
                        new SelectedCommand.Fetch("a", true, SequenceSet.of("300:500"), List.of(Simple.FLAGS), 12345L, true)),
                Arguments.of("a UID FETCH 1 (FLAGS) (VANISHED CHANGEDSINCE 1)",
                        new SelectedCommand.Fetch("a", true, SequenceSet.of("1"), List.of(Simple.FLAGS), 1L, true)));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesAndRoundTrips(String wire, Command expected) {
        Golden.check(wire, expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a FETCH", "Missing argument"),
                Arguments.of("a FETCH 1", "Missing argument"),
                Arguments.of("a FETCH 0 FLAGS", "bad sequence number"),
                Arguments.of("a FETCH 1:2:3 FLAGS", "bad sequence range"),
                Arguments.of("a FETCH 4294967296 FLAGS", "sequence number out of range"),
                Arguments.of("a FETCH 1 FOO", "Unknown FETCH item FOO"),
                Arguments.of("a FETCH 1 (FLAGS ALL)", "Unknown FETCH item ALL"),
                Arguments.of("a FETCH 1 (FLAGS", "Missing ')'"),
                Arguments.of("a FETCH 1 BODY[MIME]", "MIME needs a part number"),
                Arguments.of("a FETCH 1 BODY[0]", "Number must not be zero"),
                Arguments.of("a FETCH 1 BODY[1.]", "Expected a keyword"),
                Arguments.of("a FETCH 1 BODY[HEADER.FIELDS ()]", "Expected a string"),
                Arguments.of("a FETCH 1 BODY[HEADER.FIELDS (a:b)]", "Invalid header field name"),
                Arguments.of("a FETCH 1 BODY[HEADERS]", "Unknown section HEADERS"),
                Arguments.of("a FETCH 1 BODY[TEXT]<1.0>", "Partial length must not be zero"),
                Arguments.of("a FETCH 1 BODY[TEXT]<1>", "Expected '.'"),
                Arguments.of("a FETCH 1 BINARY[TEXT]", "Expected a number"),
                Arguments.of("a FETCH 1 BODY.PEEK", "Missing '['"),
                Arguments.of("a FETCH 1 FLAGS (CHANGEDSINCE)", "Expected a space"),
                Arguments.of("a FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)", "VANISHED needs UID FETCH and CHANGEDSINCE"),
                Arguments.of("a UID FETCH 1 FLAGS (VANISHED)", "VANISHED needs UID FETCH and CHANGEDSINCE"),
                Arguments.of("a FETCH 1 FLAGS (FOO)", "Unknown or repeated FETCH modifier FOO"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithTaggedBad(String wire, String text) {
        CommandError e = Golden.error(wire);
        assertThat(e.tag()).isEqualTo("a");
        assertThat(e.text()).isEqualTo(text);
    }

    @Test
    void responseNamesEchoTheSection() {
        SelectedCommand.Fetch f = (SelectedCommand.Fetch) Golden.parse(
                "a FETCH 1 (BODY.PEEK[1.HEADER.FIELDS (From \"X(y)\")]<3.4> BINARY.PEEK[2]<0.1> BINARY.SIZE[] RFC822.SIZE)");
        assertThat(f.items()).extracting(FetchItem::responseName).containsExactly(
                "BODY[1.HEADER.FIELDS (From \"X(y)\")]<3>", "BINARY[2]<0>", "BINARY.SIZE[]", "RFC822.SIZE");
    }

    @Test
    void tooManyItemsAndRangesAreLimits() {
        StringBuilder items = new StringBuilder("a FETCH 1 (");
        for (int i = 0; i < ImapLimits.DEFAULT.maxItems() + 1; i++) {
            items.append(i > 0 ? " " : "").append("UID");
        }
        assertThat(Golden.error(items.append(')').toString()).code()).isEqualTo(ResponseCode.LIMIT);
        StringBuilder set = new StringBuilder("a FETCH ");
        for (int i = 1; i <= ImapLimits.DEFAULT.maxSequenceRanges() + 1; i++) {
            set.append(i > 1 ? "," : "").append(i * 2);
        }
        assertThat(Golden.error(set.append(" UID").toString()).code()).isEqualTo(ResponseCode.LIMIT);
    }
}
