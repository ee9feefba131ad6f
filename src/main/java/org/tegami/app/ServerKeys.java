package org.tegami.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The server's own random secret (DATA/server.key, mode 0600): keys the in-memory password
 * verification cache and the decoy SCRAM salts of unknown users. Created on first start.
 */
public final class ServerKeys {

    private ServerKeys() {}

    public static byte[] load(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve("server.key");
        if (Files.exists(file)) {
            byte[] key = Files.readAllBytes(file);
            if (key.length == 32) {
                return key;
            }
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        Path tmp = dataDir.resolve("server.key.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, key);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }
}
