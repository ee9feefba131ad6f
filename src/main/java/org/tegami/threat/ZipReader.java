package org.tegami.threat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A small, bounded zip reader (APPNOTE.TXT): lists entries from the central directory (or, for a
 * damaged archive, from local headers) and inflates one entry at a time up to a byte limit. It
 * sees the general-purpose flag, so encrypted entries are recognised without reading them, and
 * never allocates more than it is allowed to produce.
 */
final class ZipReader {

    /** One entry as the central directory (or its local header) describes it. */
    record Entry(String name, int flags, int method, long compressedSize, long size, long localOffset) {
        /** Bit 0 of the general-purpose flag (APPNOTE 4.4.4); method 99 is WinZip AES. */
        boolean encrypted() {
            return (flags & 1) != 0 || method == 99;
        }

        boolean directory() {
            return name.endsWith("/") || name.endsWith("\\");
        }
    }

    /** Inflated bytes of one entry; {@code truncated} when the limit cut it short. */
    record Data(byte[] bytes, boolean truncated, long consumed) {}

    private static final Charset CP437 = charset("IBM437");

    private ZipReader() {}

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Entries of the archive, at most {@code max}; empty if it is not a readable zip. */
    static List<Entry> entries(byte[] z, int max) {
        List<Entry> out = new ArrayList<>();
        int eocd = findEocd(z);
        if (eocd >= 0) {
            central(z, eocd, max, out);
        }
        if (out.isEmpty()) {
            local(z, max, out);
        }
        return out;
    }

