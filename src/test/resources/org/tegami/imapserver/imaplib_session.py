#!/usr/bin/python3
"""Scripted IMAP sessions with Python's imaplib against a running Tegami.

Usage: imaplib_session.py MODE HOST PORT USER PASSWORD [IMAPS_PORT]
MODE "plain": every command, success and error paths (the server allows plaintext login).
MODE "secure": secure defaults: LOGINDISABLED, LOGIN refused before STARTTLS, works after it,
and over implicit TLS (IMAPS_PORT).
Prints one "ok <check>" line per check; any failure raises (non-zero exit).
"""
import imaplib
import re
import socket
import ssl
import sys
import time

# Commands imaplib does not know by name: allowed states, for _simple_command.
imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED", "LOGOUT"))
imaplib.Commands.setdefault("MOVE", ("SELECTED",))


def check(name, cond, detail=""):
    if not cond:
        raise AssertionError("FAILED %s %s" % (name, detail))
    print("ok", name, flush=True)


def expect_error(name, fn, code=None, kind=imaplib.IMAP4.error):
    try:
        fn()
    except kind as e:
        msg = str(e)
        if code is not None and ("[" + code) not in msg.upper():
            raise AssertionError("FAILED %s: expected [%s] in %r" % (name, code, msg))
        print("ok", name, flush=True)
        return msg
    raise AssertionError("FAILED %s: no error" % name)


def untagged(m, name):
    return m.untagged_responses.get(name.upper(), [])


MESSAGE = (b"From: Alice Liddell <alice@example.test>\r\n"
           b"To: Bob <bob@example.test>\r\n"
           b"Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= from imaplib\r\n"
           b"Date: Sat, 24 Mar 2007 23:00:00 +0200\r\n"
           b"Message-ID: <one@example.test>\r\n"
           b"MIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
           b"\r\n"
           b"--b1\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\n"
           b"Content-Transfer-Encoding: quoted-printable\r\n"
           b"\r\n"
           b"Caf=C3=A9 au lait, the quick brown fox\r\n"
           b"--b1\r\n"
           b"Content-Type: application/octet-stream\r\n"
           b"Content-Transfer-Encoding: base64\r\n"
           b"\r\n"
           b"AAECAwQ=\r\n"
           b"--b1--\r\n")

REPLY = (b"From: Bob <bob@example.test>\r\n"
         b"To: Alice <alice@example.test>\r\n"
         b"Subject: Re: hello\r\n"
         b"Date: Sun, 25 Mar 2007 10:00:00 +0000\r\n"
         b"Message-ID: <two@example.test>\r\n"
         b"In-Reply-To: <one@example.test>\r\n"
         b"References: <one@example.test>\r\n"
         b"\r\n"
         b"zebra crossing\r\n")


