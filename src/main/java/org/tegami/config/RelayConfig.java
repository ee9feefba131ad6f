package org.tegami.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * [relay] — a smarthost (the OP25B workaround): when the section is present, all outbound mail
 * goes there instead of to the recipients' MX hosts.
 *
 * @param host the smarthost's name or IP address (required when [relay] is present)
 * @param port default 587 for "starttls", 465 for "implicit"
 * @param tls "starttls" (RFC 3207, required — never plaintext) or "implicit" (RFC 8314); default "starttls"
 * @param tlsVerify verify the relay's certificate chain and name (default true; false for self-signed)
 * @param username AUTH user, or null for no AUTH
 * @param password AUTH password: the key `password`, or the content of `password_file` (mode 0600 or stricter)
 */
public record RelayConfig(String host, int port, String tls, boolean tlsVerify, String username, String password) {

    public static final RelayConfig NONE = new RelayConfig(null, 0, "starttls", true, null, null);

    /** True when a smarthost is configured. */
    public boolean enabled() {
        return host != null;
    }

    public boolean implicitTls() {
        return "implicit".equals(tls);
    }

    static RelayConfig from(Section s) throws ConfigException {
        if (!s.present()) {
            return NONE;
        }
        String host = s.string("host", null);
        if (host == null || host.isBlank()) {
            throw s.error("host", "is required in [relay] (the smarthost's name or address)");
        }
        if (!host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw s.error("host", "must be a host name or IP address");
        }
        String tls = s.choice("tls", "starttls", "starttls", "implicit");
        int port = (int) s.integer("port", "implicit".equals(tls) ? 465 : 587, 1, 65535);
        boolean verify = s.bool("tls_verify", true);
        String user = s.string("username", null);
        String password = s.string("password", null);
        String file = s.string("password_file", null);
        if (password != null && file != null) {
            throw s.error("password_file", "set password or password_file, not both");
        }
        if (file != null) {
            password = readPasswordFile(s, Path.of(file));
        }
        if ((user == null) != (password == null)) {
            throw s.error(user == null ? "username" : "password", "set both username and password (or password_file), or neither");
        }
        return new RelayConfig(host.strip(), port, tls, verify, user, password);
    }

    private static String readPasswordFile(Section s, Path file) throws ConfigException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw s.error("password_file", file + " is readable or writable by others; run: chmod 600 " + file);
            }
            String content = Files.readString(file).strip();
            if (content.isEmpty() || content.indexOf('\n') >= 0) {
                throw s.error("password_file", file + " must hold the password on one line");
            }
            return content;
        } catch (IOException e) {
            throw s.error("password_file", "cannot read " + file + ": " + e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw s.error("password_file", "cannot check the permissions of " + file);
        }
    }

    @Override
    public String toString() {
        return "RelayConfig[host=" + host + " port=" + port + " tls=" + tls + " verify=" + tlsVerify + " user=" + username + "]";
    }
}
