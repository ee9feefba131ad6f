package org.tegami.imap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One client command as framed on the wire, before parsing: its lines and the literals between
 * them (RFC 9051 §4.3). Every line but the last ends with the literal announcement ("{5}",
 * "{5+}", "~{5}") of the literal that follows it; lines exclude their CRLF.
 *
 * @param lines the command's lines, {@code literals.size() + 1} of them
 * @param literals the literal data, in order
 */
public record RawCommand(List<byte[]> lines, List<Literal> literals) {

    /**
     * Literal data.
     *
     * @param data the octets (read-only view)
     * @param binary announced as literal8 "~{n}" (RFC 3516 §4.1 / RFC 9051 §4.3)
     * @param sync synchronizing ("{n}"), as opposed to "{n+}"
     */
    public record Literal(ByteBuffer data, boolean binary, boolean sync) {
        public Literal {
            data = data.asReadOnlyBuffer();
        }

        public int size() {
            return data.remaining();
        }

        public byte[] bytes() {
            byte[] b = new byte[data.remaining()];
            data.duplicate().get(b);
            return b;
        }
    }

    public RawCommand {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.size() != literals.size() + 1) {
            throw new IllegalArgumentException("a command has one line more than literals");
        }
    }

    /** A single-line command. */
    public static RawCommand of(String line) throws ImapSyntaxException {
        return frame(line.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Frames a complete command given as wire bytes (with or without the final CRLF): splits at
     * each line that ends with a literal announcement and takes that many octets as the literal.
     * Used by clients, tests and fuzzers; the server frames with {@link CommandReader}.
     */
    public static RawCommand frame(byte[] wire) throws ImapSyntaxException {
        List<byte[]> lines = new ArrayList<>();
        List<Literal> literals = new ArrayList<>();
        int pos = 0;
        while (true) {
            int lf = pos;
            while (lf < wire.length && wire[lf] != '\n') {
                lf++;
            }
            int end = lf < wire.length && lf > pos && wire[lf - 1] == '\r' ? lf - 1 : lf;
            byte[] line = java.util.Arrays.copyOfRange(wire, pos, end);
            lines.add(line);
            Framing.Marker m = Framing.marker(line, line.length);
            if (m == null) {
                if (lf + 1 < wire.length) {
                    throw new ImapSyntaxException("data after the end of the command");
                }
                return new RawCommand(lines, literals);
            }
            if (lf >= wire.length) {
                throw new ImapSyntaxException("literal announced but no data follows");
            }
            if (m.size() < 0 || m.size() > wire.length - (lf + 1)) {
                throw new ImapSyntaxException("literal longer than the data that follows");
            }
            int start = lf + 1;
            literals.add(new Literal(ByteBuffer.wrap(wire, start, (int) m.size()).slice(), m.binary(), m.sync()));
            pos = start + (int) m.size();
        }
    }

    /** The wire form: lines joined by CRLF, each followed by its literal. */
    public byte[] toWire() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i));
            out.writeBytes(new byte[] {'\r', '\n'});
            if (i < literals.size()) {
                out.writeBytes(literals.get(i).bytes());
            }
        }
        return out.toByteArray();
    }

    /** The tag as far as the first line shows one, or null. */
    public String tag() {
        return Framing.tag(lines.get(0), lines.get(0).length);
    }

    /** The upper-case command name (second word; "UID FETCH" style for UID commands), or "". */
    public String commandName() {
        return Framing.commandName(lines.get(0), lines.get(0).length);
    }

    /** Total octets of lines and literals. */
    public long size() {
        long n = 0;
        for (byte[] l : lines) {
            n += l.length + 2;
        }
        for (Literal l : literals) {
            n += l.size();
        }
        return n;
    }

    /** For logs; the arguments of LOGIN and AUTHENTICATE are not shown. */
    @Override
    public String toString() {
        String name = commandName();
        if (name.equals("LOGIN") || name.equals("AUTHENTICATE")) {
            return tag() + " " + name + " <redacted>";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(new String(lines.get(i), StandardCharsets.UTF_8));
            if (i < literals.size()) {
                sb.append("<").append(literals.get(i).size()).append(" octets>");
            }
        }
        return sb.toString();
    }
}
