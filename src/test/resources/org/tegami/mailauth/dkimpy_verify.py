# Debian's dkimpy (python3-dkim) checking Tegami's signatures offline, against the records
# `tegami dns records` printed. Usage: dkimpy_verify.py MESSAGE_FILE ZONE_LINES_FILE
# Prints "verify True|False" (dkim.verify: the first signature), then "signature N True|False"
# for every DKIM-Signature field, topmost first.
import re, sys
import dkim

msg = open(sys.argv[1], 'rb').read()
records = {}
for line in open(sys.argv[2]):
    m = re.match(r'(\S+)\s+\d+\s+IN\s+TXT\s+(.*)$', line.strip())
    if m:
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))
        records[m.group(1).lower().rstrip('.')] = ''.join(strings).encode()

def dnsfunc(name, timeout=5):
    n = name.decode() if isinstance(name, bytes) else name
    return records.get(n.lower().rstrip('.'))

print("verify", dkim.verify(msg, dnsfunc=dnsfunc))
count = sum(1 for l in msg.split(b"\n") if l.lower().startswith(b"dkim-signature:"))
for i in range(count):
    try:
        ok = dkim.DKIM(msg).verify(idx=i, dnsfunc=dnsfunc)
    except dkim.DKIMException as e:  # e.g. "body hash mismatch"
        ok = False
    print("signature", i, ok)
