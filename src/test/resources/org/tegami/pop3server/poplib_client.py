"""Scripted sessions with Python's poplib (a real third-party client) against Tegami.

Usage: poplib_client.py SCENARIO HOST POP3_PORT POP3S_PORT USER PASSWORD CERT_FILE
Each scenario asserts what it sees and prints "PASSED <scenario>" at the end; any failed
assertion exits non-zero with the traceback, which the Java test shows.
"""
import base64
import poplib
import ssl
import sys

scenario, host, port, sport, user, password, cert = sys.argv[1:8]
port, sport = int(port), int(sport)


def expect_err(call, fragment):
    try:
        resp = call()
    except poplib.error_proto as e:
        text = e.args[0]
        assert text.startswith(b'-ERR'), text
        assert fragment in text, (fragment, text)
        return text
    raise AssertionError('expected -ERR containing %r, got %r' % (fragment, resp))


def tls_context():
    ctx = ssl.create_default_context(cafile=cert)  # trusts exactly the server's self-signed cert
    ctx.check_hostname = False  # it names mx.example.test; we connect to 127.0.0.1
    return ctx


def transaction():
    p = poplib.POP3(host, port, timeout=30)
    assert p.getwelcome().startswith(b'+OK'), p.getwelcome()
    caps = p.capa()
    for c in ('TOP', 'UIDL', 'USER', 'RESP-CODES', 'PIPELINING', 'SASL', 'IMPLEMENTATION'):
        assert c in caps, caps
    assert p.user(user).startswith(b'+OK')
    assert p.pass_(password).startswith(b'+OK')
    count, size = p.stat()
    assert count == 3, count
    resp, listing, _ = p.list()
    assert len(listing) == 3 and sum(int(l.split()[1]) for l in listing) == size, (listing, size)
    assert p.list(2).startswith(b'+OK 2 ')
    resp, uids, _ = p.uidl()
    assert len(set(u.split()[1] for u in uids)) == 3, uids
    assert p.uidl(3).split()[2] == uids[2].split()[1]
    resp, lines, octets = p.retr(1)
    assert b'Subject: message 1' in lines and lines[-1] == b'Second line.', lines
    resp, lines, _ = p.top(2, 0)
    assert lines[-1] == b'' and b'Subject: message 2' in lines and b'Second line.' not in lines, lines
    resp, lines, _ = p.top(2, 1)
    assert lines[-1] == b'Body of message 2.', lines
    assert p.dele(1).startswith(b'+OK')
    expect_err(lambda: p.retr(1), b'already deleted')
    expect_err(lambda: p.dele(1), b'already deleted')
    expect_err(lambda: p.top(1, 0), b'already deleted')
    assert p.stat()[0] == 2
    assert p.rset().startswith(b'+OK')
    assert p.stat()[0] == 3
    assert p.retr(1)[0].startswith(b'+OK')
    assert p.dele(3).startswith(b'+OK')
    assert p.noop().startswith(b'+OK')
    expect_err(lambda: p.retr(4), b'No such message')
    expect_err(lambda: p.list(0), b'No such message')
    expect_err(lambda: p._shortcmd('RETR x'), b'Invalid message number')
    expect_err(lambda: p._shortcmd('TOP 1'), b'TOP needs')
    expect_err(lambda: p._shortcmd('XYZZY'), b'Unknown command')
    expect_err(lambda: p._shortcmd('USER again'), b'Already logged in')
    expect_err(lambda: p._shortcmd('STLS'), b'only valid before login')
    expect_err(lambda: p._shortcmd('NOOP ' + 'x' * 300), b'too long')
    assert p.noop().startswith(b'+OK')  # the session survived every error
    resp = p.quit()
    assert b'1 deleted' in resp, resp


def authorization():
    p = poplib.POP3(host, port, timeout=30)
    expect_err(lambda: p.stat(), b'Not logged in')
    expect_err(lambda: p.pass_(password), b'PASS must follow a successful USER')
    expect_err(lambda: p._shortcmd('APOP %s c4c9334bac560ecc979e58001b3e22fb' % user), b'APOP is not available')
    p.user(user)
    expect_err(lambda: p.pass_('wrong password'), b'[AUTH] Authentication failed')
    expect_err(lambda: p._shortcmd('AUTH CRAM-MD5'), b'Unsupported authentication mechanism')
    token = base64.b64encode(b'\0' + user.encode() + b'\0' + password.encode()).decode()
    assert p._shortcmd('AUTH PLAIN ' + token).startswith(b'+OK Logged in')
    assert p.stat()[0] == 1
    # a second poplib session on the same maildrop
    q = poplib.POP3(host, port, timeout=30)
    q.user(user)
    expect_err(lambda: q.pass_(password), b'[IN-USE]')
    q.quit()
    p.quit()


def too_many_errors():
    p = poplib.POP3(host, port, timeout=30)
    for i in range(5):  # the server is configured with max_errors = 5
        expect_err(lambda: p._shortcmd('BOGUS%d' % i), b'Unknown command')
    # the closing line follows the fifth error, then the server hangs up
    expect_err(lambda: p.noop(), b'Too many errors, closing connection')
    try:
        p.noop()
        raise AssertionError('connection still open')
    except (poplib.error_proto, OSError) as e:
        pass


def stls():
    p = poplib.POP3(host, port, timeout=30)
    caps = p.capa()
    assert 'STLS' in caps and 'USER' not in caps and 'SASL' not in caps, caps
    expect_err(lambda: p.user(user), b'[AUTH] Plaintext authentication is disallowed')
    p.stls(tls_context())
    caps = p.capa()
    for c in ('UIDL', 'TOP', 'RESP-CODES', 'PIPELINING', 'SASL', 'USER'):
        assert c in caps, caps
    assert 'STLS' not in caps
    p.user(user)
    p.pass_(password)
    assert p.retr(1)[0].startswith(b'+OK')
    p.quit()


def pop3s():
    p = poplib.POP3_SSL(host, sport, timeout=30, context=tls_context())
    caps = p.capa()
    assert 'USER' in caps and 'STLS' not in caps, caps
    p.user(user)
    p.pass_(password)
    count, _ = p.stat()
    assert count == 1, count
    resp, lines, _ = p.retr(1)
    assert b'Subject: message 1' in lines
    p.quit()


{'transaction': transaction, 'authorization': authorization, 'too_many_errors': too_many_errors,
 'stls': stls, 'pop3s': pop3s}[scenario]()
print('PASSED ' + scenario)
