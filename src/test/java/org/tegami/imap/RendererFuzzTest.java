package org.tegami.imap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.tegami.imap.imaptest.ImapArgParser;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;

/**
 * Any message, however broken, renders to ENVELOPE / BODYSTRUCTURE / BODY that parse as IMAP
 * data, and any section of it can be cut, without exceptions.
 */
class RendererFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void rendersAnyMessage(byte[] data) {
        ParsedMessage pm = MimeParser.parse(data);
        // render from the cached form, as the server does
        StructureCodec.Decoded cached = StructureCodec.decode(StructureCodec.encode(pm.root(), pm.envelope()));
        for (boolean utf8 : new boolean[] {false, true}) {
            check(EnvelopeRenderer.render(cached.envelope(), utf8));
            check(BodyStructureRenderer.render(cached.root(), true, utf8));
            check(BodyStructureRenderer.render(cached.root(), false, utf8));
        }
        ByteBuffer message = ByteBuffer.wrap(data);
        FetchResponseWriter f = new FetchResponseWriter(new ImapWriter(new ByteArrayOutputStream())).begin(1);
        for (String item : List.of("BODY[]", "BODY[HEADER]", "BODY[TEXT]", "BODY[1]", "BODY[1.MIME]", "BODY[2.1.HEADER]",
                "BODY[1.2.TEXT]", "BODY[HEADER.FIELDS (From To)]", "BODY[2.HEADER.FIELDS.NOT (Subject)]", "BODY[3]<2.5>",
                "BINARY[]", "BINARY[1]", "BINARY[2.1]<1.3>", "BINARY.SIZE[1]", "BINARY.SIZE[]")) {
            FetchItem fi = ((SelectedCommand.Fetch) Golden.parse("a FETCH 1 (" + item + ")")).items().get(0);
            switch (fi) {
                case FetchItem.BodySection b -> f.body(b, message, cached.root());
                case FetchItem.Binary b -> f.binary(b, message, cached.root());
                case FetchItem.BinarySize b -> f.binarySize(b, message, cached.root());
                default -> throw new AssertionError(fi);
            }
        }
        f.end();
    }

    private static void check(String imapData) {
        try {
            ImapArgParser.parse(imapData.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("unparseable output: " + imapData, e);
        }
    }
}