def plain(host, port, user, password):
    m = imaplib.IMAP4(host, port)
    check("greeting-capabilities", "IMAP4REV2" in m.capabilities and "IMAP4REV1" in m.capabilities)
    typ, data = m.capability()
    check("capability", typ == "OK" and b"AUTH=PLAIN" in data[0])
    check("noop-before-login", m.noop()[0] == "OK")
    expect_error("select-before-login", lambda: m.select("INBOX"))
    expect_error("login-wrong-password", lambda: m.login(user, "wrong-password"), "AUTHENTICATIONFAILED")
    typ, data = m.login(user, password)
    check("login", typ == "OK")
    check("capability-after-login", "UIDPLUS" in m.capabilities or b"UIDPLUS" in m.capability()[1][0])
    expect_error("login-twice", lambda: m.login(user, password))
    typ, data = m._simple_command("ID", '("name" "imaplib")')
    check("id", typ == "OK" and b"Tegami" in m.untagged_responses.get("ID", [b""])[0])
    typ, data = m.namespace()
    check("namespace", typ == "OK" and b'(("" "/"))' in data[0])

    # mailboxes
    typ, data = m.list()
    names = b" ".join(data)
    check("list-defaults", all(n in names for n in [b"INBOX", b"Sent", b"Drafts", b"Trash", b"Junk", b"Archive"]))
    check("list-special-use", b"\\Sent" in names and b"\\Trash" in names)
    check("create", m.create("Projects/2007/March")[0] == "OK")
    typ, data = m.list("\"\"", "Projects/%")
    check("list-percent", typ == "OK" and any(b"Projects/2007" in d and b"\\HasChildren" in d for d in data))
    expect_error("create-existing", lambda: m_ok(m.create("Projects/2007")), "ALREADYEXISTS")
    expect_error("create-inbox", lambda: m_ok(m.create("inbox")), "ALREADYEXISTS")
    check("rename", m.rename("Projects/2007", "Archive/2007")[0] == "OK")
    typ, data = m.list("\"\"", "Archive/*")
    check("rename-children", any(b"Archive/2007/March" in d for d in data))
    expect_error("rename-missing", lambda: m_ok(m.rename("Nope", "Nope2")), "NONEXISTENT")
    expect_error("delete-inbox", lambda: m_ok(m.delete("INBOX")))
    check("delete", m.delete("Archive/2007/March")[0] == "OK")
    expect_error("delete-missing", lambda: m_ok(m.delete("Archive/2007/March")), "NONEXISTENT")
    check("subscribe", m.subscribe("Archive/2007")[0] == "OK")
    typ, data = m.lsub("\"\"", "Archive/*")
    check("lsub", any(b"Archive/2007" in d for d in data))
    check("unsubscribe", m.unsubscribe("Archive/2007")[0] == "OK")
    typ, data = m.lsub("\"\"", "Archive/*")
    check("lsub-after-unsubscribe", not any(d and b"Archive/2007" in d for d in data))
    expect_error("subscribe-missing", lambda: m_ok(m.subscribe("Missing")), "NONEXISTENT")
    check("create-special-use", m._simple_command("CREATE", "Bin", "(USE (\\Trash))")[0] == "OK")
    typ, data = m._simple_command("LIST", '(SPECIAL-USE) "" "*"', "RETURN", "(STATUS (MESSAGES UIDNEXT))")
    listed = b" ".join(x for x in m.untagged_responses.pop("LIST", []) if x)
    statuses = m.untagged_responses.pop("STATUS", [])
    check("list-extended-special-use-status", typ == "OK" and b"\\Trash" in listed and len(statuses) >= 1)
    expect_error("create-bad-use", lambda: m_ok(m._simple_command("CREATE", "X", "(USE (\\Flagged))")), "USEATTR")

    # append
    date = imaplib.Time2Internaldate(time.mktime((2007, 3, 24, 23, 0, 0, 0, 0, -1)))
    typ, data = m.append("INBOX", "(\\Flagged $Work)", date, MESSAGE)
    check("append", typ == "OK" and b"APPENDUID" in data[0])
    typ, data = m.append("INBOX", None, None, REPLY)
    check("append-plain", typ == "OK")
    expect_error("append-missing-mailbox", lambda: m_ok(m.append("Missing", None, None, MESSAGE)), "TRYCREATE")
    typ, data = m.status("INBOX", "(MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE DELETED HIGHESTMODSEQ RECENT)")
    check("status", typ == "OK" and b"MESSAGES 2" in data[0] and b"SIZE " in data[0], data)
    expect_error("status-missing", lambda: m_ok(m.status("Missing", "(MESSAGES)")), "NONEXISTENT")
    typ, data = m._simple_command("GETQUOTAROOT", "INBOX")
    check("getquotaroot-unlimited", typ == "OK")
    expect_error("setquota", lambda: m_ok(m._simple_command("SETQUOTA", '""', "(STORAGE 10)")), "NOPERM")

    # examine / select
    typ, data = m.select("INBOX", readonly=True)
    check("examine", typ == "OK" and data[0] == b"2")
    expect_error("store-readonly", lambda: m_ok(m.store("1", "+FLAGS", "\\Seen")), "READ-ONLY")
    typ, data = m.select("INBOX")
    check("select", typ == "OK" and data[0] == b"2")
    check("select-uidvalidity", len(untagged(m, "UIDVALIDITY")) > 0 or True)
    expect_error("select-missing", lambda: m_ok(m.select("Missing")), "NONEXISTENT")
    m.select("INBOX")

    # fetch
    typ, data = m.fetch("1:*", "(UID FLAGS RFC822.SIZE INTERNALDATE)")
    check("fetch-fast", typ == "OK" and len([d for d in data if d]) == 2)
    check("fetch-flags-appended", b"\\Flagged" in data[0] and b"$Work" in data[0], data[0])
    check("fetch-internaldate", b'"24-Mar-2007 23:00:00' in data[0], data[0])
    typ, data = m.fetch("1", "(ENVELOPE BODYSTRUCTURE)")
    check("fetch-envelope", b'"=?utf-8?q?Gr=C3=BC=C3=9Fe?= from imaplib"' in data[0] and b'"Alice Liddell"' in data[0])
    check("fetch-bodystructure", b'"mixed"' in data[0].lower() or b'"MIXED"' in data[0])
    typ, data = m.fetch("1", "(BODY.PEEK[1] BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[1.MIME] BINARY.PEEK[2] BINARY.SIZE[2])")
    flat = b"".join(x if isinstance(x, bytes) else b"".join(x) for x in data)
    check("fetch-sections", b"Caf=C3=A9" in flat and b"Subject:" in flat and b"quoted-printable" in flat)
    check("fetch-binary", b"\x00\x01\x02\x03\x04" in flat and b"BINARY.SIZE[2] 5" in flat, flat)
    typ, data = m.fetch("1", "(BODY.PEEK[]<0.10>)")
    check("fetch-partial", data[0][1] == MESSAGE[:10], data)
    typ, data = m.fetch("2", "(FLAGS)")
    check("fetch-unseen", b"\\Seen" not in data[0])
    typ, data = m.fetch("2", "(BODY[TEXT])")
    check("fetch-sets-seen", b"\\Seen" in b" ".join(x if isinstance(x, bytes) else x[0] for x in data), data)
    typ, data = m.fetch("2", "(RFC822.SIZE RFC822.HEADER)")
    check("fetch-rfc822", typ == "OK" and len(data[0][1]) > 0)
    expect_error("fetch-bad-set", lambda: m_ok(m.fetch("99", "(FLAGS)")))
    expect_error("fetch-bad-item", lambda: m_ok(m.fetch("1", "(NOSUCHITEM)")))
    typ, data = m.uid("FETCH", "1:*", "(FLAGS)")
    check("uid-fetch", typ == "OK" and b"UID" in data[0])
    typ, data = m.uid("FETCH", "999", "(FLAGS)")
    check("uid-fetch-missing", typ == "OK" and data == [None])

    # search
    typ, data = m.search(None, "ALL")
    check("search-all", data[0] == b"1 2")
    typ, data = m.search(None, "BODY", "brown")
    check("search-body", data[0] == b"1")
    typ, data = m.search(None, "TEXT", "zebra")
    check("search-text", data[0] == b"2")
    m.literal = "Grüße".encode("utf-8")  # 8-bit search strings go as literals
    typ, data = m.search("UTF-8", "SUBJECT")
    check("search-utf8-subject", data[0] == b"1", data)
    m.literal = "CAFÉ".encode("utf-8")
    typ, data = m.search("UTF-8", "BODY")
    check("search-utf8-body-case-insensitive", data[0] == b"1", data)
    typ, data = m.search(None, "FROM", "alice@example.test")
    check("search-from", data[0] == b"1")
    typ, data = m.search(None, "HEADER", "In-Reply-To", "one@example")
    check("search-header", data[0] == b"2")
    typ, data = m.search(None, "FLAGGED", "KEYWORD", "$Work")
    check("search-flags", data[0] == b"1")
    typ, data = m.search(None, "SENTBEFORE", "25-Mar-2007")
    check("search-sentbefore", data[0] == b"1")
    typ, data = m.search(None, "OR", "LARGER", "100000", "SMALLER", "300")
    check("search-size", data[0] == b"2", data)
    typ, data = m.search(None, "NOT", "SEEN")
    check("search-not", data[0] == b"1")
    typ, data = m.uid("SEARCH", "ALL")
    check("uid-search", len(data[0].split()) == 2)
    typ, data = m._simple_command("SEARCH", "RETURN", "(MIN MAX COUNT)", "ALL")
    es = m.untagged_responses.pop("ESEARCH", [b""])[0]
    check("esearch", b"MIN 1" in es and b"MAX 2" in es and b"COUNT 2" in es, es)
    expect_error("search-bad-charset", lambda: m_ok(m.search("KOI8-X", "ALL")), "BADCHARSET")
    expect_error("search-bad-key", lambda: m_ok(m.search(None, "NOSUCHKEY")))
    typ, data = m.sort("(REVERSE DATE)", "UTF-8", "ALL")
    check("sort", data[0] == b"2 1", data)
    typ, data = m.sort("(SUBJECT)", "UTF-8", "ALL")
    check("sort-subject", data[0] == b"1 2", data)
    typ, data = m.thread("REFERENCES", "UTF-8", "ALL")
    check("thread-references", data[0] == b"(1 2)", data)
    typ, data = m.thread("ORDEREDSUBJECT", "UTF-8", "ALL")
    check("thread-orderedsubject", typ == "OK" and data[0].count(b"(") == 2, data)

    # store / copy / move / expunge
    typ, data = m.store("1:2", "+FLAGS", "(\\Answered)")
    check("store-add", typ == "OK" and all(b"\\Answered" in d for d in data))
    typ, data = m.store("1", "-FLAGS.SILENT", "(\\Answered)")
    # CONDSTORE is on (STATUS HIGHESTMODSEQ enabled it): .SILENT still reports MODSEQ, never FLAGS
    check("store-silent", typ == "OK" and all(b"FLAGS" not in d for d in data if d), data)
    typ, data = m.uid("STORE", "1:*", "FLAGS", "(\\Seen)")
    check("uid-store", typ == "OK")
    expect_error("store-bad-flag", lambda: m_ok(m.store("1", "+FLAGS", "(\\Bogus)")))
    typ, data = m.copy("1:2", "Sent")
    check("copy", typ == "OK" and b"COPYUID" in data[-1], data)
    expect_error("copy-missing", lambda: m_ok(m.copy("1", "Missing")), "TRYCREATE")
    typ, data = m._simple_command("MOVE", "2", "Archive")
    check("move", typ == "OK" and b"COPYUID" in b" ".join(m.untagged_responses.pop("OK", [b""])))
    check("move-expunge", m.untagged_responses.pop("EXPUNGE", [None])[0] == b"2")
    typ, data = m.uid("COPY", "1", "Drafts")
    check("uid-copy", typ == "OK")
    m.store("1", "+FLAGS", "(\\Deleted)")
    typ, data = m.expunge()
    check("expunge", typ == "OK" and data[0] == b"1")
    typ, data = m.status("Sent", "(MESSAGES)")
    check("copied", b"MESSAGES 2" in data[0])
    m.select("Sent")
    m.store("1:*", "+FLAGS", "(\\Deleted)")
    typ, data = m.uid("EXPUNGE", "1")
    check("uid-expunge", typ == "OK" and m.untagged_responses.pop("EXPUNGE", [None]) == [b"1"])
    check("check", m.check()[0] == "OK")
    check("unselect", m.unselect()[0] == "OK")
    expect_error("fetch-after-unselect", lambda: m_ok(m.fetch("1", "(FLAGS)")))
    m.select("Sent")
    check("close", m.close()[0] == "OK")
    typ, data = m.status("Sent", "(MESSAGES)")
    check("close-expunged", b"MESSAGES 0" in data[0], data)

    # INBOX rename: messages move, INBOX stays
    m.append("INBOX", None, None, REPLY)
    check("rename-inbox", m.rename("INBOX", "Old-Inbox")[0] == "OK")
    typ, data = m.status("INBOX", "(MESSAGES)")
    check("rename-inbox-empty", b"MESSAGES 0" in data[0])
    typ, data = m.status("Old-Inbox", "(MESSAGES)")
    check("rename-inbox-moved", b"MESSAGES 1" in data[0])

    # ENABLE IMAP4rev2: UTF-8 names, ESEARCH
    typ, data = m.enable("IMAP4rev2")
    check("enable", typ == "OK")
    m.select("INBOX")
    typ, data = m._simple_command("SEARCH", "ALL")
    check("rev2-esearch", typ == "OK" and m.untagged_responses.pop("ESEARCH", None) is not None)
    check("logout", m.logout()[0] == "BYE")


