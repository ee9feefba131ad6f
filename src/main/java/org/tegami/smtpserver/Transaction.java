package org.tegami.smtpserver;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tegami.pipeline.Recipient;
import org.tegami.smtp.MailAddress;

/** One mail transaction (MAIL .. end of data): envelope so far and BDAT chunks received. */
final class Transaction {

    final long started = System.nanoTime();
    /** null for the null reverse-path "<>". */
    final MailAddress sender;
    final Map<String, String> params;
    final List<Recipient> recipients = new ArrayList<>();
    /** Recipients refused at RCPT, for the transaction log. */
    int rejectedRecipients;
    /** BDAT content so far; null until the first chunk. */
    ByteArrayOutputStream bdat;
    /** Normalises line ends across BDAT chunks into {@link #bdat}. */
    org.tegami.io.CrlfNormalizingOutputStream bdatNormalizer;
    /** A BDAT chunk pushed the message over the size limit; later chunks are read and dropped. */
    boolean bdatTooBig;

    Transaction(MailAddress sender, Map<String, String> params) {
        this.sender = sender;
        this.params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    boolean smtpUtf8() {
        return params.containsKey("SMTPUTF8");
    }
}
