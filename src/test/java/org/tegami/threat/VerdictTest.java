package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void noFindingDelivers() {
        Verdict v = Verdict.of(List.of(), ThreatPolicy.DEFAULT);
        assertThat(v.action()).isEqualTo(Action.DELIVER);
        assertThat(v.toJson()).isEqualTo("{\"action\":\"deliver\",\"score\":0.0,\"findings\":[]}");
        assertThat(v.headerValue()).isEqualTo("action=deliver; score=0.0");
    }

    @Test
    void sameIdCountsOnceAtItsHighestWeight() {
        Verdict v = Verdict.of(List.of(new Finding("a.x", 3, "one"), new Finding("a.x", 4, "two"), new Finding("b.y", 1.5, "three")),
                ThreatPolicy.DEFAULT);
        assertThat(v.score()).isEqualTo(5.5);
        assertThat(v.action()).isEqualTo(Action.TAG);
        assertThat(v.findings()).hasSize(3);
        assertThat(v.headerValue()).isEqualTo("action=tag; score=5.5; findings=a.x,b.y");
    }

    @Test
    void thresholdsMapToActions() {
        ThreatPolicy p = ThreatPolicy.DEFAULT;
        assertThat(p.actionFor(4.99)).isEqualTo(Action.DELIVER);
        assertThat(p.actionFor(5)).isEqualTo(Action.TAG);
        assertThat(p.actionFor(8)).isEqualTo(Action.JUNK);
        assertThat(p.actionFor(10)).isEqualTo(Action.QUARANTINE);
        assertThat(p.actionFor(25)).isEqualTo(Action.REJECT);
        assertThatThrownBy(() -> new ThreatPolicy(5, 4, 10, 20, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonEscapesExplanations() {
        Verdict v = Verdict.of(List.of(new Finding("x.y", 2, "He said \"hi\\\" \n\u0001 山田")), ThreatPolicy.DEFAULT);
        assertThat(v.toJson()).isEqualTo(
                "{\"action\":\"deliver\",\"score\":2.0,\"findings\":[{\"id\":\"x.y\",\"weight\":2.0,\"explanation\":\"He said \\\"hi\\\\\\\" \\n\\u0001 山田\"}]}");
    }
}
