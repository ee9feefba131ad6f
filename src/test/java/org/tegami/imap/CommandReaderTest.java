package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.io.LineReader;

/** Framing of commands with literals (RFC 9051 §4.3, RFC 7888), limits and recovery. */
class CommandReaderTest {

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<LiteralGate.LiteralRequest> asked = new ArrayList<>();

    private CommandReader reader(String input, LiteralMode mode, ImapLimits limits) {
        LiteralGate gate = req -> {
            asked.add(req);
            sent.writeBytes("+ go\r\n".getBytes(StandardCharsets.US_ASCII));
            return null;
        };
        return new CommandReader(new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1))),
                limits, mode, gate);
    }

    private CommandReader reader(String input) {
        return reader(input, LiteralMode.LITERAL_PLUS, ImapLimits.DEFAULT);
    }

    private static Command parsed(ReadResult r) {
        assertThat(r).isInstanceOf(ReadResult.Parsed.class);
        return ((ReadResult.Parsed) r).command();
    }

    private static CommandError failed(ReadResult r) {
        assertThat(r).isInstanceOf(ReadResult.Failed.class);
        return ((ReadResult.Failed) r).error();
    }

    @Test
    void readsPipelinedCommandsThenEndOfInput() throws IOException {
        CommandReader r = reader("a1 NOOP\r\n\r\na2 capability\r\n");
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a1"));
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Capability("a2"));
        assertThat(r.read()).isInstanceOf(ReadResult.Closed.class);
    }

    @Test
    void synchronizingLiteralsAskTheGateBeforeEachLiteral() throws IOException {
        CommandReader r = reader("a1 LOGIN {4}\r\nuser {6}\r\nsecret\r\na2 NOOP\r\n");
        assertThat(parsed(r.read())).isEqualTo(new NotAuthenticatedCommand.Login("a1", "user", "secret"));
        assertThat(asked).extracting(LiteralGate.LiteralRequest::size).containsExactly(4L, 6L);
        assertThat(asked.get(0).tag()).isEqualTo("a1");
        assertThat(asked.get(0).command()).isEqualTo("LOGIN");
        assertThat(asked.get(1).partial().literals()).hasSize(1);
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("+ go\r\n+ go\r\n");
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void nonSynchronizingLiteralsNeedNoContinuation() throws IOException {
        CommandReader r = reader("a1 LOGIN {4+}\r\nuser {6+}\r\nsecret\r\n");
        assertThat(parsed(r.read())).isEqualTo(new NotAuthenticatedCommand.Login("a1", "user", "secret"));
        assertThat(asked).isEmpty();
    }

    @Test
    void literalWithLineBreaksAndBracesIsData() throws IOException {
        CommandReader r = reader("a1 LOGIN u {9+}\r\na\r\n{3}\r\nb\r\n");
        Command c = parsed(r.read());
        assertThat(((NotAuthenticatedCommand.Login) c).password()).isEqualTo("a\r\n{3}\r\nb");
    }

    @Test
    void bracesInsideQuotesAreNotALiteral() throws IOException {
        assertThat(parsed(reader("a1 LOGIN \"x{3}\" y\r\n").read()))
                .isEqualTo(new NotAuthenticatedCommand.Login("a1", "x{3}", "y"));
    }

    @Test
    void nonSyncLiteralWithoutLiteralPlusIsRefusedAndSkipped() throws IOException {
        CommandReader r = reader("a1 LOGIN {4+}\r\nuser x\r\na2 NOOP\r\n", LiteralMode.SYNC_ONLY, ImapLimits.DEFAULT);
        CommandError e = failed(r.read());
        assertThat(e.tag()).isEqualTo("a1");
        assertThat(e.no()).isFalse();
        assertThat(e.fatal()).isFalse();
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void literalMinusLimitsNonSyncLiteralsTo4096() throws IOException {
        String big = "x".repeat(5000);
        CommandReader r = reader("a1 LOGIN u {5000+}\r\n" + big + "\r\na2 LOGIN u {4096+}\r\n" + "y".repeat(4096) + "\r\n",
                LiteralMode.LITERAL_MINUS, ImapLimits.DEFAULT);
        CommandError e = failed(r.read());
        assertThat(e.code()).isEqualTo(ResponseCode.TOOBIG);
        assertThat(e.toResponse().kind()).isEqualTo(Response.Kind.BAD);
        assertThat(((NotAuthenticatedCommand.Login) parsed(r.read())).password()).hasSize(4096);
    }

    @Test
    void oversizedAppendLiteralIsNoTooBigWithoutReadingIt() throws IOException {
        ImapLimits limits = ImapLimits.DEFAULT.withMaxMessageLiteral(100);
        // The client waits for "+"; it gets the tagged NO and goes on with its next command.
        CommandReader r = reader("a1 APPEND INBOX {101}\r\na2 NOOP\r\n", LiteralMode.LITERAL_PLUS, limits);
        CommandError e = failed(r.read());
        assertThat(e.no()).isTrue();
        assertThat(e.code()).isEqualTo(ResponseCode.TOOBIG);
        assertThat(e.toResponse()).isEqualTo(new Response.Status("a1", Response.Kind.NO, ResponseCode.TOOBIG,
                "Message too big (limit 100 octets)"));
        assertThat(asked).isEmpty();
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void oversizedArgumentLiteralIsBadTooBig() throws IOException {
        CommandReader r = reader("a1 LOGIN {70000}\r\na2 NOOP\r\n");
        CommandError e = failed(r.read());
        assertThat(e.no()).isFalse();
        assertThat(e.code()).isEqualTo(ResponseCode.TOOBIG);
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void oversizedNonSyncLiteralIsSkippedThenTheRestOfTheCommand() throws IOException {
        ImapLimits limits = ImapLimits.DEFAULT.withMaxMessageLiteral(10);
        CommandReader r = reader("a1 APPEND INBOX {20+}\r\n01234567890123456789 {3+}\r\nabc\r\na2 NOOP\r\n",
                LiteralMode.LITERAL_PLUS, limits);
        CommandError e = failed(r.read());
        assertThat(e.fatal()).isFalse();
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void nonSyncLiteralBeyondTheDiscardBudgetIsFatal() throws IOException {
        CommandReader r = reader("a1 LOGIN {99999999+}\r\nxx\r\n");
        CommandError e = failed(r.read());
        assertThat(e.fatal()).isTrue();
        assertThat(e.code()).isEqualTo(ResponseCode.TOOBIG);
    }

    @Test
    void gateMayRefuseALiteral() throws IOException {
        CommandReader r = new CommandReader(new LineReader(new ByteArrayInputStream(
                "a1 APPEND nosuch {5}\r\na2 NOOP\r\n".getBytes(StandardCharsets.US_ASCII))),
                ImapLimits.DEFAULT, LiteralMode.SYNC_ONLY,
                req -> CommandError.no(req.tag(), ResponseCode.TRYCREATE, "No such mailbox"));
        assertThat(failed(r.read()).code()).isEqualTo(ResponseCode.TRYCREATE);
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void overlongLineIsConsumedAndReportedWithItsTag() throws IOException {
        ImapLimits limits = ImapLimits.DEFAULT.withMaxLineLength(100);
        String longLine = "a1 SELECT " + "x".repeat(5000);
        CommandReader r = reader(longLine + "\r\na2 NOOP\r\n", LiteralMode.LITERAL_PLUS, limits);
        CommandError e = failed(r.read());
        assertThat(e.tag()).isEqualTo("a1");
        assertThat(e.text()).contains("too long");
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void overlongLineEndingInANonSyncLiteralSkipsTheLiteralToo() throws IOException {
        ImapLimits limits = ImapLimits.DEFAULT.withMaxLineLength(100);
        String longLine = "a1 SEARCH TEXT " + "x".repeat(300) + " {5+}";
        CommandReader r = reader(longLine + "\r\nhello\r\na2 NOOP\r\n", LiteralMode.LITERAL_PLUS, limits);
        assertThat(failed(r.read()).tag()).isEqualTo("a1");
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void overlongLineEndingInASyncLiteralStopsThere() throws IOException {
        ImapLimits limits = ImapLimits.DEFAULT.withMaxLineLength(100);
        String longLine = "a1 SEARCH TEXT " + "x".repeat(300) + " {5}";
        CommandReader r = reader(longLine + "\r\na2 NOOP\r\n", LiteralMode.LITERAL_PLUS, limits);
        assertThat(failed(r.read()).tag()).isEqualTo("a1");
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
        assertThat(asked).isEmpty();
    }

    @Test
    void literal8IsMarkedBinary() throws IOException {
        CommandReader r = reader("a1 APPEND INBOX ~{3+}\r\na\0b\r\n");
        AuthenticatedCommand.Append a = (AuthenticatedCommand.Append) parsed(r.read());
        assertThat(a.messages().get(0).binary()).isTrue();
        assertThat(a.messages().get(0).size()).isEqualTo(3);
    }

    @Test
    void tooManyLiteralsIsALimit() throws IOException {
        ImapLimits l = ImapLimits.DEFAULT;
        ImapLimits few = new ImapLimits(l.maxLineLength(), l.maxMessageLiteral(), l.maxArgumentLiteral(),
                l.maxNonSyncLiteral(), l.maxDiscard(), l.maxCommandBytes(), 1, l.maxNesting(), l.maxItems(),
                l.maxSequenceRanges());
        CommandReader r = reader("a1 LOGIN {1+}\r\na {1+}\r\nb\r\na2 NOOP\r\n", LiteralMode.LITERAL_PLUS, few);
        assertThat(failed(r.read()).code()).isEqualTo(ResponseCode.LIMIT);
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void commandSizeCountsLiterals() throws IOException {
        ImapLimits l = ImapLimits.DEFAULT;
        ImapLimits small = new ImapLimits(100, l.maxMessageLiteral(), 1000, l.maxNonSyncLiteral(), l.maxDiscard(),
                150, l.maxLiterals(), l.maxNesting(), l.maxItems(), l.maxSequenceRanges());
        CommandReader r = reader("a1 LOGIN {100+}\r\n" + "u".repeat(100) + " {100+}\r\n" + "p".repeat(100) + "\r\na2 NOOP\r\n",
                LiteralMode.LITERAL_PLUS, small);
        assertThat(failed(r.read()).code()).isEqualTo(ResponseCode.TOOBIG);
        assertThat(parsed(r.read())).isEqualTo(new AnyStateCommand.Noop("a2"));
    }

    @Test
    void endOfInputInsideACommandIsAnIoError() throws IOException {
        assertThatThrownBy(() -> reader("a1 LOGIN {10+}\r\nabc").read()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("a1 LOGIN {3+}\r\nabc").read()).isInstanceOf(EOFException.class);
    }

    @Test
    void badTagAndUnknownCommands() throws IOException {
        CommandReader r = reader("+ NOOP\r\na1 FROB\r\na2 UID FROB 1\r\n");
        assertThat(failed(r.read()).toResponse()).satisfies(s -> {
            assertThat(s.tag()).isNull();
            assertThat(s.kind()).isEqualTo(Response.Kind.BAD);
        });
        assertThat(failed(r.read()).text()).isEqualTo("Unknown command FROB");
        assertThat(failed(r.read()).text()).isEqualTo("Unknown command UID FROB");
    }

    @Test
    void continuationLinesForAuthenticateAndIdle() throws IOException {
        CommandReader r = reader("a1 IDLE\r\ndone\r\na2 AUTHENTICATE PLAIN\r\nAGEAYg==\r\n");
        assertThat(parsed(r.read())).isEqualTo(new AuthenticatedCommand.Idle("a1"));
        assertThat(CommandReader.isDone(r.readContinuationLine())).isTrue();
        assertThat(parsed(r.read())).isEqualTo(new NotAuthenticatedCommand.Authenticate("a2", "PLAIN", null));
        assertThat(new String(r.readContinuationLine(), StandardCharsets.US_ASCII)).isEqualTo("AGEAYg==");
        assertThat(r.readContinuationLine()).isNull();
        assertThat(CommandReader.isDone("DONE x".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void literalModeCanChange() throws IOException {
        CommandReader r = reader("a1 LOGIN {1+}\r\na b\r\n", LiteralMode.SYNC_ONLY, ImapLimits.DEFAULT);
        r.literalMode(LiteralMode.LITERAL_PLUS);
        assertThat(r.literalMode()).isEqualTo(LiteralMode.LITERAL_PLUS);
        assertThat(parsed(r.read())).isEqualTo(new NotAuthenticatedCommand.Login("a1", "a", "b"));
    }
}
