#!/usr/bin/env python3
"""Regenerates the Dovecot replies SectionExtractorDovecotTest compares with: one FETCH per item
and message, so a NO for one item does not hide the others.

Run (as root, Dovecot 2.3 installed):
  python3 sections.py OUTDIR FILE...
FILE is a message, or an mbox (name ending in .mbox) split at its "From " lines. Messages are
CRLF-normalised. Each OUTDIR/<file>[.<n>].sections holds, per item, one line "== ITEM" and then
Dovecot's raw FETCH response or tagged NO/BAD line."""
import os, re, shutil, subprocess, sys, tempfile

ITEMS = ["BODY.PEEK[]", "BODY.PEEK[HEADER]", "BODY.PEEK[TEXT]",
         "BODY.PEEK[HEADER.FIELDS (From Subject)]", "BODY.PEEK[HEADER.FIELDS.NOT (From Subject)]",
         "BODY.PEEK[1]", "BODY.PEEK[1.MIME]", "BODY.PEEK[1.HEADER]", "BODY.PEEK[1.TEXT]",
         "BODY.PEEK[2]", "BODY.PEEK[2.MIME]", "BODY.PEEK[2.HEADER]", "BODY.PEEK[2.TEXT]",
         "BODY.PEEK[2.HEADER.FIELDS (Subject)]", "BODY.PEEK[2.1]", "BODY.PEEK[2.1.MIME]", "BODY.PEEK[2.2]",
         "BODY.PEEK[2.1.2]", "BODY.PEEK[3]", "BODY.PEEK[9]", "BODY.PEEK[1.1]",
         "BODY.PEEK[TEXT]<5.10>", "BODY.PEEK[]<0.20>", "BODY.PEEK[1]<100000.5>",
         "BINARY.PEEK[1]", "BINARY.PEEK[2]", "BINARY.PEEK[2.1]", "BINARY.PEEK[9]", "BINARY.PEEK[]",
         "BINARY.PEEK[1]<2.3>", "BINARY.SIZE[1]", "BINARY.SIZE[2]", "RFC822.HEADER", "RFC822.SIZE"]

FROM = re.compile(rb'^From \S+ +\w{3} \w{3} +\d+ \d\d:\d\d(:\d\d)? \d{4}')

def messages(path):
    data = open(path, 'rb').read()
    if not path.endswith('.mbox'):
        return [(os.path.relpath(path).replace('/', '__'), data)]
    out, cur = [], None
    for line in data.splitlines(keepends=True):
        if FROM.match(line):
            if cur is not None:
                out.append(cur)
            cur = b''
        elif cur is not None:
            cur += line
    if cur is not None:
        out.append(cur)
    base = os.path.relpath(path).replace('/', '__')
    return [(base + '.' + str(i + 1), m) for i, m in enumerate(out)]

def read_response(stream):
    """One response: a line and, for each literal it announces, the literal and the next line."""
    resp = b''
    while True:
        line = stream.readline()
        if not line:
            raise EOFError('imap process ended')
        resp += line
        m = re.search(rb'~?\{(\d+)\}\r\n$', line)
        if not m:
            return resp
        resp += stream.read(int(m.group(1)))

def main(outdir, files):
    msgs = [m for f in files for m in messages(f)]
    base = tempfile.mkdtemp(prefix='dvs')
    os.chmod(base, 0o755)
    maildir = os.path.join(base, 'Maildir')
    for d in ('cur', 'new', 'tmp'):
        os.makedirs(os.path.join(maildir, d))
    os.makedirs(os.path.join(base, 'run'))
    conf = os.path.join(base, 'dovecot.conf')
    with open(conf, 'w') as f:
        f.write(f"base_dir = {base}/run\nlog_path = {base}/log\nmail_location = maildir:{maildir}\n"
                "ssl = no\nprotocols = imap\nmail_uid = 65534\nmail_gid = 65534\n")
    subprocess.run(['chown', '-R', '65534:65534', maildir], check=True)
    script = bytearray()
    for i, (name, data) in enumerate(msgs):
        data = re.sub(rb'\r?\n', b'\r\n', data)
        script += b'a%d APPEND INBOX {%d+}\r\n' % (i, len(data)) + data + b'\r\n'
    env = dict(os.environ, USER='nobody', HOME=base)
    proc = subprocess.Popen(['/usr/lib/dovecot/imap', '-c', conf], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env)
    proc.stdin.write(bytes(script))

    def command(tag, text):
        proc.stdin.write(tag + b' ' + text + b'\r\n')
        proc.stdin.flush()
        untagged = b''
        while True:
            resp = read_response(proc.stdout)
            if resp.startswith(tag + b' '):
                return untagged, resp
            if resp.startswith(b'* ') and b' FETCH ' in resp[:20]:
                untagged += resp

    command(b's', b'SELECT INBOX')
    results = {}
    for n in range(len(msgs)):
        for k, item in enumerate(ITEMS):
            untagged, tagged = command(b'f', b'FETCH %d (%s)' % (n + 1, item.encode()))
            results[(n, k)] = untagged if tagged.startswith(b'f OK') else tagged
    command(b'z', b'LOGOUT')
    proc.wait(timeout=30)
    shutil.rmtree(base)
    os.makedirs(outdir, exist_ok=True)
    for n, (name, _) in enumerate(msgs):
        with open(os.path.join(outdir, name + '.sections'), 'wb') as f:
            for k, item in enumerate(ITEMS):
                f.write(b'== ' + item.encode() + b'\r\n' + results.get((n, k), b'MISSING\r\n'))

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
