package org.tegami.imap;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tegami.io.LineReader;

/**
 * Reads client commands from a {@link LineReader}: frames lines and literals (RFC 9051 §4.3),
 * asks the {@link LiteralGate} before each synchronizing literal so the server can send "+" or
 * refuse, enforces {@link ImapLimits}, and hands the complete command to {@link CommandParser}.
 *
 * <p>Every problem with a command ends as a {@link ReadResult.Failed} with the stream left at the
 * start of the next command: an over-long line is consumed to its end; a refused synchronizing
 * literal is never read (the client waits for "+" and gets the tagged reply instead); a refused
 * non-synchronizing literal, already on its way, is skipped up to {@link ImapLimits#maxDiscard},
 * beyond which the error is fatal (RFC 7888 §4 leaves the server a choice between reading and
 * discarding the data or closing the connection). Only I/O failures (including the client closing
 * inside a command) surface as {@link IOException}.
 *
 * <p>One reader per connection, used from the connection's thread.
 */
public final class CommandReader {

    /** Bytes kept of the end of an over-long line: enough for a literal announcement. */
    private static final int TAIL = 32;
    /** Bytes kept of the start of an over-long line: enough for the tag. */
    private static final int PREFIX = 64;
    private static final int SMALL = 1024;

    private final LineReader in;
    private final ImapLimits limits;
    private final CommandParser parser;
    private final LiteralGate gate;
    /** Read target of LineReader.readLineInto. */
    private final byte[] chunk = new byte[2048];
    /** The line being assembled; grows up to the line limit, shrinks back afterwards. */
    private byte[] acc = new byte[SMALL];
    private LiteralMode mode;

    public CommandReader(LineReader in, ImapLimits limits, LiteralMode mode, LiteralGate gate) {
        this.in = in;
        this.limits = limits;
        this.parser = new CommandParser(limits);
        this.gate = gate;
        this.mode = mode;
    }

    /** Changes which non-synchronizing literals are accepted (capabilities may differ after login). */
    public void literalMode(LiteralMode newMode) {
        this.mode = newMode;
    }

    public LiteralMode literalMode() {
        return mode;
    }

    /** Reads and parses the next command. */
    public ReadResult read() throws IOException {
        Object frame = frame();
        if (frame == null) {
            return new ReadResult.Closed();
        }
        if (frame instanceof CommandError e) {
            return new ReadResult.Failed(e);
        }
        return parser.parse((RawCommand) frame);
    }

    /**
     * Reads one line of a continuation exchange — an AUTHENTICATE response (RFC 9051 §6.2.2) or
     * the "DONE" that ends IDLE (§6.3.13) — without its line end, or null at end of input.
     *
     * @throws org.tegami.io.LineTooLongException after consuming a line over the limit
     */
    public byte[] readContinuationLine() throws IOException {
        return in.readLineBytes(limits.maxLineLength());
    }

    /** True for the line that ends IDLE ("DONE", RFC 9051 §6.3.13; case-insensitive as atoms are). */
    public static boolean isDone(byte[] line) {
        return line != null && new String(line, StandardCharsets.US_ASCII).equalsIgnoreCase("DONE");
    }

    /** A line as read: its bytes, the literal it announces, whether it was over the limit. */
    private record Line(byte[] bytes, Framing.Marker marker, boolean tooLong) {}

