package org.tegami.pop3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tegami.config.ConfigException;
import org.tegami.config.ConfigLoader;
import org.tegami.config.Pop3Config;
import org.tegami.config.TegamiConfig;

/** [pop3] keys: defaults, validation with file:line errors. */
class Pop3ConfigTest {

    @Test
    void defaults() {
        Pop3Config c = TegamiConfig.defaults().pop3();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxErrors()).isEqualTo(20);
        assertThat(c.loginDelay()).isZero();
        assertThat(c.expireNever()).isFalse();
        assertThat(TegamiConfig.defaults().ports().pop3()).isEqualTo(110);
        assertThat(TegamiConfig.defaults().ports().pop3s()).isEqualTo(995);
    }

    @Test
    void allKeys() throws Exception {
        Pop3Config c = ConfigLoader.parse("[pop3]\nidle_timeout = \"30m\"\nmax_errors = 3\nlogin_delay = \"15m\"\n"
                + "expire = \"never\"\n", "t.toml").pop3();
        assertThat(c).isEqualTo(new Pop3Config(Duration.ofMinutes(30), 3, Duration.ofMinutes(15), true));
    }

    @Test
    void errorsNameTheKeyAndLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("[pop3]\n\nidle_timeout = \"9m\"\n", "t.toml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.toml:3: [pop3] idle_timeout: must be at least 10m (RFC 1939 section 3)");
        assertThatThrownBy(() -> ConfigLoader.parse("[pop3]\nexpire = \"30\"\n", "t.toml"))
                .hasMessageContaining("t.toml:2: [pop3] expire: must be one of");
        assertThatThrownBy(() -> ConfigLoader.parse("[pop3]\nmax_errors = 0\n", "t.toml"))
                .hasMessageContaining("[pop3] max_errors: must be between 1 and 1000");
        assertThatThrownBy(() -> ConfigLoader.parse("[pop3]\napop = true\n", "t.toml"))
                .hasMessageContaining("[pop3] apop: unknown key");
    }
}
