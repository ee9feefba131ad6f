#!/usr/bin/env python3
"""Submits one message with Python's smtplib and prints what happened, one line per step:
   EHLO <auth mechanisms or ->, AUTH <code> <text>, SEND ok | SEND <code> <text>.
Mechanisms: PLAIN, LOGIN, CRAM-MD5 (smtplib's own), SCRAM-SHA-256 (implemented here, RFC 5802/7677),
so the server is checked against an implementation that is not its own."""
import argparse, base64, hashlib, hmac, os, smtplib, ssl, sys

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--mode", choices=["starttls", "ssl", "plain"], default="starttls")
p.add_argument("--user"); p.add_argument("--password", action="append", default=[])
p.add_argument("--mech", default="PLAIN")
p.add_argument("--mail-from", dest="mail_from"); p.add_argument("--to", action="append", default=[])
a = p.parse_args()
msg = sys.stdin.read().replace("\r\n", "\n").replace("\n", "\r\n")

ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.minimum_version = ssl.TLSVersion.TLSv1_2

def scram(user, password):
    nonce = base64.b64encode(os.urandom(18)).decode()
    first_bare = "n=%s,r=%s" % (user.replace("=", "=3D").replace(",", "=2C"), nonce)
    state = {"step": 0}
    def step(challenge=None):
        if challenge is None:
            return "n,," + first_bare
        state["step"] += 1
        c = challenge.decode()
        if state["step"] == 1:
            attrs = dict(kv.split("=", 1) for kv in c.split(","))
            assert attrs["r"].startswith(nonce)
            salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(attrs["s"]), int(attrs["i"]))
            client_key = hmac.new(salted, b"Client Key", "sha256").digest()
            stored = hashlib.sha256(client_key).digest()
            without_proof = "c=biws,r=" + attrs["r"]
            auth_msg = ",".join([first_bare, c, without_proof]).encode()
            sig = hmac.new(stored, auth_msg, "sha256").digest()
            proof = bytes(x ^ y for x, y in zip(client_key, sig))
            server_key = hmac.new(salted, b"Server Key", "sha256").digest()
            state["expect"] = base64.b64encode(hmac.new(server_key, auth_msg, "sha256").digest()).decode()
            return without_proof + ",p=" + base64.b64encode(proof).decode()
        if c != "v=" + state["expect"]:
            print("SCRAM server signature mismatch"); sys.exit(3)
        print("SCRAM server verified")
        return ""
    return step

try:
    if a.mode == "ssl":
        s = smtplib.SMTP_SSL("127.0.0.1", a.port, context=ctx, timeout=30)
    else:
        s = smtplib.SMTP("127.0.0.1", a.port, timeout=30)
    s.ehlo("client.test")
    if a.mode == "starttls":
        s.starttls(context=ctx)
        s.ehlo("client.test")
    print("EHLO", s.esmtp_features.get("auth", "-").strip() or "-")
    for pw in a.password:
        s.user, s.password = a.user, pw
        try:
            if a.mech == "SCRAM-SHA-256":
                code, text = s.auth("SCRAM-SHA-256", scram(a.user, pw), initial_response_ok=True)
            else:
                obj = {"PLAIN": s.auth_plain, "LOGIN": s.auth_login, "CRAM-MD5": s.auth_cram_md5}[a.mech]
                code, text = s.auth(a.mech, obj, initial_response_ok=(a.mech != "LOGIN"))
            print("AUTH", code, text.decode(errors="replace"))
        except smtplib.SMTPAuthenticationError as e:
            print("AUTH", e.smtp_code, e.smtp_error.decode(errors="replace"))
        except smtplib.SMTPNotSupportedError as e:
            print("AUTH notsupported", e)
        except smtplib.SMTPResponseException as e:
            print("AUTH", e.smtp_code, e.smtp_error.decode(errors="replace"))
    if a.to:
        try:
            refused = s.sendmail(a.mail_from, a.to, msg.encode())
            print("SEND ok", refused)
        except smtplib.SMTPRecipientsRefused as e:
            code, text = list(e.recipients.values())[0]
            print("SEND", code, text.decode(errors="replace"))
        except smtplib.SMTPResponseException as e:
            print("SEND", e.smtp_code, e.smtp_error.decode(errors="replace"))
    try:
        s.quit()
    except Exception:
        pass
except Exception as e:
    print("ERROR", type(e).__name__, e)
    sys.exit(2)
