#!/usr/bin/env python3
"""Bounded soak test: SMTP ingest, IMAP sessions and POP3 sessions against one Tegami at once.

Usage: scripts/soak.py --smtp PORT --imap PORT --pop3 PORT --user U --password P --minutes N --pid PID

Every worker records the latency of each operation and every error. Every 30 s the server's heap
after a full GC is sampled with jcmd (GC.heap_info after GC.run). Prints per protocol: operations,
errors, p50/p99 latency, and the heap samples; exits non-zero on any error or on heap growth.
"""
import argparse, imaplib, poplib, smtplib, subprocess, sys, threading, time, re, os

p = argparse.ArgumentParser()
p.add_argument('--smtp', type=int, required=True)
p.add_argument('--imap', type=int, required=True)
p.add_argument('--pop3', type=int, required=True)
p.add_argument('--user', required=True)
p.add_argument('--password', required=True)
p.add_argument('--pop-user', required=True, help='account the POP3 workers drain (SMTP delivers to both)')
p.add_argument('--minutes', type=float, default=10)
p.add_argument('--pid', type=int, required=True)
p.add_argument('--jcmd', default='jcmd')
p.add_argument('--rate', type=float, default=40, help='SMTP messages per second, all workers together')
p.add_argument('--keep', type=int, default=300, help='IMAP workers expunge all but the newest KEEP messages')
a = p.parse_args()

deadline = time.time() + a.minutes * 60
lat = {'smtp': [], 'imap': [], 'pop3': []}
errors = {'smtp': [], 'imap': [], 'pop3': []}
lock = threading.Lock()

def record(proto, t0, err=None):
    with lock:
        if err is None:
            lat[proto].append(time.time() - t0)
        else:
            errors[proto].append(repr(err)[:200])

BODY = 'Subject: soak\r\nFrom: load@remote.test\r\n\r\n' + ('soak test line of text\r\n' * 200)

def smtp_worker():
    # Paced (a.rate messages/s over all SMTP workers) so the mailbox the IMAP/POP3 workers trim
    # stays bounded: a growing mailbox would look like a memory leak.
    gap = 4.0 / a.rate
    while time.time() < deadline:
        t0 = time.time()
        try:
            with smtplib.SMTP('127.0.0.1', a.smtp, timeout=60) as s:
                for _ in range(5):
                    t1 = time.time()
                    s.sendmail('load@remote.test', [a.user, a.pop_user], BODY)
                    record('smtp', t1)
                    time.sleep(max(0.0, gap - (time.time() - t1)))
        except Exception as e:
            record('smtp', t0, e)

def imap_worker(trim=False):
    while time.time() < deadline:
        t0 = time.time()
        try:
            m = imaplib.IMAP4('127.0.0.1', a.imap, timeout=60)
            m.login(a.user, a.password)
            m.select('INBOX')
            typ, data = m.search(None, 'ALL')
            ids = data[0].split()
            if ids:
                m.fetch(ids[-1], '(FLAGS RFC822.SIZE BODY.PEEK[HEADER])')
                m.store(ids[-1], '+FLAGS', '\\Seen')
                m.search(None, 'BODY', 'soak')
            if trim and len(ids) > a.keep:
                m.store('1:' + ids[-a.keep - 1].decode(), '+FLAGS.SILENT', '\\Deleted')
                m.expunge()
            m.noop()
            m.logout()
            record('imap', t0)
        except Exception as e:
            record('imap', t0, e)

def pop3_worker():
    while time.time() < deadline:
        t0 = time.time()
        try:
            m = poplib.POP3('127.0.0.1', a.pop3, timeout=60)
            m.user(a.pop_user)
            m.pass_(a.password)
            count, size = m.stat()
            m.uidl()
            if count:
                m.retr(count)
            for n in range(1, count - a.keep + 1):  # like fetchmail: delete what was fetched
                m.dele(n)
            m.quit()
            record('pop3', t0)
        except poplib.error_proto as e:
            if b'IN-USE' in str(e).encode():
                record('pop3', t0)  # another POP3 worker holds the maildrop: expected
            else:
                record('pop3', t0, e)
        except Exception as e:
            record('pop3', t0, e)
        time.sleep(0.05)

def heap_mb():
    subprocess.run([a.jcmd, str(a.pid), 'GC.run'], capture_output=True)
    out = subprocess.run([a.jcmd, str(a.pid), 'GC.heap_info'], capture_output=True, text=True).stdout
    m = re.search(r'used (\d+)K', out)
    return int(m.group(1)) / 1024 if m else -1

threads = [threading.Thread(target=f) for f in [smtp_worker] * 4 + [imap_worker] * 3 + [pop3_worker]]
threads.append(threading.Thread(target=imap_worker, args=(True,)))
for t in threads:
    t.start()
heap = []
while time.time() + 30 < deadline:  # samples under load only
    time.sleep(30)
    heap.append(round(heap_mb(), 1))
for t in threads:
    t.join()

def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * q))] * 1000 if v else 0

ok = True
for proto in ('smtp', 'imap', 'pop3'):
    print(f"{proto}: ops={len(lat[proto])} errors={len(errors[proto])} p50={pct(lat[proto], .5):.1f}ms p99={pct(lat[proto], .99):.1f}ms")
    for e in errors[proto][:5]:
        print('   ', e)
    ok = ok and not errors[proto] and lat[proto]
print('heap after GC (MB) every 30 s:', heap)
if len(heap) >= 4:
    first = sum(heap[:3]) / 3
    last = sum(heap[-3:]) / 3
    growth = (last - first) / first if first > 0 else 0
    print(f'heap growth first->last: {growth*100:.1f}%')
    ok = ok and growth < 0.25
sys.exit(0 if ok else 1)
