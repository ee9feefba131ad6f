package org.tegami.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** [threat]: defaults, every key, and clear errors. */
class ThreatConfigTest {

    @Test
    void defaults() throws Exception {
        ThreatConfig t = TegamiConfig.defaults().threat();
        assertThat(t.enabled()).isTrue();
        assertThat(List.of(t.tag(), t.junk(), t.quarantine(), t.reject())).containsExactly(5.0, 8.0, 10.0, 25.0);
        assertThat(t.subjectPrefix()).isEqualTo("[SUSPICIOUS]");
        assertThat(t.vips()).isEmpty();
        assertThat(t.neutralizeHtml()).isEmpty();
        assertThat(t.submittedAttachments()).isTrue();
    }

    @Test
    void everyKey() throws Exception {
        ThreatConfig t = ConfigLoader.parse("""
                [threat]
                enabled = false
                tag = 4.5
                junk = 7
                quarantine = 12
                reject = "off"
                subject_prefix = "[要注意]"
                vips = ["Akiko Tanaka <akiko@northwind.test> <Akiko.Home@gmail.test>", "\\"Chief, Finance\\"", "Bob <bob@x.test>, bob2@y.test"]
                neutralize_html = ["Northwind.test"]
                submitted_attachments = false
                """, "t.toml").threat();
        assertThat(t.enabled()).isFalse();
        assertThat(List.of(t.tag(), t.junk(), t.quarantine())).containsExactly(4.5, 7.0, 12.0);
        assertThat(t.reject()).isInfinite();
        assertThat(t.subjectPrefix()).isEqualTo("[要注意]");
        assertThat(t.vips()).containsExactly(
                new ThreatConfig.Vip("Akiko Tanaka", List.of("akiko@northwind.test", "akiko.home@gmail.test")),
                new ThreatConfig.Vip("Chief, Finance", List.of()),
                new ThreatConfig.Vip("Bob", List.of("bob@x.test", "bob2@y.test")));
        assertThat(t.neutralizeHtml()).containsExactly("northwind.test");
        assertThat(t.submittedAttachments()).isFalse();
    }

    @Test
    void errorsNameTheLineAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("[threat]\ntag = 9\njunk = 8\n", "t.toml"))
                .isInstanceOf(ConfigException.class).hasMessage("t.toml:3: [threat] junk: thresholds must not decrease: tag <= junk <= quarantine <= reject");
        assertThatThrownBy(() -> ConfigLoader.parse("[threat]\nquarantine = -1\n", "t.toml"))
                .hasMessageStartingWith("t.toml:2: [threat] quarantine: must be a number above 0");
        assertThatThrownBy(() -> ConfigLoader.parse("[threat]\nreject = \"never\"\n", "t.toml"))
                .hasMessage("t.toml:2: [threat] reject: must be a positive number or \"off\"");
        assertThatThrownBy(() -> ConfigLoader.parse("[threat]\nvips = [\"<ceo@x.test>\"]\n", "t.toml"))
                .hasMessageContaining("[threat] vips: each entry is \"Display Name <address> ...\"");
        assertThatThrownBy(() -> ConfigLoader.parse("[threat]\nvips = [\"CEO <not-an-address>\"]\n", "t.toml"))
                .hasMessageContaining("is not an e-mail address");
        assertThatThrownBy(() -> ConfigLoader.parse("[threat]\nneutralize_html = [\"not a domain\"]\n", "t.toml"))
                .hasMessageContaining("[threat] neutralize_html: \"not a domain\" is not a domain name");
        assertThatThrownBy(() -> ConfigLoader.parse("[threat]\nthreshold = 3\n", "t.toml"))
                .hasMessageContaining("[threat] threshold: unknown key");
    }
}
