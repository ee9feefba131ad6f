package org.tegami.mime;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Contract: any bytes parse into a structure whose offsets stay inside the message, every part
 * can be decoded and re-encoded by the structure cache, and nothing throws.
 */
class MimeFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parsesAnything(byte[] data) {
        ParsedMessage m = MimeParser.parse(ByteBuffer.wrap(data), new MimeLimits(8, 200, 200, 64 * 1024));
        Deque<MimePart> todo = new ArrayDeque<>();
        todo.push(m.root());
        int seen = 0;
        while (!todo.isEmpty()) {
            MimePart p = todo.pop();
            if (++seen > 10_000) {
                throw new AssertionError("part count not bounded");
            }
            if (p.headerStart() < 0 || p.headerStart() > p.bodyStart() || p.bodyStart() > p.end() || p.end() > data.length) {
                throw new AssertionError("offsets out of bounds: " + p.headerStart() + "/" + p.bodyStart() + "/" + p.end());
            }
            ContentDecoder.decodedBody(ByteBuffer.wrap(data), p, 1 << 20);
            ContentDecoder.text(ByteBuffer.wrap(data), p, 1 << 20);
            p.fileName();
            p.children().forEach(todo::push);
            if (p.message() != null) {
                todo.push(p.message());
            }
        }
        StructureCodec.Decoded d = StructureCodec.decode(StructureCodec.encode(m.root(), m.envelope()));
        if (!d.root().equals(m.root()) || !d.envelope().equals(m.envelope())) {
            throw new AssertionError("structure cache does not round-trip");
        }
    }

    @FuzzTest(maxDuration = "10s")
    void addresses(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        for (Address a : AddressParser.parseList(value)) {
            a.decodedName();
            a.address();
        }
        EncodedWords.decode(value);
        ContentType.parse(value);
        Disposition.parse(value);
        try {
            org.tegami.smtp.MailAddress.parse(value);
        } catch (org.tegami.smtp.AddressException expected) {
            // a defined parse error
        }
    }
}
