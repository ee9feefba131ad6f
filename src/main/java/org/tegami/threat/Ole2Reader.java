package org.tegami.threat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the directory of an OLE2 compound file ([MS-CFB]): the names and types of its storages
 * and streams, which is enough to see a VBA project ("VBA", "_VBA_PROJECT", "Macros"), an
 * encrypted OOXML package ("EncryptedPackage") or an embedded OLE package ("\u0001Ole10Native").
 * Every chain walk is bounded by the file size, so loops in a hostile FAT end.
 */
final class Ole2Reader {

    /** A directory entry: type 1 = storage, 2 = stream, 5 = root ([MS-CFB] 2.6.1). */
    record DirEntry(String name, int type, long size) {}

    private static final long END_OF_CHAIN = 0xfffffffeL;
    private static final long FREE = 0xffffffffL;

    private Ole2Reader() {}

    /** The directory entries, at most {@code max}; empty if the file is not a readable OLE2 file. */
    static List<DirEntry> directory(byte[] d, int max) {
        List<DirEntry> out = new ArrayList<>();
        if (d.length < 512 || !FileSniffer.startsWith(d, 0, new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0})) {
            return out;
        }
        int shift = ZipReader.u16(d, 0x1e);
        if (shift != 9 && shift != 12) {
            return out;
        }
        int sector = 1 << shift;
        long[] fat = fat(d, sector);
        long s = ZipReader.u32(d, 0x30);
        int steps = 0;
        int maxSteps = d.length / sector + 1;
        while (s != END_OF_CHAIN && s != FREE && steps++ < maxSteps && out.size() < max) {
            long off = (s + 1) * sector;
            if (off + sector > d.length) {
                break;
            }
            for (int e = 0; e < sector / 128 && out.size() < max; e++) {
                int p = (int) off + e * 128;
                int nameLen = ZipReader.u16(d, p + 64);
                int type = d[p + 66] & 0xff;
                if (type == 0 || nameLen < 2 || nameLen > 64) {
                    continue;
                }
                String name = new String(d, p, nameLen - 2, StandardCharsets.UTF_16LE);
                out.add(new DirEntry(name, type, ZipReader.u32(d, p + 120)));
            }
            s = s < fat.length ? fat[(int) s] : END_OF_CHAIN;
        }
        return out;
    }

    /** The file allocation table, assembled from the header's DIFAT and the DIFAT chain. */
    private static long[] fat(byte[] d, int sector) {
        List<Long> fatSectors = new ArrayList<>();
        int maxSectors = d.length / sector + 1;
        for (int i = 0; i < 109; i++) {
            long v = ZipReader.u32(d, 0x4c + i * 4);
            if (v == FREE || v == END_OF_CHAIN) {
                break;
            }
            fatSectors.add(v);
        }
        long difat = ZipReader.u32(d, 0x44);
        int hops = 0;
        while (difat != END_OF_CHAIN && difat != FREE && hops++ < maxSectors && fatSectors.size() < maxSectors) {
            long off = (difat + 1) * sector;
            if (off + sector > d.length) {
                break;
            }
            int per = sector / 4 - 1;
            for (int i = 0; i < per; i++) {
                long v = ZipReader.u32(d, (int) off + i * 4);
                if (v != FREE && v != END_OF_CHAIN) {
                    fatSectors.add(v);
                }
            }
            difat = ZipReader.u32(d, (int) off + per * 4);
        }
        int per = sector / 4;
        long total = Math.min((long) fatSectors.size() * per, (long) maxSectors * 4);
        long[] fat = new long[(int) Math.min(total, 16_000_000)];
        int k = 0;
        for (long fs : fatSectors) {
            long off = (fs + 1) * sector;
            if (off + sector > d.length) {
                continue;
            }
            for (int i = 0; i < per && k < fat.length; i++) {
                fat[k++] = ZipReader.u32(d, (int) off + i * 4);
            }
        }
        return fat;
    }
}
