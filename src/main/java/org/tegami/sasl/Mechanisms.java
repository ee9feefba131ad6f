package org.tegami.sasl;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The server-side mechanisms Tegami offers, and which of them a session may use. */
public final class Mechanisms {

    private final boolean cramMd5;
    private final String hostname;
    private final SecureRandom random;
    private final byte[] serverSecret;

    /**
     * @param cramMd5 offer CRAM-MD5 (off by default: it needs its own stored secret)
     * @param serverSecret per-server secret used to fake SCRAM salts of unknown users
     */
    public Mechanisms(boolean cramMd5, String hostname, SecureRandom random, byte[] serverSecret) {
        this.cramMd5 = cramMd5;
        this.hostname = hostname;
        this.random = random;
        this.serverSecret = serverSecret.clone();
    }

    /** Mechanism names to advertise, strongest first. */
    public List<String> names() {
        List<String> out = new ArrayList<>(List.of("SCRAM-SHA-256", "PLAIN", "LOGIN"));
        if (cramMd5) {
            out.add(2, "CRAM-MD5");
        }
        return out;
    }

    /**
     * A new exchange for the mechanism, or null if it is not offered.
     *
     * @param backend the directory's view for this client (it applies the client's throttle)
     */
    public SaslServer create(String name, SaslBackend backend) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> new PlainServer(backend);
            case "LOGIN" -> new LoginServer(backend);
            case "SCRAM-SHA-256" -> new ScramSha256Server(backend, random, serverSecret);
            case "CRAM-MD5" -> cramMd5 ? new CramMd5Server(backend, random, hostname) : null;
            default -> null;
        };
    }
}
