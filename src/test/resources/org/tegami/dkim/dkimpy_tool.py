# Debian's dkimpy (python3-dkim) driven offline: keys come from a dict, never from DNS.
# stdin JSON:
#   {"mode": "verify", "message": b64, "dns": {"sel._domainkey.dom.": "v=DKIM1; ..."}}
#       -> one line per DKIM-Signature (topmost first): "True" or "False"
#   {"mode": "sign", "message": b64, "selector": s, "domain": d, "key": pem-or-seed,
#    "alg": "rsa-sha256"|"ed25519-sha256", "canon": "relaxed/simple", "length": false}
#       -> base64 of the DKIM-Signature field dkimpy produced (to prepend)
import base64, json, sys
import dkim

req = json.load(sys.stdin)
msg = base64.b64decode(req["message"])
if req["mode"] == "verify":
    dns = {k.lower().rstrip('.') + '.': v.encode() for k, v in req["dns"].items()}
    def dnsfunc(name, timeout=5):
        n = name.decode() if isinstance(name, bytes) else name
        return dns.get(n.lower().rstrip('.') + '.')
    d = dkim.DKIM(msg, minkey=1024)
    count = sum(1 for line in msg.split(b"\n") if line.lower().startswith(b"dkim-signature:"))
    for i in range(count):
        try:
            print(d.verify(idx=i, dnsfunc=dnsfunc))
        except Exception as e:
            print("False")
else:
    hc, bc = req.get("canon", "relaxed/relaxed").split("/")
    sig = dkim.sign(msg, req["selector"].encode(), req["domain"].encode(), req["key"].encode(),
                    canonicalize=(hc.encode(), bc.encode()),
                    signature_algorithm=req["alg"].encode(), length=req.get("length", False),
                    include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    print(base64.b64encode(sig).decode())
