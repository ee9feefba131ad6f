package org.tegami.imap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.tegami.io.LineReader;

/**
 * Contract of the command path: whatever a client sends, {@link CommandReader} yields commands or
 * defined errors (or reports the end of input), never another exception; every command it
 * accepts survives encode → parse unchanged. The first input byte picks the literal mode and a
 * tight or default set of limits, so literals are exercised in every state.
 */
class CommandReaderFuzzTest {

    static final ImapLimits TIGHT = new ImapLimits(64, 300, 100, 50, 400, 600, 4, 4, 20, 8);

    @FuzzTest(maxDuration = "30s")
    void readsOrRejects(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int selector = data[0] & 0xff;
        LiteralMode mode = LiteralMode.values()[selector % 3];
        ImapLimits limits = (selector & 4) != 0 ? TIGHT : ImapLimits.DEFAULT;
        boolean refuse = (selector & 8) != 0;
        byte[] input = Arrays.copyOfRange(data, 1, data.length);
        CommandReader reader = new CommandReader(new LineReader(new ByteArrayInputStream(input), 64), limits, mode,
                req -> refuse && req.index() > 0 ? CommandError.no(req.tag(), ResponseCode.TRYCREATE, "no") : null);
        CommandParser parser = new CommandParser(limits);
        for (int i = 0; i < 10_000; i++) {
            ReadResult r;
            try {
                r = reader.read();
            } catch (EOFException expected) {
                return; // the client went away inside a command
            }
            switch (r) {
                case ReadResult.Closed c -> {
                    return;
                }
                case ReadResult.Failed f -> {
                    if (f.error().text() == null || f.error().text().isEmpty()) {
                        throw new AssertionError("error without text");
                    }
                    ResponseEncoder.encode(f.error().toResponse(), false);
                }
                case ReadResult.Parsed p -> roundTrip(parser, p.command());
            }
        }
        throw new AssertionError("reader did not make progress");
    }

    static void roundTrip(CommandParser parser, Command c) {
        if (c.tag() == null || c.tag().isEmpty()) {
            throw new AssertionError("command without tag: " + c);
        }
        RawCommand raw = CommandEncoder.encode(c, true, true);
        ReadResult again = new CommandParser(ImapLimits.DEFAULT).parse(raw);
        if (!(again instanceof ReadResult.Parsed p) || !p.command().equals(c)) {
            throw new AssertionError("round trip changed " + c + " into " + again + " via " + raw);
        }
    }
}
