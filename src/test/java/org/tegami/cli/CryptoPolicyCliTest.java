package org.tegami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.pgp.PgpKeys;
import org.tegami.pgp.PgpTestKeys;

/** {@code tegami crypto policy set|show|list} and {@code tegami crypto at-rest} as typed, with their errors. */
class CryptoPolicyCliTest {

    @TempDir
    Path data;
    TegamiCli cli;

    @BeforeEach
    void cli() {
        cli = new TegamiCli(data);
    }

    TegamiCli.Run ok(TegamiCli.Run r) {
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void policiesPerDomainOverriddenPerAccount() throws Exception {
        Path cfg = data.resolve("t.toml");
        Files.writeString(cfg, "[crypto]\nencrypt = \"when-possible\"\n");
        assertThat(ok(cli.run("crypto", "policy", "set", "Example.TEST", "--sign", "always")).out())
                .isEqualTo("policy of example.test:\n  sign = always\n  encrypt = never  (from config)\n  decrypt = off  (default)\n");
        ok(cli.run("crypto", "policy", "set", "alice@example.test", "--encrypt", "required", "--decrypt", "on"));
        assertThat(ok(cli.run("crypto", "policy", "show", "alice@example.test", "--config", cfg.toString())).out())
                .isEqualTo("sign = always  (from example.test)\nencrypt = required  (from alice@example.test)\n"
                        + "decrypt = on  (from alice@example.test)\nat-rest = off\n");
        assertThat(ok(cli.run("crypto", "policy", "show", "bob@example.test", "--config", cfg.toString())).out())
                .startsWith("sign = always  (from example.test)\nencrypt = when-possible  (from config)\n");
        ok(cli.run("crypto", "policy", "set", "alice@example.test", "--encrypt", "inherit"));
        assertThat(ok(cli.run("crypto", "policy", "list")).out())
                .isEqualTo("alice@example.test  sign=inherit  encrypt=inherit  decrypt=on\nexample.test  sign=always  encrypt=inherit  decrypt=inherit\n");
        TegamiCli.Run bad = cli.run("crypto", "policy", "set", "example.test", "--encrypt", "sometimes");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("tegami: --encrypt must be one of never, when-possible, required or inherit (got \"sometimes\")\n");
        assertThat(cli.run("crypto", "policy", "set", "example.test").err())
                .isEqualTo("tegami: nothing to set: give --sign, --encrypt and/or --decrypt\n");
        assertThat(cli.run("crypto", "policy", "set", "not a domain!", "--sign", "never").err()).contains("is neither a domain nor an address");
    }

    @Test
    void atRestOnAndOff() throws Exception {
        Path key = data.resolve("bob.asc");
        Files.write(key, PgpKeys.armor(PgpTestKeys.bob().publicRing()));
        String fpr = PgpTestKeys.bob().fingerprint();
        TegamiCli.Run missing = cli.run("crypto", "at-rest", "bob@example.test", "--key", fpr);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("tegami: no key " + fpr + " for bob@example.test; import it first: tegami keys import"
                + " bob@example.test FILE\n");
        ok(cli.run("keys", "import", "bob@example.test", key.toString()));
        assertThat(ok(cli.run("crypto", "at-rest", "bob@example.test", "--key", fpr.toLowerCase())).out())
                .isEqualTo("new messages for bob@example.test are encrypted at rest to " + fpr + "\n");
        assertThat(ok(cli.run("crypto", "policy", "show", "bob@example.test")).out()).endsWith("at-rest = " + fpr + "\n");
        assertThat(cli.run("keys", "remove", "bob@example.test", fpr).err()).contains("first run: tegami crypto at-rest bob@example.test --off");
        assertThat(ok(cli.run("crypto", "at-rest", "bob@example.test", "--off")).out()).isEqualTo("encryption at rest off for bob@example.test\n");
        assertThat(cli.run("crypto", "at-rest", "bob@example.test").code()).isEqualTo(2); // --key or --off is required
        ok(cli.run("keys", "remove", "bob@example.test", fpr));
    }
}
