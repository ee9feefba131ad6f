package org.tegami.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.tegami.mime.MimeEntities;

/**
 * OpenPGP bytes in and out: ASCII armour (RFC 9580 §6) with CRLF line ends and no Version header,
 * de-armouring with a size bound, and a pre-parse walk over packet headers (RFC 9580 §4.2) that
 * rejects lengths pointing past the data before Bouncy Castle allocates for them.
 */
public final class PgpPackets {

    /** The largest OpenPGP object read from a message. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private PgpPackets() {}

    /** True if the bytes look armoured ("-----BEGIN PGP ..."), possibly after leading text. */
    public static boolean isArmored(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN PGP ");
    }

    /** Binary packets from armoured or binary input; throws IOException on bad armour or size. */
    public static byte[] binary(byte[] data) throws IOException {
        if (!isArmored(data)) {
            return data;
        }
        try (InputStream in = ArmoredInputStream.builder().setIgnoreCRC(false).build(new ByteArrayInputStream(data))) {
            byte[] out = in.readNBytes(MAX_BYTES + 1);
            if (out.length > MAX_BYTES) {
                throw new IOException("the OpenPGP data is too large");
            }
            return out;
        } catch (RuntimeException e) {
            throw new IOException("bad ASCII armour: " + e.getMessage(), e);
        }
    }

    /** ASCII armour for binary packets, CRLF line ends, no Version header (RFC 9580 §6.2). */
    public static byte[] armor(byte[] binary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(binary.length * 4 / 3 + 200);
        try (ArmoredOutputStream aos = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            aos.write(binary);
        } catch (IOException e) {
            throw new IllegalStateException("armouring to memory failed", e);
        }
        return MimeEntities.toCrlf(out.toByteArray());
    }

    /**
     * Null if every top-level packet header is well formed and its length fits in the data;
     * otherwise the reason, e.g. a truncated packet.
     */
    public static String guard(byte[] bin) {
        if (bin.length == 0) {
            return "the OpenPGP data is empty";
        }
        int pos = 0;
        int packets = 0;
        while (pos < bin.length) {
            if (++packets > 100_000) {
                return "too many OpenPGP packets";
            }
            int b = bin[pos++] & 0xff;
            if ((b & 0x80) == 0) {
                return "not OpenPGP data (bad packet header at offset " + (pos - 1) + ")";
            }
            if ((b & 0x40) == 0) { // legacy format (RFC 9580 §4.2.2)
                int lenType = b & 3;
                if (lenType == 3) {
                    return null; // indeterminate length: the packet runs to the end
                }
                int n = lenType == 0 ? 1 : lenType == 1 ? 2 : 4;
                if (pos + n > bin.length) {
                    return truncated();
                }
                long len = 0;
                for (int k = 0; k < n; k++) {
                    len = (len << 8) | (bin[pos++] & 0xff);
                }
                if (len > bin.length - pos) {
                    return truncated();
                }
                pos += (int) len;
                continue;
            }
            String r = skipNewFormatBody(bin, pos);
            if (r.startsWith("!")) {
                return r.substring(1);
            }
            pos = Integer.parseInt(r);
        }
        return null;
    }

    /** RFC 9580 §4.2.1 lengths, with partial body chunks; returns the next offset or "!reason". */
    private static String skipNewFormatBody(byte[] bin, int start) {
        int pos = start;
        for (int chunks = 0; chunks < 1_000_000; chunks++) {
            if (pos >= bin.length) {
                return "!" + truncated();
            }
            int o1 = bin[pos++] & 0xff;
            long len;
            boolean partial = false;
            if (o1 < 192) {
                len = o1;
            } else if (o1 < 224) {
                if (pos >= bin.length) {
                    return "!" + truncated();
                }
                len = ((o1 - 192) << 8) + (bin[pos++] & 0xff) + 192;
            } else if (o1 == 255) {
                if (pos + 4 > bin.length) {
                    return "!" + truncated();
                }
                len = ((long) (bin[pos] & 0xff) << 24) | ((bin[pos + 1] & 0xff) << 16) | ((bin[pos + 2] & 0xff) << 8) | (bin[pos + 3] & 0xff);
                pos += 4;
            } else {
                len = 1L << (o1 & 0x1f);
                partial = true;
            }
            if (len > bin.length - pos) {
                return "!" + truncated();
            }
            pos += (int) len;
            if (!partial) {
                return Integer.toString(pos);
            }
        }
        return "!too many partial body chunks";
    }

    private static String truncated() {
        return "the OpenPGP data is truncated: a packet is longer than the data";
    }

    /** Upper-case hex fingerprint of a key (RFC 9580 §5.5.4). */
    public static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    /** 16 upper-case hex digits of a key ID. */
    public static String keyId(long id) {
        return String.format(Locale.ROOT, "%016X", id);
    }
}
