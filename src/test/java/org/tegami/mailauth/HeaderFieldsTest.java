package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void foldedFieldsAreOneFieldWithAnUnfoldedValue() {
        var f = HeaderFields.of(b("A: 1\r\nB: two\r\n\tlines\r\n  and three\r\nC:x\r\n\r\nB: body, not a field\r\n"));
        assertThat(f).extracting(HeaderFields.Field::name).containsExactly("A", "B", "C");
        assertThat(f.get(1).value()).isEqualTo("two\tlines  and three");
        assertThat(f.get(2).value()).isEqualTo("x");
        assertThat(f.get(1).start()).isEqualTo(6);
        assertThat(f.get(1).end()).isEqualTo(6 + "B: two\r\n\tlines\r\n  and three\r\n".length());
    }

    @Test
    void removalTakesOutExactlyTheFieldsBytes() {
        String msg = "X: keep\r\nDrop: me\r\n folded\r\nY: keep\r\nDrop: again\r\n\r\nDrop: body stays\r\n";
        assertThat(new String(HeaderFields.without(b(msg), (n, v) -> n.equalsIgnoreCase("drop")), StandardCharsets.UTF_8))
                .isEqualTo("X: keep\r\nY: keep\r\n\r\nDrop: body stays\r\n");
        byte[] same = b(msg);
        assertThat(HeaderFields.without(same, (n, v) -> false)).isSameAs(same);
    }

    @Test
    void bareLineFeedsAndMessagesWithoutBodyWork() {
        assertThat(HeaderFields.of(b("A: 1\nB: 2\n continued\n\nbody\n"))).extracting(HeaderFields.Field::value)
                .containsExactly("1", "2 continued");
        assertThat(HeaderFields.of(b("A: 1\r\nB: 2"))).extracting(HeaderFields.Field::value).containsExactly("1", "2");
        assertThat(HeaderFields.of(b("\r\nbody"))).isEmpty();
        assertThat(HeaderFields.of(new byte[0])).isEmpty();
        assertThat(HeaderFields.first(b("From: a@b\r\nfrom: c@d\r\n\r\n"), "FROM")).isEqualTo("a@b");
    }
}
