package org.tegami.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.tegami.dns.InMemoryResolver;

final class DkimTestSupport {

    private DkimTestSupport() {}

    /** dns-records.json is a flat object of "name": "TXT value" pairs. */
    static Map<String, String> keyRecords(Path json) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]*)\"").matcher(Files.readString(json));
        while (m.find()) {
            if (!m.group(1).startsWith("_")) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    static InMemoryResolver resolver(Map<String, String> records) {
        InMemoryResolver dns = new InMemoryResolver();
        records.forEach(dns::addTxt);
        return dns;
    }

    /** Runs dkimpy_tool.py with a JSON request; returns its output lines. */
    static List<String> dkimpy(String python, Path tmp, String json) throws Exception {
        Path script = tmp.resolve("dkimpy_tool.py");
        try (InputStream in = DkimTestSupport.class.getResourceAsStream("dkimpy_tool.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("dkimpy failed: " + out);
        }
        return new ArrayList<>(out.lines().toList());
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** PKCS#1 "RSA PRIVATE KEY" PEM (what dkimpy reads) or the base64 Ed25519 seed. */
    static String dkimpyKey(PrivateKey key) throws IOException {
        byte[] inner = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        if (key.getAlgorithm().equals("RSA")) {
            return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(inner) + "\n-----END RSA PRIVATE KEY-----\n";
        }
        // OCTET STRING (0x04 0x20) + 32-byte seed
        byte[] seed = new byte[32];
        System.arraycopy(inner, inner.length - 32, seed, 0, 32);
        return b64(seed);
    }
}
