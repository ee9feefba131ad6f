package org.tegami.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.keys.CryptoKeys;
import org.tegami.keys.KeyAdmin;
import org.tegami.store.sqlite.SqliteStore;

/** Base of the keys/trust/crypto commands: the store of --data with the [crypto] config. */
abstract class CryptoCommandBase extends AdminCommand {

    @Override
    final int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
        CryptoKeys keys = new CryptoKeys(store.keys(), config.crypto(), common.dataDir(), Clock.systemUTC(), new SecureRandom());
        return run(keys, new KeyAdmin(keys));
    }

    abstract int run(CryptoKeys keys, KeyAdmin admin) throws Exception;

    static byte[] readFile(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        }
    }

    /** The first line of standard input as a passphrase (without its line end). */
    static char[] passphraseFromStdin() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null) {
            throw new IllegalArgumentException("a passphrase is needed: give it on standard input");
        }
        return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
    }
}
