package org.tegami.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tegami.config.ConfigLoader;
import org.tegami.config.CryptoConfig;
import org.tegami.cryptomail.CryptoGateway.EncryptPolicy;
import org.tegami.cryptomail.CryptoGateway.SignPolicy;
import org.tegami.store.KeyStore.Settings;

/** Account settings override the domain's, which override [crypto]; each setting on its own. */
class PolicyTest {

    static CryptoConfig config(String toml) throws Exception {
        return ConfigLoader.parse(toml, "t.toml").crypto();
    }

    @Test
    void accountThenDomainThenConfigPerSetting() throws Exception {
        CryptoConfig c = config("[crypto]\nsign = \"always\"\nencrypt = \"when-possible\"\n");
        Map<String, Settings> s = Map.of(
                "a.test", new Settings("a.test", null, "required", true, null),
                "x@a.test", new Settings("x@a.test", "never", null, null, "FPR"));
        Policy x = Policy.resolve("x@a.test", s, c);
        assertThat(x.sign()).isEqualTo(SignPolicy.NEVER);
        assertThat(x.signFrom()).isEqualTo("x@a.test");
        assertThat(x.encrypt()).isEqualTo(EncryptPolicy.REQUIRED);
        assertThat(x.encryptFrom()).isEqualTo("a.test");
        assertThat(x.decrypt()).isTrue();
        assertThat(x.atRestKey()).isEqualTo("FPR");
        Policy y = Policy.resolve("y@a.test", s, c);
        assertThat(y.sign()).isEqualTo(SignPolicy.ALWAYS);
        assertThat(y.signFrom()).isEqualTo("config");
        assertThat(y.atRestKey()).isNull();
        Policy z = Policy.resolve("z@b.test", s, c);
        assertThat(z.encrypt()).isEqualTo(EncryptPolicy.WHEN_POSSIBLE);
        assertThat(z.decrypt()).isFalse();
        assertThat(z.outboundOff()).isFalse();
        assertThat(Policy.resolve("z@b.test", Map.of(), config("")).outboundOff()).isTrue();
    }

    @Test
    void configDefaultsAndErrors() throws Exception {
        CryptoConfig d = config("");
        assertThat(d.sign()).isEqualTo(SignPolicy.NEVER);
        assertThat(d.encrypt()).isEqualTo(EncryptPolicy.NEVER);
        assertThat(d.keepOriginal()).isFalse();
        assertThat(d.verifyInbound()).isTrue();
        assertThat(d.harvest()).isTrue();
        assertThat(d.sealKeyFile()).isNull();
        assertThat(d.crlFiles()).isEmpty();
        org.junit.jupiter.api.Assertions.assertThrows(org.tegami.config.ConfigException.class,
                () -> config("[crypto]\nencrypt = \"sometimes\"\n"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.tegami.config.ConfigException.class,
                () -> config("[crypto]\nsign_all = true\n"));
        assertThat(e.getMessage()).isEqualTo("t.toml:2: [crypto] sign_all: unknown key (see the README for the keys of [crypto])");
    }
}
