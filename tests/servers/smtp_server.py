#!/usr/bin/python3
"""A real SMTP server on loopback for duban's tests (aiosmtpd 1.4), for the C++ notifier
tests and the end-to-end tests alike.

Usage: smtp_server.py --mail-dir DIR [options]

  --host ADDR              address to listen on (default 127.0.0.1)
  --port N                 port; 0 (the default) picks a free one
  --mail-dir DIR           each accepted message is saved as DIR/NNNNNN.eml, the bytes as
                           received (dot-unstuffed, CRLF kept), with DIR/NNNNNN.json:
                           {"seq", "session", "mail_from", "rcpt_tos", "tls", "auth_user", "peer"}
  --events FILE            one JSON object per line, appended as things happen:
                           {"event": "connect", "session": N}
                           {"event": "ehlo", "session": N, "tls": bool}
                           {"event": "auth", "session": N, "user": str, "ok": bool}
                           {"event": "rcpt", "session": N, "address": str, "code": int}
                           {"event": "message", "session": N, "seq": N}
                           {"event": "idle-timeout", "session": N}  (it closes)
                           {"event": "disconnect", "session": N}
  --tls-cert PEM           certificate (chain) for TLS; with --tls-key
  --tls-key PEM            its private key
  --starttls               offer STARTTLS (needs --tls-cert/--tls-key)
  --implicit-tls           TLS from the first byte, as on port 465 (smtps://)
  --auth-user USER         offer AUTH PLAIN and LOGIN (only over TLS) and require it before
  --auth-password PASS     MAIL; only this user and password are accepted
  --reject ADDR=CODE       answer RCPT TO:<ADDR> with CODE (e.g. 550, 451); repeatable
  --fail-first N           answer 451 to the first N RCPT commands, then accept: an outage
                           that mends
  --accept-delay SECONDS   wait this long before accepting each message's DATA (a slow
                           server, so that a test can kill the client mid-batch)
  --idle-timeout SECONDS   close a session idle this long (default 300), as servers do
  --verbose                let aiosmtpd log to stderr (sessions, TLS failures, warnings)

When it listens it prints the port number, alone on a line, on stdout (flushed); the
caller reads that line before connecting. It runs until SIGTERM or SIGINT.

Sessions are numbered from 1 in order of connection, so a test can tell how many
connections a batch took (count the "connect" events, or the distinct "session" values).
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

REPLIES = {
    550: "550 5.1.1 Recipient address rejected: user unknown",
    551: "551 5.1.6 Recipient has moved",
    552: "552 5.2.2 Mailbox full",
    553: "553 5.1.3 Bad recipient address syntax",
    554: "554 5.7.1 Relay access denied",
    421: "421 4.3.2 Service shutting down",
    450: "450 4.2.1 Mailbox busy, try again later",
    451: "451 4.3.0 Temporary failure, try again later",
    452: "452 4.3.1 Insufficient system storage",
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mail-dir", required=True)
    parser.add_argument("--events")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth-user")
    parser.add_argument("--auth-password")
    parser.add_argument("--reject", action="append", default=[], metavar="ADDR=CODE")
    parser.add_argument("--fail-first", type=int, default=0, metavar="N")
    parser.add_argument("--idle-timeout", type=float, default=300, metavar="SECONDS")
    parser.add_argument("--accept-delay", type=float, default=0, metavar="SECONDS")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if (args.starttls or args.implicit_tls) and not (args.tls_cert and args.tls_key):
        parser.error("--starttls and --implicit-tls need --tls-cert and --tls-key")
    if args.starttls and args.implicit_tls:
        parser.error("--starttls and --implicit-tls exclude each other")
    if bool(args.auth_user) != bool(args.auth_password):
        parser.error("--auth-user and --auth-password go together")
    rejects = {}
    for item in args.reject:
        address, _, code = item.rpartition("=")
        if not address or not code.isdigit():
            parser.error(f"--reject {item!r}: expected ADDR=CODE")
        rejects[address.lower()] = int(code)
    args.rejects = rejects
    return args


class Recorder:
    """The handler: decides RCPT replies, saves messages, writes events."""

    def __init__(self, args):
        self.args = args
        self.seq = 0
        self.failures_left = args.fail_first
        os.makedirs(args.mail_dir, exist_ok=True)
        self.events = open(args.events, "a", encoding="utf-8") if args.events else None

    def event(self, **fields):
        if self.events:
            self.events.write(json.dumps(fields, ensure_ascii=False) + "\n")
            self.events.flush()

    def is_tls(self, server):
        return self.args.implicit_tls or server._tls_protocol is not None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.event(event="ehlo", session=server.duban_session, tls=self.is_tls(server))
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        code = self.args.rejects.get(address.lower())
        if code is None and self.failures_left > 0:
            self.failures_left -= 1
            code = 451
        self.event(event="rcpt", session=server.duban_session, address=address, code=code or 250)
        if code is not None:
            return REPLIES.get(code, f"{code} Rejected by the test server")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.accept_delay > 0:
            # A slow server: a crash test needs sends still in flight when it kills duband.
            await asyncio.sleep(self.args.accept_delay)
        self.seq += 1
        stem = os.path.join(self.args.mail_dir, f"{self.seq:06d}")
        with open(stem + ".eml.tmp", "wb") as out:
            out.write(envelope.original_content)
        os.replace(stem + ".eml.tmp", stem + ".eml")
        meta = {
            "seq": self.seq,
            "session": server.duban_session,
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": self.is_tls(server),
            "auth_user": session.auth_data if session.authenticated else None,
            "peer": list(session.peer) if session.peer else None,
        }
        with open(stem + ".json", "w", encoding="utf-8") as out:
            json.dump(meta, out, ensure_ascii=False)
        self.event(event="message", session=server.duban_session, seq=self.seq)
        return f"250 2.0.0 Ok: queued as {self.seq:06d}"

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode("utf-8", "replace") == self.args.auth_user
              and auth_data.password.decode("utf-8", "replace") == self.args.auth_password)
        user = auth_data.login.decode("utf-8", "replace") if isinstance(
            auth_data, LoginPassword) else None
        self.event(event="auth", session=server.duban_session, user=user, ok=ok)
        if ok:
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)


class RecordingSMTP(SMTP):
    """aiosmtpd's SMTP session, recording when it times out and when the connection ends
    (over TLS the two can be far apart: the close waits for the client's close_notify)."""

    def _timeout_cb(self):
        self.event_handler.event(event="idle-timeout", session=self.duban_session)
        super()._timeout_cb()

    def connection_lost(self, error):
        self.event_handler.event(event="disconnect", session=self.duban_session)
        super().connection_lost(error)


def tls_context(args):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.tls_cert, args.tls_key)
    return context


