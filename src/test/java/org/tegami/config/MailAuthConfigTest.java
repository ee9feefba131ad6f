package org.tegami.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** [mail_auth] and [dmarc]: documented defaults, and one clear error per bad value. */
class MailAuthConfigTest {

    @Test
    void defaults() {
        TegamiConfig c = TegamiConfig.defaults();
        assertThat(c.mailAuth()).isEqualTo(new MailAuthConfig(true, true, false, false, false, List.of()));
        assertThat(c.dmarc()).isEqualTo(new DmarcConfig(true, "dmarc-reports", null));
    }

    @Test
    void everyKey() throws Exception {
        TegamiConfig c = ConfigLoader.parse("""
                [mail_auth]
                verify = false
                sign = false
                spf_fail = "reject"
                temperror = "defer"
                received_spf = true
                trusted_forwarders = ["192.0.2.0/24", "2001:DB8::/32", "Lists.Example.org", "198.51.100.7"]
                [dmarc]
                reports = false
                report_address = "DMARC"
                org_name = "Example Mail"
                """, "t.toml");
        assertThat(c.mailAuth()).isEqualTo(new MailAuthConfig(false, false, true, true, true,
                List.of("192.0.2.0/24", "2001:db8::/32", "lists.example.org", "198.51.100.7")));
        assertThat(c.dmarc()).isEqualTo(new DmarcConfig(false, "dmarc", "Example Mail"));
    }

    @Test
    void badValuesAreNamedWithFileLineAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("[mail_auth]\nspf_fail = \"drop\"\n", "t.toml"))
                .hasMessage("t.toml:2: [mail_auth] spf_fail: must be one of accept, reject (got \"drop\")");
        assertThatThrownBy(() -> ConfigLoader.parse("[mail_auth]\ntemperror = \"451\"\n", "t.toml"))
                .hasMessageContaining("[mail_auth] temperror: must be one of accept, defer");
        assertThatThrownBy(() -> ConfigLoader.parse("[mail_auth]\ntrusted_forwarders = [\"192.0.2.0/33\"]\n", "t.toml"))
                .hasMessageContaining("[mail_auth] trusted_forwarders: \"192.0.2.0/33\" is neither");
        assertThatThrownBy(() -> ConfigLoader.parse("[mail_auth]\ntrusted_forwarders = [\"not a host\"]\n", "t.toml"))
                .hasMessageContaining("trusted_forwarders");
        assertThatThrownBy(() -> ConfigLoader.parse("[dmarc]\nreport_address = \"a@b\"\n", "t.toml"))
                .hasMessageContaining("[dmarc] report_address: must be the local part");
        assertThatThrownBy(() -> ConfigLoader.parse("[mail_auth]\nverfy = false\n", "t.toml"))
                .hasMessageContaining("[mail_auth] verfy: unknown key");
    }
}
