package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;
import org.tegami.threat.corpus.CorpusFiles;
import org.tegami.threat.corpus.Eml;

class HtmlNeutralizerTest {

    @Test
    void removesActiveContentKeepsText() {
        String out = new HtmlNeutralizer(false).neutralize("<p onclick=\"x()\">Hello <b>there</b></p><script>evil()</script>"
                + "<form action=\"https://a.test\"><input type=password></form><iframe src=\"https://a.test\"></iframe>"
                + "<a href=\"javascript:alert(1)\">js</a><a href=\"https://ok.test/\">ok</a><img src=\"https://t.test/p.gif\">");
        assertThat(out).contains("Hello <b>there</b>", "href=\"https://ok.test/\"", "rel=\"noopener noreferrer nofollow\"")
                .doesNotContain("script", "onclick", "<form", "<input", "iframe", "javascript:", "<img");
        assertThat(new HtmlNeutralizer(true).neutralize("<img src=\"https://t.test/p.gif\">")).contains("<img");
    }

    @Test
    void rewritesHtmlPartsOfAMessageOnly() {
        byte[] pdf = CorpusFiles.pdf("x", "");
        byte[] in = Eml.of("a@x.test", "b@y.test").subject("s").text("plain stays").html("<p>Hi</p><script>x()</script>")
                .attach("a.pdf", "application/pdf", pdf).build();
        byte[] out = new HtmlNeutralizer(true).neutralizeMessage(in);
        ParsedMessage p = MimeParser.parse(out);
        ByteBuffer buf = ByteBuffer.wrap(out);
        for (MimePart leaf : p.root().leaves(false)) {
            switch (leaf.contentType().mimeType()) {
                case "text/html" -> assertThat(ContentDecoder.text(buf, leaf, 1 << 20)).contains("<p>Hi</p>").doesNotContain("script");
                case "text/plain" -> assertThat(ContentDecoder.text(buf, leaf, 1 << 20)).isEqualTo("plain stays");
                default -> assertThat(ContentDecoder.decodedBody(buf, leaf, 1 << 20)).isEqualTo(pdf);
            }
        }
        assertThat(p.root().leaves(false)).hasSize(3);
    }
}
