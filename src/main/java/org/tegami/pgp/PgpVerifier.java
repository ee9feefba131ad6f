package org.tegami.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.tegami.mime.MimeEntities;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;

/**
 * Verifies OpenPGP signatures in mail: PGP/MIME multipart/signed (RFC 3156 §5) and inline
 * cleartext signatures (RFC 9580 §7). Keys come from the {@link KeyRing}; keys attached to the
 * message are used only as unverified. Every input yields a {@link PgpVerification}.
 */
public final class PgpVerifier {

    private final KeyRing keyring;
    private final Clock clock;

    public PgpVerifier(KeyRing keyring, Clock clock) {
        this.keyring = keyring;
        this.clock = clock;
    }

    /** Finds the OpenPGP signature of a message and verifies it; NONE when unsigned. */
    public PgpVerification verify(byte[] message) {
        try {
            ParsedMessage parsed = MimeParser.parse(message);
            PgpStructure s = PgpStructure.find(parsed, message);
            if (s == null || !s.signed()) {
                return PgpVerification.of(PgpVerification.Status.NONE, "The message has no OpenPGP signature.", null);
            }
            List<PGPPublicKeyRing> attached = PgpStructure.attachedKeys(parsed, message);
            if (s.kind() == PgpStructure.Kind.MIME_SIGNED) {
                return verifyDetached(s.signedContent(message), s.secondPart(message), attached);
            }
            return verifyCleartext(s.inlineBody(message), attached);
        } catch (RuntimeException e) {
            return PgpVerification.of(PgpVerification.Status.FAIL, "The OpenPGP signature could not be read: "
                    + PgpKeys.message(e) + ".", null);
        }
    }

    /**
     * A detached signature over the first part of multipart/signed, which is signed in canonical
     * form with CRLF line ends (RFC 3156 §5); tried as received, then converted to CRLF.
     */
    public PgpVerification verifyDetached(byte[] content, byte[] signature, List<PGPPublicKeyRing> attached) {
        PgpVerification first = checkAll(content, signature, attached, PgpVerification.Form.PGP_MIME);
        byte[] crlf = MimeEntities.toCrlf(content);
        if (first.status() == PgpVerification.Status.FAIL && crlf != content) {
            PgpVerification second = checkAll(crlf, signature, attached, PgpVerification.Form.PGP_MIME);
            if (second.status() != PgpVerification.Status.FAIL) {
                return second;
            }
        }
        return first;
    }

    /** An inline "-----BEGIN PGP SIGNED MESSAGE-----" block (RFC 9580 §7). */
    public PgpVerification verifyCleartext(byte[] text, List<PGPPublicKeyRing> attached) {
        Cleartext ct = Cleartext.parse(text);
        if (ct == null) {
            return PgpVerification.of(PgpVerification.Status.FAIL,
                    "The cleartext signature is damaged: its signature block is missing or cut off.", PgpVerification.Form.INLINE);
        }
        return checkAll(ct.signedText(), ct.signature(), attached, PgpVerification.Form.INLINE);
    }

    private PgpVerification checkAll(byte[] data, byte[] signature, List<PGPPublicKeyRing> attached, PgpVerification.Form form) {
        List<PGPSignature> sigs;
        try {
            sigs = signatures(signature);
        } catch (IOException | RuntimeException e) {
            return PgpVerification.of(PgpVerification.Status.FAIL, "The signature is damaged: " + PgpKeys.message(e) + ".", form);
        }
        if (sigs.isEmpty()) {
            return PgpVerification.of(PgpVerification.Status.FAIL, "The signature part holds no OpenPGP signature.", form);
        }
        List<PgpVerification> results = new ArrayList<>();
        for (PGPSignature s : sigs) {
            try {
                results.add(SignatureCheck.check(s, data, keyring, attached, clock.instant(), form));
            } catch (RuntimeException e) {
                // Bouncy Castle reports some malformed packets and subpackets with unchecked exceptions.
                results.add(PgpVerification.of(PgpVerification.Status.FAIL, "The signature is damaged: " + PgpKeys.message(e) + ".", form));
            }
        }
        return results.stream().min(Comparator.comparingInt(r -> rank(r.status()))).orElseThrow();
    }

    static int rank(PgpVerification.Status s) {
        return switch (s) {
            case PASS -> 0;
            case UNTRUSTED -> 1;
            case UNKNOWN_KEY -> 2;
            case FAIL -> 3;
            case NONE -> 4;
        };
    }

    /** The signatures in armoured or binary signature data (at most 16). */
    static List<PGPSignature> signatures(byte[] data) throws IOException {
        byte[] bin = PgpPackets.binary(data);
        String bad = PgpPackets.guard(bin);
        if (bad != null) {
            throw new IOException(bad);
        }
        List<PGPSignature> out = new ArrayList<>();
        JcaPGPObjectFactory f = new JcaPGPObjectFactory(new ByteArrayInputStream(bin));
        for (int n = 0; n < 64 && out.size() < 16; n++) {
            Object o = f.nextObject();
            if (o == null) {
                break;
            }
            if (o instanceof PGPSignatureList list) {
                for (PGPSignature s : list) {
                    out.add(s);
                }
            } else if (!(o instanceof PGPMarker)) {
                throw new IOException("unexpected " + o.getClass().getSimpleName() + " where a signature belongs");
            }
        }
        return out;
    }

    /** A parsed cleartext-signed block: the canonical signed text and the armoured signature. */
    record Cleartext(byte[] signedText, byte[] signature) {

        /**
         * RFC 9580 §7.1-7.2: after the armour header lines and a blank line, each line is
         * dash-unescaped and stripped of trailing spaces and tabs, lines are joined with CRLF,
         * and the line break before the signature block is not part of the signed text.
         */
        static Cleartext parse(byte[] body) {
            List<String> lines = lines(body);
            int i = 0;
            while (i < lines.size() && !lines.get(i).equals(PgpStructure.CLEARSIGN_BEGIN)) {
                i++;
            }
            i++;
            while (i < lines.size() && !lines.get(i).isBlank()) {
                i++; // armour headers ("Hash: SHA256")
            }
            i++;
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            boolean firstLine = true;
            for (; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("-----BEGIN PGP SIGNATURE-----")) {
                    StringBuilder sig = new StringBuilder();
                    for (int k = i; k < lines.size(); k++) {
                        sig.append(lines.get(k)).append("\r\n");
                        if (lines.get(k).startsWith("-----END PGP SIGNATURE-----")) {
                            return new Cleartext(text.toByteArray(), sig.toString().getBytes(StandardCharsets.ISO_8859_1));
                        }
                    }
                    return null;
                }
                if (line.startsWith("- ")) {
                    line = line.substring(2);
                }
                if (!firstLine) {
                    text.write('\r');
                    text.write('\n');
                }
                firstLine = false;
                text.writeBytes(stripTrailing(line).getBytes(StandardCharsets.ISO_8859_1));
            }
            return null;
        }

        private static String stripTrailing(String s) {
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
                end--;
            }
            return s.substring(0, end);
        }

        /** Lines as ISO-8859-1 strings (byte-preserving), without CR/LF. */
        private static List<String> lines(byte[] body) {
            String s = new String(body, StandardCharsets.ISO_8859_1);
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int k = 0; k <= s.length(); k++) {
                if (k == s.length() || s.charAt(k) == '\n') {
                    int end = k > start && s.charAt(k - 1) == '\r' ? k - 1 : k;
                    if (k < s.length() || start < s.length()) {
                        out.add(s.substring(start, end));
                    }
                    start = k + 1;
                }
            }
            return out;
        }
    }
}
