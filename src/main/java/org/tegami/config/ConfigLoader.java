package org.tegami.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** Reads tegami.toml into {@link TegamiConfig}; every problem becomes one clear error line. */
public final class ConfigLoader {

    private ConfigLoader() {}

    public static TegamiConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static TegamiConfig parse(String text, String fileName) throws ConfigException {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError e = toml.errors().get(0);
            throw new ConfigException(fileName + ":" + e.position().line() + ": TOML syntax error: " + e.getMessage());
        }
        Map<String, Section> sections = new LinkedHashMap<>();
        for (String key : toml.keySet()) {
            Object v = toml.get(List.of(key));
            if (!(v instanceof TomlTable)) {
                throw new ConfigException(fileName + ":" + toml.inputPositionOf(List.of(key)).line()
                        + ": " + key + ": keys must be inside a [section], e.g. [server]");
            }
        }
        Section server = section(toml, fileName, "server", sections);
        Section ports = section(toml, fileName, "ports", sections);
        Section smtp = section(toml, fileName, "smtp", sections);
        Section tls = section(toml, fileName, "tls", sections);
        Section dns = section(toml, fileName, "dns", sections);
        Section auth = section(toml, fileName, "auth", sections);
        Section pop3 = section(toml, fileName, "pop3", sections);
        Section relay = section(toml, fileName, "relay", sections);
        Section queue = section(toml, fileName, "queue", sections);
        Section policy = section(toml, fileName, "policy", sections);
        Section crypto = section(toml, fileName, "crypto", sections);
        Section threat = section(toml, fileName, "threat", sections);
        Section mailAuth = section(toml, fileName, "mail_auth", sections);
        Section dmarc = section(toml, fileName, "dmarc", sections);
        Section imap = section(toml, fileName, "imap", sections);
        TegamiConfig config = new TegamiConfig(
                ServerConfig.from(server),
                PortsConfig.from(ports),
                SmtpConfig.from(smtp),
                TlsConfig.from(tls),
                DnsConfig.from(dns),
                AuthConfig.from(auth),
                Pop3Config.from(pop3),
                RelayConfig.from(relay),
                QueueConfig.from(queue),
                PolicyConfig.from(policy),
                CryptoConfig.from(crypto),
                ThreatConfig.from(threat),
                MailAuthConfig.from(mailAuth),
                DmarcConfig.from(dmarc),
                ImapConfig.from(imap));
        for (String key : toml.keySet()) {
            if (!sections.containsKey(key)) {
                throw new ConfigException(fileName + ":" + toml.inputPositionOf(List.of(key)).line()
                        + ": [" + key + "]: unknown section (known: " + String.join(", ", sections.keySet()) + ")");
            }
        }
        for (Section s : sections.values()) {
            s.checkUnknownKeys();
        }
        return config;
    }

    private static Section section(TomlParseResult toml, String file, String name, Map<String, Section> out) {
        TomlTable table = toml.contains(List.of(name)) ? toml.getTable(List.of(name)) : null;
        Section s = new Section(file, name, table, table == null ? null : toml.inputPositionOf(List.of(name)));
        out.put(name, s);
        return s;
    }
}
