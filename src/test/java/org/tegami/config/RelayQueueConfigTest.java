package org.tegami.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** [relay] and [queue]: the contract's keys, defaults and clear errors. */
class RelayQueueConfigTest {

    @Test
    void defaults() throws Exception {
        TegamiConfig c = ConfigLoader.parse("", "t.toml");
        assertThat(c.relay().enabled()).isFalse();
        assertThat(c.queue().lifetime()).isEqualTo(Duration.ofDays(5));
        assertThat(c.queue().delayWarning()).isEqualTo(Duration.ofHours(4));
        assertThat(c.queue().mxPort()).isEqualTo(25);
    }

    @Test
    void contractRelaySection() throws Exception {
        TegamiConfig c = ConfigLoader.parse("[relay]\nhost = \"smtp.isp.example\"\nport = 587\ntls = \"starttls\"\n"
                + "tls_verify = true\nusername = \"user@isp.example\"\npassword = \"pw\"\n", "t.toml");
        assertThat(c.relay()).isEqualTo(new RelayConfig("smtp.isp.example", 587, "starttls", true, "user@isp.example", "pw"));
        TegamiConfig implicit = ConfigLoader.parse("[relay]\nhost = \"smtp.isp.example\"\ntls = \"implicit\"\n", "t.toml");
        assertThat(implicit.relay().port()).isEqualTo(465);
        assertThat(implicit.relay().tlsVerify()).isTrue();
    }

    @Test
    void passwordFileMustBePrivate() throws Exception {
        Path f = Files.createTempFile("pw", ".txt");
        Files.writeString(f, "secret\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        String toml = "[relay]\nhost = \"h.example\"\nusername = \"u\"\npassword_file = \"" + f + "\"\n";
        assertThatThrownBy(() -> ConfigLoader.parse(toml, "t.toml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.toml:4: [relay] password_file").hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThat(ConfigLoader.parse(toml, "t.toml").relay().password()).isEqualTo("secret");
        Files.delete(f);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("[relay]\nhost = \"h\"\ntls = \"none\"\n", "t.toml"))
                .hasMessageContaining("[relay] tls: must be one of starttls, implicit");
        assertThatThrownBy(() -> ConfigLoader.parse("[relay]\nport = 25\n", "t.toml"))
                .hasMessageContaining("[relay] host: is required");
        assertThatThrownBy(() -> ConfigLoader.parse("[relay]\nhost = \"h\"\nusername = \"u\"\n", "t.toml"))
                .hasMessageContaining("password");
        assertThatThrownBy(() -> ConfigLoader.parse("[queue]\nretry_initial = \"2h\"\nretry_max = \"1h\"\n", "t.toml"))
                .hasMessageContaining("[queue] retry_max");
        assertThatThrownBy(() -> ConfigLoader.parse("[queue]\nlifetme = \"1d\"\n", "t.toml"))
                .hasMessageContaining("[queue] lifetme: unknown key");
    }
}
