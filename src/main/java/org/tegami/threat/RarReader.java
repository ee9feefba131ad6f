package org.tegami.threat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists file names in a RAR archive (RAR 4 block format and RAR 5 header format) and whether
 * anything is encrypted, without decompressing. Every step moves forward and is bounded.
 */
final class RarReader {

    record Listing(List<String> names, boolean encrypted) {}

    private RarReader() {}

    static Listing list(byte[] d, int max) {
        if (FileSniffer.startsWith(d, 0, new byte[] {'R', 'a', 'r', '!', 0x1a, 0x07, 0x01, 0x00})) {
            return rar5(d, max);
        }
        if (FileSniffer.startsWith(d, 0, new byte[] {'R', 'a', 'r', '!', 0x1a, 0x07, 0x00})) {
            return rar4(d, max);
        }
        return new Listing(List.of(), false);
    }

    private static Listing rar4(byte[] d, int max) {
        List<String> names = new ArrayList<>();
        boolean encrypted = false;
        long p = 7;
        while (p + 7 <= d.length && names.size() < max) {
            int at = (int) p;
            int type = d[at + 2] & 0xff;
            int flags = ZipReader.u16(d, at + 3);
            int headSize = ZipReader.u16(d, at + 5);
            if (headSize < 7) {
                break;
            }
            long add = (flags & 0x8000) != 0 || type == 0x74 ? ZipReader.u32(d, at + 7) : 0;
            if (type == 0x73 && (flags & 0x0080) != 0) {
                return new Listing(names, true); // block headers encrypted: names hidden
            }
            if (type == 0x74 && at + 32 <= d.length) {
                encrypted |= (flags & 0x04) != 0;
                int nameSize = ZipReader.u16(d, at + 26);
                int nameAt = at + ((flags & 0x100) != 0 ? 40 : 32);
                if (nameAt + nameSize <= d.length && nameSize > 0) {
                    int end = nameAt;
                    while (end < nameAt + nameSize && d[end] != 0) {
                        end++;
                    }
                    names.add(new String(d, nameAt, end - nameAt, (flags & 0x200) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
                }
            }
            if (type == 0x7b) {
                break; // end of archive
            }
            p = p + headSize + add;
        }
        return new Listing(names, encrypted);
    }

    private static Listing rar5(byte[] d, int max) {
        List<String> names = new ArrayList<>();
        boolean encrypted = false;
        int[] pos = {8};
        while (pos[0] + 5 < d.length && names.size() < max) {
            pos[0] += 4; // header CRC32
            long headerSize = vint(d, pos);
            int start = pos[0];
            if (headerSize <= 0 || headerSize > d.length) {
                break;
            }
            long type = vint(d, pos);
            long flags = vint(d, pos);
            long extraSize = (flags & 1) != 0 ? vint(d, pos) : 0;
            long dataSize = (flags & 2) != 0 ? vint(d, pos) : 0;
            if (type == 4) {
                return new Listing(names, true); // archive encryption header: everything after is encrypted
            }
            if (type == 2) {
                long fileFlags = vint(d, pos);
                vint(d, pos); // unpacked size
                vint(d, pos); // attributes
                if ((fileFlags & 2) != 0) {
                    pos[0] += 4;
                }
                if ((fileFlags & 4) != 0) {
                    pos[0] += 4;
                }
                vint(d, pos); // compression info
                vint(d, pos); // host OS
                long nameLen = vint(d, pos);
                if (nameLen > 0 && nameLen < 4096 && pos[0] + nameLen <= d.length) {
                    names.add(new String(d, pos[0], (int) nameLen, StandardCharsets.UTF_8));
                }
                long extraStart = start + headerSize - extraSize;
                encrypted |= extraSize > 0 && hasEncryptionRecord(d, extraStart, start + headerSize);
            }
            if (type == 5) {
                break;
            }
            long next = start + headerSize + dataSize;
            if (next < start || next > Integer.MAX_VALUE) {
                break;
            }
            pos[0] = (int) next;
        }
        return new Listing(names, encrypted);
    }

    private static boolean hasEncryptionRecord(byte[] d, long from, long to) {
        int[] p = {(int) Math.max(0, from)};
        int end = (int) Math.min(d.length, to);
        int guard = 0;
        while (p[0] < end && guard++ < 64) {
            long size = vint(d, p);
            int recStart = p[0];
            long type = vint(d, p);
            if (type == 1) {
                return true;
            }
            if (size <= 0) {
                return false;
            }
            p[0] = (int) Math.min(end, recStart + size);
        }
        return false;
    }

    /** RAR5 variable-length integer (7 bits per byte, low first), advancing pos; -1 if malformed. */
    private static long vint(byte[] d, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 63 && pos[0] < d.length; shift += 7) {
            int b = d[pos[0]++] & 0xff;
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        return -1;
    }
}
