package org.tegami.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary form of a message's structure and envelope, stored beside the message at
 * delivery so FETCH ENVELOPE/BODYSTRUCTURE never re-parse the message (DESIGN.md).
 */
public final class StructureCodec {

    private static final int VERSION = 1;

    private StructureCodec() {}

    public static byte[] encode(MimePart root, Envelope envelope) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            writeEnvelope(out, envelope);
            writePart(out, root);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored structure: the root part and the top-level envelope. */
    public record Decoded(MimePart root, Envelope envelope) {}

    public static Decoded decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("unknown structure version " + version);
            }
            Envelope env = readEnvelope(in);
            return new Decoded(readPart(in), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePart(DataOutputStream out, MimePart p) throws IOException {
        out.writeInt(p.headerStart());
        out.writeInt(p.bodyStart());
        out.writeInt(p.end());
        out.writeInt(p.bodyLines());
        out.writeUTF(p.contentType().type());
        out.writeUTF(p.contentType().subtype());
        writeParams(out, p.contentType().params());
        out.writeUTF(p.encoding());
        writeString(out, p.contentId());
        writeString(out, p.description());
        writeString(out, p.md5());
        out.writeBoolean(p.disposition() != null);
        if (p.disposition() != null) {
            out.writeUTF(p.disposition().type());
            writeParams(out, p.disposition().params());
        }
        out.writeBoolean(p.language() != null);
        if (p.language() != null) {
            out.writeShort(p.language().size());
            for (String l : p.language()) {
                out.writeUTF(l);
            }
        }
        writeString(out, p.location());
        out.writeInt(p.children().size());
        for (MimePart c : p.children()) {
            writePart(out, c);
        }
        out.writeBoolean(p.message() != null);
        if (p.message() != null) {
            writeEnvelope(out, p.envelope());
            writePart(out, p.message());
        }
    }

    private static MimePart readPart(DataInputStream in) throws IOException {
        int headerStart = in.readInt();
        int bodyStart = in.readInt();
        int end = in.readInt();
        int lines = in.readInt();
        ContentType ct = new ContentType(in.readUTF(), in.readUTF(), readParams(in));
        String encoding = in.readUTF();
        String id = readString(in);
        String description = readString(in);
        String md5 = readString(in);
        Disposition disposition = in.readBoolean() ? new Disposition(in.readUTF(), readParams(in)) : null;
        List<String> language = null;
        if (in.readBoolean()) {
            int n = in.readShort();
            language = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                language.add(in.readUTF());
            }
        }
        String location = readString(in);
        int n = in.readInt();
        List<MimePart> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            children.add(readPart(in));
        }
        MimePart message = null;
        Envelope envelope = null;
        if (in.readBoolean()) {
            envelope = readEnvelope(in);
            message = readPart(in);
        }
        return new MimePart(headerStart, bodyStart, end, lines, ct, encoding, id, description, md5,
                disposition, language, location, children, message, envelope);
    }

    private static void writeParams(DataOutputStream out, List<ContentType.Param> params) throws IOException {
        out.writeShort(params.size());
        for (ContentType.Param p : params) {
            writeLong(out, p.name());
            writeLong(out, p.value());
        }
    }

    private static List<ContentType.Param> readParams(DataInputStream in) throws IOException {
        int n = in.readShort();
        List<ContentType.Param> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            params.add(new ContentType.Param(readLong(in), readLong(in)));
        }
        return params;
    }

    private static void writeEnvelope(DataOutputStream out, Envelope e) throws IOException {
        writeString(out, e.date());
        writeString(out, e.subject());
        writeAddresses(out, e.from());
        writeAddresses(out, e.sender());
        writeAddresses(out, e.replyTo());
        writeAddresses(out, e.to());
        writeAddresses(out, e.cc());
        writeAddresses(out, e.bcc());
        writeString(out, e.inReplyTo());
        writeString(out, e.messageId());
    }

    private static Envelope readEnvelope(DataInputStream in) throws IOException {
        return new Envelope(readString(in), readString(in), readAddresses(in), readAddresses(in),
                readAddresses(in), readAddresses(in), readAddresses(in), readAddresses(in),
                readString(in), readString(in));
    }

    private static void writeAddresses(DataOutputStream out, List<Address> list) throws IOException {
        out.writeInt(list.size());
        for (Address a : list) {
            writeString(out, a.name());
            writeString(out, a.route());
            writeString(out, a.mailbox());
            writeString(out, a.host());
        }
    }

    private static List<Address> readAddresses(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Address> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Address(readString(in), readString(in), readString(in), readString(in)));
        }
        return list;
    }

    /** Strings may exceed writeUTF's 64 KB limit (a hostile Subject), so lengths are ints. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeLong(out, s);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readLong(in) : null;
    }

    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 16 * 1024 * 1024) {
            throw new IOException("corrupt structure");
        }
        byte[] b = in.readNBytes(n);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
