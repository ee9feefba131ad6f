#!/usr/bin/env python3
"""Regenerates the Dovecot replies DovecotStructureTest compares with.

Run from ../shared/conformance/mime (as root, Dovecot 2.3 installed):
  python3 generate.py OUTDIR "BODYSTRUCTURE BODY ENVELOPE" mimekit/messages/* mime4j/testmsgs/*.msg python-email/data/msg_*.txt
then copy OUTDIR/*.fetch here and list them in index.txt.

Appends messages (CRLF-normalised) to a private Dovecot (preauth imap over stdio) and prints
the raw FETCH responses for the given FETCH items, one file per message."""
import os, re, shutil, subprocess, sys, tempfile

def run(files, items, outdir):
    base = tempfile.mkdtemp(prefix='dvg')
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
    for i, path in enumerate(files):
        data = open(path, 'rb').read()
        data = re.sub(rb'\r?\n', b'\r\n', data)
        if not data.endswith(b'\r\n'):
            data += b'\r\n'
        script += b'a%d APPEND INBOX {%d+}\r\n' % (i, len(data)) + data + b'\r\n'
    script += b's SELECT INBOX\r\nf FETCH 1:* (' + items.encode() + b')\r\nz LOGOUT\r\n'
    env = dict(os.environ, USER='nobody', HOME=base)
    out = subprocess.run(['/usr/lib/dovecot/imap', '-c', conf], input=bytes(script),
                         capture_output=True, env=env, timeout=60).stdout
    shutil.rmtree(base)
    for l in out.split(b"\r\n"):
        if re.match(rb"^[a-z0-9]+ (NO|BAD)", l) or l.startswith(b"* BAD") or l.startswith(b"* BYE"): sys.stderr.write(l.decode("latin1")+"\n")
    # split into FETCH responses (literals are counted, so CRLF inside them is safe)
    pos = 0
    responses = {}
    while pos < len(out):
        end = out.index(b'\r\n', pos)
        line = out[pos:end]
        start = pos
        pos = end + 2
        while True:
            m = re.search(rb'~?\{(\d+)\}$', line)
            if not m:
                break
            n = int(m.group(1))
            pos += n
            end = out.index(b'\r\n', pos)
            line = out[pos:end]
            pos = end + 2
        resp = out[start:pos]
        m = re.match(rb'\* (\d+) FETCH ', resp)
        if m:
            responses[int(m.group(1))] = resp
    os.makedirs(outdir, exist_ok=True)
    for i, path in enumerate(files):
        name = os.path.relpath(path).replace('/', '__')
        with open(os.path.join(outdir, name + '.fetch'), 'wb') as f:
            f.write(responses.get(i + 1, b''))

if __name__ == '__main__':
    outdir, items = sys.argv[1], sys.argv[2]
    run(sys.argv[3:], items, outdir)
