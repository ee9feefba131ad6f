package org.tegami.imap;

/** One step of {@link CommandReader#read()}: a command, a defined error, or the end of input. */
public sealed interface ReadResult {

    /** A complete, syntactically valid command. */
    record Parsed(Command command) implements ReadResult {}

    /** A command that was rejected; answer with {@code error.toResponse()}. */
    record Failed(CommandError error) implements ReadResult {}

    /** The client closed the connection between commands. */
    record Closed() implements ReadResult {}
}
