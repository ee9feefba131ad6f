package org.tegami.pgp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;

/**
 * Where the OpenPGP part of a message is and what kind it is: PGP/MIME multipart/signed with an
 * application/pgp-signature (RFC 3156 §5), multipart/encrypted with application/pgp-encrypted
 * (RFC 3156 §4), or inline PGP in a text/plain body (cleartext signature, RFC 9580 §7, or an
 * armoured message). Also finds public keys sent along (application/pgp-keys parts, RFC 3156 §7,
 * and the Autocrypt header's keydata).
 */
public record PgpStructure(Kind kind, MimePart part, boolean topLevel) {

    public enum Kind { MIME_SIGNED, MIME_ENCRYPTED, INLINE_SIGNED, INLINE_ENCRYPTED }

    static final String CLEARSIGN_BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
    static final String MESSAGE_BEGIN = "-----BEGIN PGP MESSAGE-----";

    public boolean signed() {
        return kind == Kind.MIME_SIGNED || kind == Kind.INLINE_SIGNED;
    }

    public boolean encrypted() {
        return kind == Kind.MIME_ENCRYPTED || kind == Kind.INLINE_ENCRYPTED;
    }

    public boolean inline() {
        return kind == Kind.INLINE_SIGNED || kind == Kind.INLINE_ENCRYPTED;
    }

    /** The first OpenPGP structure in the message (root first, then depth first), or null. */
    public static PgpStructure find(ParsedMessage parsed, byte[] message) {
        ByteBuffer buf = ByteBuffer.wrap(message);
        Kind k = kindOf(parsed.root(), buf);
        if (k != null) {
            return new PgpStructure(k, parsed.root(), true);
        }
        return findNested(parsed.root(), buf, 0);
    }

    private static PgpStructure findNested(MimePart p, ByteBuffer buf, int depth) {
        if (depth > 16 || !p.isMultipart() || p.contentType().is("multipart", "signed")
                || p.contentType().is("multipart", "encrypted")) {
            return null;
        }
        for (MimePart c : p.children()) {
            Kind k = kindOf(c, buf);
            if (k != null) {
                return new PgpStructure(k, c, false);
            }
            PgpStructure inner = findNested(c, buf, depth + 1);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    static Kind kindOf(MimePart p, ByteBuffer buf) {
        var ct = p.contentType();
        String protocol = ct.param("protocol") == null ? "" : ct.param("protocol").strip().toLowerCase(Locale.ROOT);
        if (ct.is("multipart", "signed") && protocol.equals("application/pgp-signature") && p.children().size() >= 2) {
            return Kind.MIME_SIGNED;
        }
        if (ct.is("multipart", "encrypted") && protocol.equals("application/pgp-encrypted") && p.children().size() >= 2) {
            return Kind.MIME_ENCRYPTED;
        }
        if (ct.is("text", "plain") && !p.isMultipart()) {
            String text = new String(ContentDecoder.decodedBody(buf, p, PgpPackets.MAX_BYTES), StandardCharsets.ISO_8859_1);
            if (startsLine(text, CLEARSIGN_BEGIN)) {
                return Kind.INLINE_SIGNED;
            }
            if (startsLine(text, MESSAGE_BEGIN)) {
                return Kind.INLINE_ENCRYPTED;
            }
        }
        return null;
    }

    private static boolean startsLine(String text, String marker) {
        int i = text.indexOf(marker);
        return i == 0 || (i > 0 && text.charAt(i - 1) == '\n');
    }

    /** The signed entity of PGP/MIME multipart/signed: first part with its header (RFC 3156 §5). */
    public byte[] signedContent(byte[] message) {
        MimePart first = part.children().get(0);
        byte[] out = new byte[first.end() - first.headerStart()];
        System.arraycopy(message, first.headerStart(), out, 0, out.length);
        return out;
    }

    /** The signature (multipart/signed) or encrypted data (multipart/encrypted) part's bytes. */
    public byte[] secondPart(byte[] message) {
        return ContentDecoder.decodedBody(ByteBuffer.wrap(message), part.children().get(1), PgpPackets.MAX_BYTES);
    }

    /** The decoded body of an inline PGP text part. */
    public byte[] inlineBody(byte[] message) {
        return ContentDecoder.decodedBody(ByteBuffer.wrap(message), part, PgpPackets.MAX_BYTES);
    }

    /**
     * Public keys that came with the message: application/pgp-keys parts and the Autocrypt
     * header's keydata (base64 of binary key packets). They are candidates for harvesting and for
     * verifying a signature by an unknown key, never trusted by themselves.
     */
    public static List<PGPPublicKeyRing> attachedKeys(ParsedMessage parsed, byte[] message) {
        List<PGPPublicKeyRing> out = new ArrayList<>();
        for (HeaderField f : parsed.headers().all("Autocrypt")) {
            String v = f.value();
            int i = v.indexOf("keydata=");
            if (i >= 0) {
                String b64 = v.substring(i + 8).replaceAll("[\\s;]", "");
                try {
                    out.addAll(PgpKeys.read(Base64.getDecoder().decode(b64)).publicRings());
                } catch (IllegalArgumentException e) {
                    // bad base64: no key
                }
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(message);
        for (MimePart leaf : parsed.root().leaves(false)) {
            if (leaf.contentType().is("application", "pgp-keys") && out.size() < 16) {
                out.addAll(PgpKeys.read(ContentDecoder.decodedBody(buf, leaf, 1024 * 1024)).publicRings());
            }
        }
        return out;
    }
}