    private static int findEocd(byte[] z) {
        int stop = Math.max(0, z.length - 22 - 65_535);
        for (int i = z.length - 22; i >= stop; i--) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 5 && z[i + 3] == 6) {
                return i;
            }
        }
        return -1;
    }

    private static void central(byte[] z, int eocd, int max, List<Entry> out) {
        long count = u16(z, eocd + 10);
        long offset = u32(z, eocd + 16);
        if (offset == 0xffffffffL || count == 0xffff) {
            int loc = eocd - 20;
            if (loc >= 0 && u32(z, loc) == 0x07064b50L) {
                long z64 = u64(z, loc + 8);
                if (z64 >= 0 && z64 + 56 <= z.length && u32(z, (int) z64) == 0x06064b50L) {
                    count = u64(z, (int) z64 + 32);
                    offset = u64(z, (int) z64 + 48);
                }
            }
        }
        long p = offset;
        for (long i = 0; i < count && out.size() < max; i++) {
            if (p < 0 || p + 46 > z.length || u32(z, (int) p) != 0x02014b50L) {
                return;
            }
            int at = (int) p;
            int flags = u16(z, at + 8);
            int method = u16(z, at + 10);
            long csize = u32(z, at + 20);
            long size = u32(z, at + 24);
            int nameLen = u16(z, at + 28);
            int extraLen = u16(z, at + 30);
            int commentLen = u16(z, at + 32);
            long local = u32(z, at + 42);
            if (at + 46 + nameLen + extraLen > z.length) {
                return;
            }
            String name = new String(z, at + 46, nameLen, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : CP437);
            if (csize == 0xffffffffL || size == 0xffffffffL || local == 0xffffffffL) {
                long[] z64 = zip64(z, at + 46 + nameLen, extraLen, size == 0xffffffffL, csize == 0xffffffffL, local == 0xffffffffL);
                size = z64[0] >= 0 ? z64[0] : size;
                csize = z64[1] >= 0 ? z64[1] : csize;
                local = z64[2] >= 0 ? z64[2] : local;
            }
            out.add(new Entry(name, flags, method, csize, size, local));
            p += 46L + nameLen + extraLen + commentLen;
        }
    }

    /** Zip64 extended information extra field (APPNOTE 4.5.3): size, compressed size, offset. */
    private static long[] zip64(byte[] z, int start, int len, boolean hasSize, boolean hasCsize, boolean hasOffset) {
        long[] r = {-1, -1, -1};
        int p = start;
        int end = Math.min(z.length, start + len);
        while (p + 4 <= end) {
            int id = u16(z, p);
            int n = u16(z, p + 2);
            if (id == 0x0001) {
                int q = p + 4;
                if (hasSize && q + 8 <= end) {
                    r[0] = u64(z, q);
                    q += 8;
                }
                if (hasCsize && q + 8 <= end) {
                    r[1] = u64(z, q);
                    q += 8;
                }
                if (hasOffset && q + 8 <= end) {
                    r[2] = u64(z, q);
                }
                return r;
            }
            p += 4 + n;
        }
        return r;
    }

    /** Fallback for archives without a central directory: walk local file headers. */
    private static void local(byte[] z, int max, List<Entry> out) {
        int p = 0;
        while (p >= 0 && p <= z.length - 30 && out.size() < max && u32(z, p) == 0x04034b50L) {
            int flags = u16(z, p + 6);
            int method = u16(z, p + 8);
            long csize = u32(z, p + 18);
            long size = u32(z, p + 22);
            int nameLen = u16(z, p + 26);
            int extraLen = u16(z, p + 28);
            if (nameLen > z.length - p - 30) {
                return;
            }
            String name = new String(z, p + 30, nameLen, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : CP437);
            out.add(new Entry(name, flags, method, csize, size, p));
            int data = p + 30 + nameLen + extraLen;
            int next = (flags & 0x08) != 0 || csize == 0xffffffffL ? -1 : (int) Math.min(Integer.MAX_VALUE, data + csize);
            if (next < 0 || next <= p) {
                next = FileSniffer.indexOf(z, new byte[] {'P', 'K', 3, 4}, data, z.length);
                if (next < 0) {
                    return;
                }
            }
            p = next;
        }
    }

    /**
     * Reads one entry, producing at most {@code limit} bytes. Returns null if the entry cannot be
     * read (encrypted, unsupported method, damaged).
     */
    static Data read(byte[] z, Entry e, int limit) {
        if (e.encrypted() || e.localOffset() < 0 || e.localOffset() + 30 > z.length) {
            return null;
        }
        int lh = (int) e.localOffset();
        if (u32(z, lh) != 0x04034b50L) {
            return null;
        }
        int start = lh + 30 + u16(z, lh + 26) + u16(z, lh + 28);
        if (start > z.length) {
            return null;
        }
        long avail = z.length - start;
        int clen = (int) Math.min(avail, e.compressedSize() > 0 ? e.compressedSize() : avail);
        if (e.method() == 0) {
            int n = Math.min(clen, limit);
            byte[] out = new byte[n];
            System.arraycopy(z, start, out, 0, n);
            return new Data(out, clen > limit, n);
        }
        if (e.method() != 8) {
            return null;
        }
        return inflate(z, start, clen, limit, true);
    }

    /** Raw or zlib inflate of {@code len} input bytes into at most {@code limit} output bytes. */
    static Data inflate(byte[] in, int off, int len, int limit, boolean nowrap) {
        Inflater inf = new Inflater(nowrap);
        try {
            inf.setInput(in, off, len);
            byte[] buf = new byte[(int) Math.min(limit, Math.max(1024, Math.min(len * 4L, 64 * 1024)))];
            int n = 0;
            int stalls = 0;
            while (!inf.finished() && n < limit && stalls < 3) {
                if (n == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, (int) Math.min(limit, (long) buf.length * 2));
                }
                int r = inf.inflate(buf, n, buf.length - n);
                if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                stalls = r == 0 ? stalls + 1 : 0;
                n += r;
            }
            boolean truncated = !inf.finished() && n >= limit;
            long consumed = inf.getBytesRead();
            return new Data(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n), truncated, consumed);
        } catch (DataFormatException ex) {
            return null;
        } finally {
            inf.end();
        }
    }

    static int u16(byte[] d, int off) {
        if (off < 0 || off > d.length - 2) {
            return 0;
        }
        return (d[off] & 0xff) | (d[off + 1] & 0xff) << 8;
    }

    static long u32(byte[] d, int off) {
        if (off < 0 || off > d.length - 4) {
            return 0;
        }
        return (d[off] & 0xffL) | (d[off + 1] & 0xffL) << 8 | (d[off + 2] & 0xffL) << 16 | (d[off + 3] & 0xffL) << 24;
    }

    static long u64(byte[] d, int off) {
        if (off < 0 || off > d.length - 8) {
            return -1;
        }
        long lo = u32(d, off);
        long hi = u32(d, off + 4);
        if (hi > 0x7fffffffL) {
            return -1;
        }
        return lo | hi << 32;
    }
}