    /** A RawCommand, a CommandError, or null at end of input between commands. */
    private Object frame() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        List<RawCommand.Literal> literals = new ArrayList<>();
        String tag = null;
        String name = "";
        long total = 0;
        long appendTotal = 0;
        while (true) {
            Line line = readLine();
            if (line == null) {
                if (lines.isEmpty()) {
                    return null;
                }
                throw new EOFException("connection closed inside a command");
            }
            if (lines.isEmpty()) {
                if (line.bytes.length == 0 && !line.tooLong) {
                    continue; // blank lines between commands carry nothing
                }
                tag = Framing.tag(line.bytes, line.bytes.length);
                name = Framing.commandName(line.bytes, line.bytes.length);
            }
            if (line.tooLong) {
                return drain(line.marker, CommandError.bad(tag, "Command line too long"));
            }
            total += line.bytes.length + 2L;
            if (total > limits.maxCommandBytes()) {
                return drain(line.marker, CommandError.bad(tag, ResponseCode.TOOBIG, "Command too long"));
            }
            lines.add(line.bytes);
            Framing.Marker m = line.marker;
            if (m == null) {
                return new RawCommand(lines, literals);
            }
            boolean append = name.equals("APPEND");
            CommandError refusal = checkLiteral(tag, m, append, literals.size());
            if (refusal == null) {
                if (append) {
                    appendTotal += m.size();
                    if (appendTotal > limits.maxMessageLiteral() + limits.maxCommandBytes()) {
                        refusal = CommandError.no(tag, ResponseCode.TOOBIG, "Messages too big");
                    }
                } else {
                    total += m.size();
                    if (total > limits.maxCommandBytes()) {
                        refusal = CommandError.bad(tag, ResponseCode.TOOBIG, "Command too long");
                    }
                }
            }
            if (refusal != null) {
                return drain(m, refusal);
            }
            if (m.sync()) {
                CommandError no = gate.beforeLiteral(new LiteralGate.LiteralRequest(
                        tag, name, m.size(), m.binary(), literals.size(), new RawCommand(lines, literals)));
                if (no != null) {
                    return no; // nothing more of this command was sent
                }
            }
            literals.add(new RawCommand.Literal(readLiteral((int) m.size()), m.binary(), m.sync()));
        }
    }

    /** Limits on one literal: count, size, and what LITERAL+/LITERAL- allow (RFC 7888 §3, §4). */
    private CommandError checkLiteral(String tag, Framing.Marker m, boolean append, int count) {
        if (count >= limits.maxLiterals()) {
            return CommandError.bad(tag, ResponseCode.LIMIT, "Too many literals");
        }
        long max = append ? limits.maxMessageLiteral() : limits.maxArgumentLiteral();
        if (m.size() < 0 || m.size() > max) {
            return append
                    ? CommandError.no(tag, ResponseCode.TOOBIG, "Message too big (limit " + max + " octets)")
                    : CommandError.bad(tag, ResponseCode.TOOBIG, "Literal too big (limit " + max + " octets)");
        }
        if (!m.sync()) {
            if (mode == LiteralMode.SYNC_ONLY) {
                return CommandError.bad(tag, "Non-synchronizing literals are not supported");
            }
            if (mode == LiteralMode.LITERAL_MINUS && m.size() > limits.maxNonSyncLiteral()) {
                return CommandError.bad(tag, ResponseCode.TOOBIG,
                        "Non-synchronizing literal over " + limits.maxNonSyncLiteral() + " octets (LITERAL-)");
            }
        }
        return null;
    }

    /**
     * After refusing a command, skips what the client still sends of it: each non-synchronizing
     * literal and the line after it. Stops at a synchronizing literal (the client waits for a
     * "+" that will not come) or at the end of the command.
     */
    private CommandError drain(Framing.Marker marker, CommandError error) throws IOException {
        long budget = limits.maxDiscard();
        Framing.Marker m = marker;
        while (m != null && !m.sync()) {
            if (m.size() < 0 || m.size() > budget) {
                return error.asFatal();
            }
            budget -= m.size();
            in.readExactly(null, m.size());
            Line next = readLine();
            if (next == null) {
                throw new EOFException("connection closed inside a command");
            }
            m = next.marker;
        }
        return error;
    }

    /**
     * One line, bounded by maxLineLength; an over-long line is consumed and marked. Read in
     * chunks into a buffer that grows only as far as the line does, so an idle connection holds
     * a few KiB however large the limit.
     */
    private Line readLine() throws IOException {
        int max = limits.maxLineLength() + 2; // + CRLF
        int len = 0;
        boolean tooLong = false;
        byte[] prefix = null;
        byte[] tail = new byte[0];
        while (true) {
            int k = in.readLineInto(chunk, chunk.length);
            if (k == 0) {
                if (len == 0 && !tooLong) {
                    return null;
                }
                throw new EOFException("connection closed inside a command line");
            }
            if (!tooLong && len + k > max) {
                tooLong = true;
                byte[] head = Arrays.copyOf(acc, len + Math.min(k, PREFIX));
                System.arraycopy(chunk, 0, head, len, Math.min(k, PREFIX));
                prefix = Arrays.copyOf(head, Math.min(head.length, PREFIX));
                tail = appendTail(Arrays.copyOfRange(acc, Math.max(0, len - TAIL), len), chunk, k);
            } else if (tooLong) {
                tail = appendTail(tail, chunk, k);
            } else {
                if (len + k > acc.length) {
                    acc = Arrays.copyOf(acc, Math.min(max, Math.max(acc.length * 2, len + k)));
                }
                System.arraycopy(chunk, 0, acc, len, k);
                len += k;
            }
            if (chunk[k - 1] == '\n') {
                break;
            }
        }
        if (tooLong) {
            int tl = tail.length - 1;
            if (tl > 0 && tail[tl - 1] == '\r') {
                tl--;
            }
            return new Line(prefix, Framing.marker(tail, tl), true);
        }
        int end = len - 1;
        if (end > 0 && acc[end - 1] == '\r') {
            end--;
        }
        byte[] line = Arrays.copyOf(acc, end);
        if (acc.length > SMALL) {
            acc = new byte[SMALL]; // do not keep a large buffer after one long line
        }
        return new Line(line, Framing.marker(line, line.length), false);
    }

    private static byte[] appendTail(byte[] tail, byte[] chunk, int k) {
        byte[] joined = new byte[tail.length + k];
        System.arraycopy(tail, 0, joined, 0, tail.length);
        System.arraycopy(chunk, 0, joined, tail.length, k);
        return joined.length <= TAIL ? joined : Arrays.copyOfRange(joined, joined.length - TAIL, joined.length);
    }

    /** Reads a literal, growing the buffer as data arrives so a claimed size costs nothing until sent. */
    private ByteBuffer readLiteral(int size) throws IOException {
        byte[] buf = new byte[Math.min(size, 64 * 1024)];
        int filled = 0;
        while (filled < size) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(size, buf.length * 2L));
            }
            int chunk = Math.min(buf.length - filled, size - filled);
            in.readExactly(new ArrayWriter(buf, filled), chunk);
            filled += chunk;
        }
        return ByteBuffer.wrap(buf);
    }

    /** Writes into a fixed array from an offset (the target of LineReader.readExactly). */
    private static final class ArrayWriter extends OutputStream {
        private final byte[] target;
        private int pos;

        ArrayWriter(byte[] target, int pos) {
            this.target = target;
            this.pos = pos;
        }

        @Override
        public void write(int b) {
            target[pos++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, target, pos, len);
            pos += len;
        }
    }
}
