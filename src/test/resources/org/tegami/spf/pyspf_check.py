# Runs Debian's pyspf (python3-spf) against a zone served from a dict: no real DNS is queried.
# stdin: {"zone": {name: {"TXT": [..], "A": [..], "AAAA": [..], "MX": [[pref, host]], "PTR": [..]}},
#         "cases": [[ip, mailfrom, helo], ...]}
# stdout: one line per case: "<result>"
import json, socket, sys
import spf

data = json.load(sys.stdin)
zone = {k.lower().rstrip('.'): v for k, v in data["zone"].items()}

def lookup(name, qtype, strict=True, timeout=None, level=0):
    name = name.lower().rstrip('.')
    recs = zone.get(name)
    if recs is None:
        return []
    out = []
    for v in recs.get(qtype, []):
        if qtype == 'TXT':
            v = (v.encode('utf-8'),)
        elif qtype == 'AAAA':
            v = socket.inet_pton(socket.AF_INET6, v)
        elif qtype == 'MX':
            v = (v[0], v[1])
        out.append(((name, qtype), v))
    return out

spf.DNSLookup = lookup
for ip, mailfrom, helo in data["cases"]:
    res, expl = spf.check2(i=ip, s=mailfrom, h=helo)
    print(res)
