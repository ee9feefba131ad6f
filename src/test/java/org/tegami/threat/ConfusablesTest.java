package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfusablesTest {

    @Test
    void skeletonFoldsHomoglyphs() {
        assertThat(Confusables.skeleton("pаypal")).isEqualTo("paypal"); // Cyrillic а
        assertThat(Confusables.skeleton("paypa1")).isEqualTo(Confusables.skeleton("paypal"));
        assertThat(Confusables.skeleton("rnicrosoft")).isEqualTo(Confusables.skeleton("microsoft"));
        assertThat(Confusables.skeleton("vvalmart")).isEqualTo(Confusables.skeleton("walmart"));
        assertThat(Confusables.skeleton("g00gle")).isEqualTo(Confusables.skeleton("google"));
        assertThat(Confusables.skeleton("ＰａｙＰａｌ")).isEqualTo("paypal"); // full width
        assertThat(Confusables.skeleton("pαypal")).isEqualTo("paypal"); // Greek alpha
        assertThat(Confusables.skeleton("example")).isNotEqualTo(Confusables.skeleton("examine"));
    }

    @Test
    void mixedAndWholeScript() {
        assertThat(Confusables.mixedScript("pаypal")).isTrue();
        assertThat(Confusables.mixedScript("paypal")).isFalse();
        assertThat(Confusables.mixedScript("日本語")).isFalse();
        assertThat(Confusables.wholeScriptConfusable("асе")).isTrue(); // all Cyrillic, reads "ace"
        assertThat(Confusables.wholeScriptConfusable("пример")).isFalse();
    }

    @Test
    void boundedEditDistance() {
        assertThat(Confusables.distance("contoso", "contoso", 2)).isZero();
        assertThat(Confusables.distance("contoso", "cnotoso", 2)).isEqualTo(1); // transposition
        assertThat(Confusables.distance("contoso", "contosoo", 2)).isEqualTo(1);
        assertThat(Confusables.distance("contoso", "fabrikam", 2)).isEqualTo(3);
    }
}
