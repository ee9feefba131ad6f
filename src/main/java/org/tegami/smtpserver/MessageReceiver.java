package org.tegami.smtpserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.tegami.io.CrlfNormalizingOutputStream;
import org.tegami.pipeline.InboundMessage;
import org.tegami.pipeline.Outcome;
import org.tegami.smtp.DataReader;
import org.tegami.smtp.Reply;
import org.tegami.smtp.SmtpCommand;

/**
 * DATA (RFC 5321 §4.1.1.4) and BDAT (RFC 3030): reads the message within the limits and hands it
 * to the pipeline. The reply is sent only after the pipeline returns, i.e. after the message is
 * durably stored or queued.
 */
final class MessageReceiver {

    private final SmtpSession s;

    MessageReceiver(SmtpSession s) {
        this.s = s;
    }

    void data() throws IOException {
        s.reply(new Reply(354, null, "End data with <CR><LF>.<CR><LF>"));
        s.conn.flush();
        s.conn.setTimeout(s.ctx.config().dataTimeout());
        s.conn.setDeadline(s.ctx.config().dataTotalTimeout());
        ByteArrayOutputStream buf = new ByteArrayOutputStream(16 * 1024);
        DataReader.Result r;
        try {
            r = DataReader.read(s.conn.in(), buf, s.ctx.config().maxMessageSize(), s.ctx.config().maxLineLength());
        } finally {
            s.conn.clearDeadline();
        }
        if (r.tooBig()) {
            finish(r.size(), new Reply(552, "5.3.4", "Message size exceeds the limit of "
                    + s.ctx.config().maxMessageSize() + " bytes"), null);
            return;
        }
        if (r.lineTooLong()) {
            finish(r.size(), new Reply(550, "5.6.0", "Message has a line longer than "
                    + s.ctx.config().maxLineLength() + " octets (RFC 5321 §4.5.3.1.6)"), null);
            return;
        }
        deliver(buf.toByteArray(), r.bareLineEnds());
    }

    void bdat(SmtpCommand.Bdat b) throws IOException {
        Transaction tx = s.tx;
        if (tx.bdat == null) {
            tx.bdat = new ByteArrayOutputStream((int) Math.min(b.size() + 256, 64 * 1024));
            // One normaliser for all chunks: a CR ending one chunk may pair with an LF starting the next.
            tx.bdatNormalizer = new CrlfNormalizingOutputStream(tx.bdat);
        }
        s.conn.setTimeout(s.ctx.config().dataTimeout());
        s.conn.setDeadline(s.ctx.config().dataTotalTimeout());
        long max = s.ctx.config().maxMessageSize();
        // RFC 3030 §2: the chunk is always read, even when it will be refused.
        if (tx.bdatTooBig || tx.bdat.size() + b.size() > max) {
            tx.bdatTooBig = true;
            s.conn.in().readExactly(null, b.size());
        } else {
            s.conn.in().readExactly(tx.bdatNormalizer, b.size());
            if (b.last()) {
                tx.bdatNormalizer.finish();
            }
        }
        s.conn.clearDeadline();
        s.state = SmtpState.BDAT;
        if (!b.last()) {
            s.reply(new Reply(250, "2.0.0", b.size() + " octets received"));
            return;
        }
        if (tx.bdatTooBig) {
            finish(tx.bdat.size(), new Reply(552, "5.3.4", "Message size exceeds the limit of " + max + " bytes"), null);
            return;
        }
        deliver(tx.bdat.toByteArray(), 0);
    }

    private void deliver(byte[] content, long bareLineEnds) throws IOException {
        Transaction tx = s.tx;
        String id = s.nextMessageId();
        InboundMessage m = new InboundMessage(id, s.sessionInfo(), tx.sender, tx.params, tx.recipients, content);
        if (bareLineEnds > 0) {
            m.note("bare-line-ends=" + bareLineEnds);
        }
        Outcome outcome = s.ctx.pipeline().process(m);
        TransactionLog.completed(s, tx, id, content.length, outcome.reply(), m.notes());
        s.tx = null;
        s.state = SmtpState.READY;
        s.reply(outcome.reply());
    }

    private void finish(long size, Reply reply, String id) throws IOException {
        TransactionLog.completed(s, s.tx, id == null ? "-" : id, size, reply, java.util.List.of());
        s.tx = null;
        s.state = SmtpState.READY;
        s.error(reply);
    }
}
