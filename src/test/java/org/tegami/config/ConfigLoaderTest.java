package org.tegami.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void defaultsWhenEmpty() throws Exception {
        TegamiConfig c = ConfigLoader.parse("", "t.toml");
        assertThat(c.smtp().maxMessageSize()).isEqualTo(50L * 1024 * 1024);
        assertThat(c.smtp().maxErrors()).isEqualTo(20);
        assertThat(c.smtp().greetingDelay()).isEqualTo(Duration.ZERO);
        assertThat(c.dns().servers()).isEmpty();
        assertThat(c.auth().allowPlaintext()).isFalse();
        assertThat(c.auth().lockoutFailures()).isGreaterThanOrEqualTo(5);
        assertThat(c.ports()).isEqualTo(PortsConfig.DEFAULT);
    }

    @Test
    void readsKeys() throws Exception {
        TegamiConfig c = ConfigLoader.parse("""
                [dns]
                servers = ["127.0.0.1:5353", "[::1]:53"]
                timeout = "2s"
                [smtp]
                max_message_size = "10M"
                command_timeout = "1m"
                """, "t.toml");
        assertThat(c.dns().servers()).containsExactly("127.0.0.1:5353", "[::1]:53");
        assertThat(c.dns().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.smtp().maxMessageSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.smtp().commandTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void errorNamesFileLineAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("[smtp]\n\nmax_recipients = -3\n", "my.toml"))
                .hasMessage("my.toml:3: [smtp] max_recipients: must be between 1 and 100000 (got -3)");
        assertThatThrownBy(() -> ConfigLoader.parse("[dns]\nservers = [\"dns.example\"]\n", "my.toml"))
                .hasMessageStartingWith("my.toml:2: [dns] servers:");
        assertThatThrownBy(() -> ConfigLoader.parse("[smtp]\nmax_recipents = 5\n", "my.toml"))
                .hasMessageContaining("my.toml:2: [smtp] max_recipents: unknown key");
        assertThatThrownBy(() -> ConfigLoader.parse("[smpt]\nx = 1\n", "my.toml"))
                .hasMessageContaining("my.toml:1: [smpt]: unknown section");
        assertThatThrownBy(() -> ConfigLoader.parse("[server]\nhostname = \n", "my.toml"))
                .hasMessageStartingWith("my.toml:2: TOML syntax error");
        assertThatThrownBy(() -> ConfigLoader.parse("[tls]\ncert = \"/a.pem\"\n", "my.toml"))
                .hasMessageContaining("set both cert and key");
        assertThatThrownBy(() -> ConfigLoader.parse("hostname = \"x\"\n", "my.toml"))
                .hasMessageContaining("my.toml:1: hostname: keys must be inside a [section]");
    }

    @Test
    void imapSection() throws Exception {
        TegamiConfig d = ConfigLoader.parse("", "t.toml");
        assertThat(d.imap()).isEqualTo(ImapConfig.defaults());
        assertThat(d.imap().autologout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.imap().maxBadCommands()).isEqualTo(20);
        TegamiConfig c = ConfigLoader.parse("""
                [imap]
                max_bad_commands = 5
                autologout = "31m"
                write_timeout = "10s"
                append_limit = "10M"
                """, "t.toml");
        assertThat(c.imap().maxBadCommands()).isEqualTo(5);
        assertThat(c.imap().autologout()).isEqualTo(Duration.ofMinutes(31));
        assertThat(c.imap().writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.imap().appendLimit()).isEqualTo(10L * 1024 * 1024);
        assertThatThrownBy(() -> ConfigLoader.parse("[imap]\nmax_bad_commands = 0\n", "my.toml"))
                .hasMessageStartingWith("my.toml:2: [imap] max_bad_commands:");
        assertThatThrownBy(() -> ConfigLoader.parse("[imap]\nappend_limit = \"2G\"\n", "my.toml"))
                .hasMessageContaining("[imap] append_limit: must be between 1K and 1G");
        assertThatThrownBy(() -> ConfigLoader.parse("[imap]\nmax_line_length = 100\n", "my.toml"))
                .hasMessageContaining("[imap] max_line_length");
    }

    @Test
    void durationsAndSizes() {
        assertThat(Section.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Section.parseDuration("5d")).isEqualTo(Duration.ofDays(5));
        assertThat(Section.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Section.parseDuration("5 minutes")).isNull();
        assertThat(List.of(1)).hasSize(1);
    }
}
