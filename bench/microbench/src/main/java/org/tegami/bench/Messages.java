package org.tegami.bench;

import java.nio.charset.StandardCharsets;

/** Realistic messages for the micro-benchmarks: a 5 KB multipart and a ~100 KB one. */
final class Messages {

    private Messages() {}

    static byte[] multipart(int approxSize) {
        StringBuilder text = new StringBuilder();
        while (text.length() < approxSize * 2 / 3) {
            text.append("Please find the quarterly figures attached; let me know if anything is unclear.\r\n");
        }
        StringBuilder b64 = new StringBuilder();
        while (b64.length() < approxSize / 3) {
            b64.append("JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURlY29k\r\n");
        }
        String m = "Return-Path: <alice@example.test>\r\n"
                + "Received: from client.example.test (client.example.test [192.0.2.10])\r\n\tby mx.example.test (Tegami) with ESMTPS id 1a2b3c.1;\r\n\tFri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "From: \"Alice Liddell\" <alice@example.test>\r\nTo: Bob <bob@example.test>, carol@example.test\r\n"
                + "Cc: \"Dave, the Builder\" <dave@example.test>\r\nSubject: =?UTF-8?B?5Zub5Y2K5pyf44Gu5pWw5a2X?= Q3 figures\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1234.5678@example.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n"
                + "--b2\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + text
                + "--b2\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>" + text + "</p></body></html>\r\n--b2--\r\n"
                + "--b1\r\nContent-Type: application/pdf; name=\"q3.pdf\"\r\nContent-Disposition: attachment; filename=\"q3.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "--b1--\r\n";
        return m.getBytes(StandardCharsets.UTF_8);
    }
}