def main():
    args = parse_args()
    # aiosmtpd logs every session, each failed TLS handshake with a traceback (the tests
    # make some on purpose) and warns about its own deprecated attributes; the events file
    # is the record. --verbose shows it all.
    if not args.verbose:
        logging.getLogger("mail.log").setLevel(logging.CRITICAL)
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    recorder = Recorder(args)
    context = tls_context(args) if (args.starttls or args.implicit_tls) else None
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sessions = 0

    def make_session():
        nonlocal sessions
        sessions += 1
        kwargs = {}
        if args.auth_user:
            kwargs.update(authenticator=recorder.authenticator, auth_required=True,
                          # Implicit TLS is TLS, though aiosmtpd only knows STARTTLS.
                          auth_require_tls=not args.implicit_tls)
        smtp = RecordingSMTP(recorder, hostname="duban-test-smtp", ident="duban test SMTP",
                             tls_context=context if args.starttls else None,
                             timeout=args.idle_timeout, loop=loop, **kwargs)
        smtp.duban_session = sessions
        recorder.event(event="connect", session=sessions)
        return smtp

    # Bound here, not by aiosmtpd's Controller: port 0 gets a free port with no race
    # between choosing it and listening on it.
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(128)
    server = loop.run_until_complete(loop.create_server(
        make_session, sock=sock, ssl=context if args.implicit_tls else None))
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, loop.stop)
    print(sock.getsockname()[1], flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
