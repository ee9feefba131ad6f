package org.tegami.smime;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;

/**
 * Where the S/MIME part of a message is and what kind it is (RFC 8551 §3.2 and §3.5): a
 * multipart/signed with an application/pkcs7-signature, or an application/pkcs7-mime entity whose
 * smime-type (or, when absent, CMS content type) says signed-data, enveloped-data,
 * authEnveloped-data, compressed-data or certs-only.
 *
 * @param part the S/MIME entity itself
 * @param topLevel false when the S/MIME entity is nested inside another multipart (e.g. a list
 *     footer was added around it): then only that part is covered
 */
public record SmimeStructure(Kind kind, MimePart part, boolean topLevel) {

    public enum Kind { MULTIPART_SIGNED, SIGNED_DATA, ENVELOPED_DATA, AUTH_ENVELOPED_DATA, COMPRESSED_DATA, CERTS_ONLY, UNKNOWN }

    /** The largest CMS object decoded from a message (a bound against hostile sizes). */
    static final int MAX_CMS_BYTES = 64 * 1024 * 1024;

    public boolean signed() {
        return kind == Kind.MULTIPART_SIGNED || kind == Kind.SIGNED_DATA;
    }

    public boolean encrypted() {
        return kind == Kind.ENVELOPED_DATA || kind == Kind.AUTH_ENVELOPED_DATA;
    }

    /** The first S/MIME entity: the root, else depth-first inside multipart/mixed etc.; or null. */
    public static SmimeStructure find(ParsedMessage parsed, byte[] message) {
        ByteBuffer buf = ByteBuffer.wrap(message);
        Kind k = kindOf(parsed.root(), buf);
        if (k != null) {
            return new SmimeStructure(k, parsed.root(), true);
        }
        return findNested(parsed.root(), buf, 0);
    }

    private static SmimeStructure findNested(MimePart p, ByteBuffer buf, int depth) {
        if (depth > 16 || !p.isMultipart() || p.contentType().is("multipart", "signed")
                || p.contentType().is("multipart", "encrypted")) {
            return null;
        }
        for (MimePart c : p.children()) {
            Kind k = kindOf(c, buf);
            if (k != null) {
                return new SmimeStructure(k, c, false);
            }
            SmimeStructure inner = findNested(c, buf, depth + 1);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    /** The S/MIME kind of one entity, or null when it is not S/MIME. */
    static Kind kindOf(MimePart p, ByteBuffer buf) {
        var ct = p.contentType();
        if (ct.is("multipart", "signed")) {
            String protocol = ct.param("protocol");
            if (protocol != null && p.children().size() >= 2) {
                String pr = protocol.strip().toLowerCase(Locale.ROOT);
                if (pr.equals("application/pkcs7-signature") || pr.equals("application/x-pkcs7-signature")) {
                    return Kind.MULTIPART_SIGNED;
                }
            }
            return null;
        }
        boolean pkcs7 = ct.is("application", "pkcs7-mime") || ct.is("application", "x-pkcs7-mime");
        String name = p.fileName();
        boolean p7mFile = ct.is("application", "octet-stream") && name != null
                && name.toLowerCase(Locale.ROOT).endsWith(".p7m"); // RFC 8551 §3.2.1
        if (!pkcs7 && !p7mFile) {
            return null;
        }
        String smimeType = ct.param("smime-type");
        if (smimeType != null) {
            switch (smimeType.strip().toLowerCase(Locale.ROOT)) {
                case "signed-data":
                    return Kind.SIGNED_DATA;
                case "enveloped-data":
                    return Kind.ENVELOPED_DATA;
                case "authenveloped-data":
                    return Kind.AUTH_ENVELOPED_DATA;
                case "compressed-data":
                    return Kind.COMPRESSED_DATA;
                case "certs-only":
                    return Kind.CERTS_ONLY;
                default:
                    break;
            }
        }
        return sniff(ContentDecoder.decodedBody(buf, p, MAX_CMS_BYTES));
    }

    /** The kind from the CMS ContentInfo's content type (RFC 5652 §3), for a missing smime-type. */
    static Kind sniff(byte[] der) {
        if (Asn1Guard.check(der) != null) {
            return Kind.UNKNOWN;
        }
        try {
            ASN1ObjectIdentifier type = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)).getContentType();
            if (type.equals(CMSObjectIdentifiers.signedData)) {
                return Kind.SIGNED_DATA;
            }
            if (type.equals(CMSObjectIdentifiers.envelopedData)) {
                return Kind.ENVELOPED_DATA;
            }
            if (type.equals(CMSObjectIdentifiers.authEnvelopedData)) {
                return Kind.AUTH_ENVELOPED_DATA;
            }
            if (type.equals(CMSObjectIdentifiers.compressedData)) {
                return Kind.COMPRESSED_DATA;
            }
            return Kind.UNKNOWN;
        } catch (Exception e) {
            return Kind.UNKNOWN;
        }
    }

    /** The decoded CMS bytes of a pkcs7-mime entity, or of the signature part of multipart/signed. */
    public byte[] cmsBytes(byte[] message) {
        ByteBuffer buf = ByteBuffer.wrap(message);
        MimePart p = kind == Kind.MULTIPART_SIGNED ? part.children().get(1) : part;
        return ContentDecoder.decodedBody(buf, p, MAX_CMS_BYTES);
    }

    /** The signed entity of a multipart/signed: the first part, header included (RFC 1847 §2.1). */
    public byte[] signedContent(byte[] message) {
        MimePart first = part.children().get(0);
        byte[] out = new byte[first.end() - first.headerStart()];
        System.arraycopy(message, first.headerStart(), out, 0, out.length);
        return out;
    }
}
