package org.tegami.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tegami.imap.SequenceSet.Range;

/** sequence-set (RFC 9051 §9), "*" and "$". */
class SequenceSetTest {

    @Test
    void parsesRangesInAnyOrderWithStar() throws ImapSyntaxException {
        SequenceSet s = SequenceSet.parse("5:3,*,10:*,4294967295", 100);
        assertThat(s.ranges()).containsExactly(new Range(5, 3), new Range(SequenceSet.STAR, SequenceSet.STAR),
                new Range(10, SequenceSet.STAR), new Range(4294967295L, 4294967295L));
        assertThat(s.hasStar()).isTrue();
        assertThat(s).hasToString("5:3,*,10:*,4294967295");
    }

    @Test
    void resolvesSortedAndMerged() {
        SequenceSet s = SequenceSet.of("9:7,1,2,3,5:*,20");
        assertThat(s.resolve(12)).containsExactly(new Range(1, 3), new Range(5, 12), new Range(20, 20));
        assertThat(s.count(12)).isEqualTo(3 + 8 + 1);
        // RFC 9051 §6.4.8: "559:*" includes the last message even if 559 is larger than its UID
        assertThat(SequenceSet.of("559:*").resolve(300)).containsExactly(new Range(300, 559));
        // an empty mailbox: "*" is nothing
        assertThat(SequenceSet.of("*").resolve(0)).isEmpty();
        assertThat(SequenceSet.of("3:*").resolve(0)).containsExactly(new Range(1, 3));
    }

    @Test
    void containment() {
        SequenceSet s = SequenceSet.of("2:4,*");
        assertThat(s.contains(3, 10)).isTrue();
        assertThat(s.contains(10, 10)).isTrue();
        assertThat(s.contains(9, 10)).isFalse();
        assertThat(SequenceSet.of("*:5").contains(7, 7)).isTrue();
    }

    @Test
    void compactsNumbers() {
        assertThat(SequenceSet.ofNumbers(List.of(7L, 1L, 2L, 3L, 3L, 9L, 8L))).hasToString("1:3,7:9");
        assertThat(SequenceSet.ofNumbers(List.of(4L))).hasToString("4");
        assertThatThrownBy(() -> SequenceSet.ofNumbers(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void savedResult() throws ImapSyntaxException {
        assertThat(SequenceSet.parse("$", 1)).isSameAs(SequenceSet.SAVED);
        assertThat(SequenceSet.SAVED.saved()).isTrue();
        assertThat(SequenceSet.SAVED).hasToString("$");
        assertThatThrownBy(() -> SequenceSet.SAVED.resolve(5)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "1:0", "01", "1,", ",1", "1::2", "1:2:3", "a", "4294967296", "12345678901", "1,$", "**", "-1"})
    void rejects(String bad) {
        assertThatThrownBy(() -> SequenceSet.parse(bad, 100)).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void limitsRanges() {
        assertThatThrownBy(() -> SequenceSet.parse("1,2,3,4", 3))
                .isInstanceOfSatisfying(ImapSyntaxException.class, e -> assertThat(e.code()).isEqualTo(ResponseCode.LIMIT));
    }
}
