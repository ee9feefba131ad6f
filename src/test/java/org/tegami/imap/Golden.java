package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** Test helpers: parse a command from its wire form, check the encoder gives it back. */
final class Golden {

    private static final CommandParser PARSER = new CommandParser();

    private Golden() {}

    static Command parse(String wire) {
        ReadResult r = PARSER.parse(wire.getBytes(StandardCharsets.UTF_8));
        assertThat(r).as(wire).isInstanceOf(ReadResult.Parsed.class);
        return ((ReadResult.Parsed) r).command();
    }

    static CommandError error(String wire) {
        ReadResult r = PARSER.parse(wire.getBytes(StandardCharsets.UTF_8));
        assertThat(r).as(wire).isInstanceOf(ReadResult.Failed.class);
        return ((ReadResult.Failed) r).error();
    }

    /** wire parses to expected, and the encoder's output (sync and non-sync) parses back to it. */
    static void check(String wire, Command expected) {
        Command c = parse(wire);
        assertThat(c).as(wire).isEqualTo(expected);
        for (boolean nonSync : new boolean[] {false, true}) {
            byte[] again = CommandEncoder.encode(c, nonSync, true).toWire();
            ReadResult r = PARSER.parse(again);
            assertThat(r).as("re-encoded %s", new String(again, StandardCharsets.UTF_8)).isInstanceOf(ReadResult.Parsed.class);
            assertThat(((ReadResult.Parsed) r).command()).as(new String(again, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }
}