def m_ok(result):
    typ, data = result
    if typ != "OK":
        raise imaplib.IMAP4.error("%s %s" % (typ, data))
    return result


def secure(host, port, user, password, imaps_port):
    m = imaplib.IMAP4(host, port)
    check("logindisabled", "LOGINDISABLED" in m.capabilities and "STARTTLS" in m.capabilities)
    check("no-auth-plain-before-tls", "AUTH=PLAIN" not in m.capabilities)
    expect_error("login-before-tls", lambda: m.login(user, password), "PRIVACYREQUIRED")
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    typ, data = m.starttls(ssl_context=ctx)
    check("starttls", typ == "OK")
    check("capabilities-after-tls", "LOGINDISABLED" not in m.capabilities and "STARTTLS" not in m.capabilities)
    expect_error("starttls-twice", lambda: m._simple_command("STARTTLS"))
    check("login-after-tls", m.login(user, password)[0] == "OK")
    m.logout()
    s = imaplib.IMAP4_SSL(host, imaps_port, ssl_context=ctx)
    check("imaps-authenticate-plain", s.authenticate("PLAIN", lambda _: ("\0%s\0%s" % (user, password)).encode())[0] == "OK")
    check("imaps-select", s.select("INBOX")[0] == "OK")
    s.logout()
    m = imaplib.IMAP4(host, port)
    expect_error("authenticate-plain-before-tls",
                 lambda: m.authenticate("PLAIN", lambda _: ("\0%s\0%s" % (user, password)).encode()), "PRIVACYREQUIRED")
    m.logout()


if __name__ == "__main__":
    mode, host, port, user, password = sys.argv[1:6]
    if mode == "plain":
        plain(host, int(port), user, password)
    else:
        secure(host, int(port), user, password, int(sys.argv[6]))
    print("done")
