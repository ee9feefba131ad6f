package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tegami.imap.SelectedCommand.StoreMode;

/** CHECK, CLOSE, UNSELECT, EXPUNGE, UID EXPUNGE, STORE, COPY, MOVE and their UID forms (RFC 9051 §6.4). */
class MessageCommandsTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("a CHECK", new SelectedCommand.Check("a")),
                Arguments.of("a CLOSE", new SelectedCommand.Close("a")),
                Arguments.of("a UNSELECT", new SelectedCommand.Unselect("a")),
                Arguments.of("a EXPUNGE", new SelectedCommand.Expunge("a", null)),
                Arguments.of("a UID EXPUNGE 3000:3002", new SelectedCommand.Expunge("a", SequenceSet.range(3000, 3002))),
                Arguments.of("a STORE 2:4 +FLAGS (\\Deleted)",
                        new SelectedCommand.Store("a", false, SequenceSet.range(2, 4), StoreMode.ADD, false, List.of("\\Deleted"), null)),
                Arguments.of("a STORE 1 -flags.silent \\seen \\FLAGGED $Junk",
                        new SelectedCommand.Store("a", false, SequenceSet.of(1), StoreMode.REMOVE, true,
                                List.of("\\Seen", "\\Flagged", "$Junk"), null)),
                Arguments.of("a STORE 1 FLAGS ()",
                        new SelectedCommand.Store("a", false, SequenceSet.of(1), StoreMode.REPLACE, false, List.of(), null)),
                Arguments.of("a UID STORE 7,5:6 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)",
                        new SelectedCommand.Store("a", true, SequenceSet.of("7,5:6"), StoreMode.ADD, true, List.of("\\Deleted"),
                                12121230045L)),
                Arguments.of("a STORE $ +FLAGS (\\Answered \\Draft \\Recent \\X-Ext)",
                        new SelectedCommand.Store("a", false, SequenceSet.SAVED, StoreMode.ADD, false,
                                List.of("\\Answered", "\\Draft", "\\Recent", "\\X-Ext"), null)),
                Arguments.of("a COPY 2:4 MEETING", new SelectedCommand.Copy("a", false, SequenceSet.range(2, 4), "MEETING")),
                Arguments.of("a UID COPY 4827313:4828442 inbox", new SelectedCommand.Copy("a", true, SequenceSet.range(4827313, 4828442), "INBOX")),
                Arguments.of("a MOVE 2:4 \"Saved Mail\"", new SelectedCommand.Move("a", false, SequenceSet.range(2, 4), "Saved Mail")),
                Arguments.of("a uid move 42 Trash", new SelectedCommand.Move("a", true, SequenceSet.of(42), "Trash")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesAndRoundTrips(String wire, Command expected) {
        Golden.check(wire, expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a EXPUNGE 1", "Unexpected characters at end of command"),
                Arguments.of("a UID EXPUNGE", "Missing argument"),
                Arguments.of("a STORE 1 FLAGS", "Missing argument"),
                Arguments.of("a STORE 1 +FLAGZ (\\Seen)", "Expected FLAGS, +FLAGS or -FLAGS"),
                Arguments.of("a STORE 1 (UNCHANGEDSINCE) FLAGS ()", "Expected a space"),
                Arguments.of("a STORE 1 (FOO 1) FLAGS ()", "Unknown STORE modifier"),
                Arguments.of("a STORE 1 FLAGS (\\Seen", "Missing ')'"),
                Arguments.of("a STORE 1 FLAGS (\\)", "Expected an atom"),
                Arguments.of("a COPY 1", "Missing argument"),
                Arguments.of("a COPY x INBOX", "Expected a sequence set"),
                Arguments.of("a UID", "Missing argument"),
                Arguments.of("a UID CLOSE", "Unknown command UID CLOSE"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithTaggedBad(String wire, String text) {
        CommandError e = Golden.error(wire);
        assertThat(e.tag()).isEqualTo("a");
        assertThat(e.text()).isEqualTo(text);
    }
}
