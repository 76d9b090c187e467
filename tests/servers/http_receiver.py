#!/usr/bin/python3
"""A real HTTP(S) receiver for duban's webhook tests: records every request and answers
like a generic webhook endpoint or like a DingTalk / WeCom / Feishu robot, verifying the
signature itself (independently of duban's code).

Usage:
  http_receiver.py [--host 127.0.0.1] [--port 0] [--record FILE] [--port-file FILE]
                   [--standard | --dingtalk | --wecom | --feishu]
                   [--secret TEXT | --secret-file FILE] [--max-skew-seconds N]
                   [--status CODE] [--body TEXT] [--fail-first N]
                   [--fail-status CODE] [--retry-after VALUE]
                   [--slow-first N --slow-seconds S]
                   [--tls-cert CERT --tls-key KEY] [--verbose]

Ready protocol: once listening it prints its port (one decimal line) on stdout, flushes,
and prints nothing more there; with --port-file it also writes the port to that file
(renamed into place, so a reader never sees half a number).

Record (--record FILE): one JSON object per request, appended and flushed BEFORE the reply
is sent, so once a client has its reply the line is in the file:
  {"n": 1, "client": "127.0.0.1:51234" (one per connection: shows keep-alive),
   "method": "POST", "path": "/hook?a=1", "query": {"a": "1"},
   "headers": {"content-type": "...", ...}   (names lower-cased),
   "body": "...",            the body as UTF-8 text ("" and "body_base64" if not UTF-8)
   "utf8": true, "verified": true | false | null (null: nothing to verify),
   "status": 200, "reply": "...",
   "time": 1764000000.123}   (the receiver's clock when the request was read)

Modes (the robot modes answer HTTP 200 with the robot's JSON, as the real ones do):
  (none)      accept anything; answer --status (default 200) with --body (default "").
  --standard  Standard Webhooks: with --secret "whsec_<base64>", verify webhook-id,
              webhook-timestamp and webhook-signature ("v1,<base64>", several allowed,
              space separated); a mismatch is answered 401.
  --dingtalk  query timestamp (ms) and sign = urlencode(base64(HMAC-SHA256(secret,
              timestamp + "\\n" + secret))); mismatch: {"errcode":310000,...}; body needs
              msgtype text (text.content) or markdown (markdown.title, markdown.text):
              else {"errcode":40035,...}; ok: {"errcode":0,"errmsg":"ok"}.
  --wecom     query key must equal --secret: else {"errcode":93000,...}; text content at
              most 2048 bytes, markdown content at most 4096: else {"errcode":40058,...};
              a body that is not UTF-8: {"errcode":40033,...}; ok: {"errcode":0,...}.
  --feishu    body "timestamp" (s, string) and "sign" = base64(HMAC-SHA256(key =
              timestamp + "\\n" + secret, message = "")); mismatch: {"code":19021,...};
              msg_type text (content.text) or interactive (card) else {"code":19002,...};
              ok: {"code":0,"msg":"success","data":{}}.
  Without --secret a robot mode checks the body only. --max-skew-seconds N also refuses a
  signed timestamp further than N seconds from the receiver's clock (as the real robots
  do with one hour); off by default so tests can sign with fixed times.

Faults and replies:
  --fail-first N   answer 503 to the first N requests (before any verification).
  --fail-status CODE   the status of those failures instead of 503 (500, 429 ...).
  --retry-after VALUE  a Retry-After header (seconds or an HTTP date) on those failures.
  --slow-first N --slow-seconds S   the first N requests are recorded (as answered with
                   the normal reply) and then answered only after S seconds: a receiver
                   that took the message but answers too late for the client's timeout.
  --status CODE    the status of an accepted request (default 200).
  --body TEXT      the body of an accepted request, instead of the mode's ok reply.
  --tls-cert/--tls-key   serve HTTPS with this certificate (PEM) and key.
Stop it with SIGTERM or SIGINT.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import signal
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def hmac_b64(key: bytes, message: bytes) -> str:
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def skew_ok(options, timestamp_seconds: float) -> bool:
    if options.max_skew_seconds is None:
        return True
    return abs(time.time() - timestamp_seconds) <= options.max_skew_seconds


def verify_standard(options, headers, body: bytes):
    """(verified, status, reply) for a Standard Webhooks request."""
    if not options.secret:
        return None, None, None
    msg_id = headers.get("webhook-id", "")
    stamp = headers.get("webhook-timestamp", "")
    signatures = headers.get("webhook-signature", "")
    if not (msg_id and stamp.isdigit() and signatures):
        return False, 401, '{"error":"missing webhook headers"}'
    key = base64.b64decode(options.secret[len("whsec_"):])
    expected = hmac_b64(key, msg_id.encode() + b"." + stamp.encode() + b"." + body)
    good = any(hmac.compare_digest(part, "v1," + expected) for part in signatures.split())
    if not good or not skew_ok(options, int(stamp)):
        return False, 401, '{"error":"signature mismatch"}'
    return True, None, None


def field(value, *path):
    """value[path[0]][path[1]]... or None when any step is missing or not an object."""
    for name in path:
        if not isinstance(value, dict):
            return None
        value = value.get(name)
    return value


def json_body(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def verify_dingtalk(options, query, body: bytes):
    verified = None
    if options.secret:
        stamp = query.get("timestamp", "")
        sign = query.get("sign", "")  # parse_qs already percent-decoded it
        expected = hmac_b64(options.secret.encode(), (stamp + "\n" + options.secret).encode())
        verified = bool(stamp.isdigit() and hmac.compare_digest(sign, expected)
                        and skew_ok(options, int(stamp) / 1000))
        if not verified:
            return False, 200, json.dumps({"errcode": 310000, "errmsg": "sign not match"})
    message = json_body(body)
    kind = field(message, "msgtype")
    well_formed = (
        (kind == "text" and isinstance(field(message, "text", "content"), str)) or
        (kind == "markdown" and isinstance(field(message, "markdown", "title"), str)
         and isinstance(field(message, "markdown", "text"), str)))
    if not well_formed:
        return verified, 200, json.dumps({"errcode": 40035, "errmsg": "缺少参数 json"})
    return verified, None, json.dumps({"errcode": 0, "errmsg": "ok"})


def verify_wecom(options, query, body: bytes):
    verified = None
    if options.secret:
        verified = hmac.compare_digest(query.get("key", ""), options.secret)
        if not verified:
            return False, 200, json.dumps({"errcode": 93000, "errmsg": "invalid webhook url"})
    try:
        message = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return verified, 200, json.dumps({"errcode": 40033, "errmsg": "invalid charset"})
    except ValueError:
        return verified, 200, json.dumps({"errcode": 40035, "errmsg": "invalid json"})
    kind = field(message, "msgtype")
    limit = {"text": 2048, "markdown": 4096}.get(kind) if isinstance(kind, str) else None
    content = field(message, kind, "content") if limit else None
    if not isinstance(content, str):
        return verified, 200, json.dumps({"errcode": 40008, "errmsg": "invalid message type"})
    if len(content.encode("utf-8")) > limit:
        return verified, 200, json.dumps(
            {"errcode": 40058, "errmsg": f"{kind}.content exceed max length {limit}"})
    return verified, None, json.dumps({"errcode": 0, "errmsg": "ok"})


def verify_feishu(options, body: bytes):
    message = json_body(body)
    if not isinstance(message, dict):
        return None, 200, json.dumps({"code": 19002, "msg": "params error"})
    verified = None
    if options.secret:
        stamp = message.get("timestamp", "")
        sign = message.get("sign", "")
        good = isinstance(stamp, str) and stamp.isdigit() and isinstance(sign, str)
        if good:
            expected = hmac_b64((stamp + "\n" + options.secret).encode(), b"")
            good = hmac.compare_digest(sign, expected) and skew_ok(options, int(stamp))
        verified = good
        if not good:
            return False, 200, json.dumps({"code": 19021, "msg": "sign match fail or timestamp "
                                           "is not within one hour from current time"})
    kind = message.get("msg_type")
    well_formed = ((kind == "text" and isinstance(field(message, "content", "text"), str))
                   or (kind == "interactive" and isinstance(field(message, "card"), dict)))
    if not well_formed:
        return verified, 200, json.dumps({"code": 19002, "msg": "params error"})
    return verified, None, json.dumps({"code": 0, "msg": "success", "data": {}})


class Receiver(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, options):
        super().__init__((options.host, options.port), Handler)
        self.options = options
        self.lock = threading.Lock()
        self.count = 0
        self.tls = None
        if options.tls_cert:
            self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls.load_cert_chain(options.tls_cert, options.tls_key)

    def finish_request(self, request, client_address):
        # Runs on the connection's own thread: Nagle off (else each reply waits ~40 ms for
        # the client's delayed ACK), then the TLS handshake, which may fail (a client that
        # does not trust our certificate) without disturbing the accept loop.
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.tls is not None:
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError) as error:
                if self.options.verbose:
                    print(f"TLS handshake failed: {error}", file=sys.stderr)
                return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        if self.options.verbose:
            super().handle_error(request, client_address)

    def next_number(self) -> int:
        with self.lock:
            self.count += 1
            return self.count

    def record(self, entry):
        if not self.options.record:
            return
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self.lock, open(self.options.record, "a", encoding="utf-8") as out:
            out.write(line)
            out.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as duban's transport expects

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if self.server.options.verbose:
            super().log_message(format, *args)

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def do_PUT(self):
        self.handle_any()

    def handle_any(self):
        started = time.time()
        server = self.server
        options = server.options
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        number = server.next_number()
        headers = {name.lower(): value for name, value in self.headers.items()}
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query,
                                            keep_blank_values=True))

        verified, status, reply = None, None, None
        extra_headers = []
        if number <= options.fail_first:
            status, reply = options.fail_status, '{"error":"failing on purpose"}'
            if options.retry_after is not None:
                extra_headers.append(("Retry-After", options.retry_after))
        elif options.mode == "standard":
            verified, status, reply = verify_standard(options, headers, body)
        elif options.mode == "dingtalk":
            verified, status, reply = verify_dingtalk(options, query, body)
        elif options.mode == "wecom":
            verified, status, reply = verify_wecom(options, query, body)
        elif options.mode == "feishu":
            verified, status, reply = verify_feishu(options, body)
        if status is None:  # accepted: the configured reply, else the mode's ok reply
            status = options.status
            reply = options.body if options.body is not None else (reply or "")

        entry = {"n": number, "client": "%s:%d" % self.client_address[:2],
                 "method": self.command, "path": self.path, "query": query,
                 "headers": headers, "verified": verified, "status": status, "reply": reply,
                 "time": started}
        try:
            entry["body"], entry["utf8"] = body.decode("utf-8"), True
        except UnicodeDecodeError:
            entry["body"], entry["utf8"] = "", False
            entry["body_base64"] = base64.b64encode(body).decode()
        server.record(entry)
        if number <= options.slow_first:
            time.sleep(options.slow_seconds)

        payload = reply.encode("utf-8")
        self.send_response(status)
        for name, value in extra_headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def parse_options(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--record")
    parser.add_argument("--port-file")
    modes = parser.add_mutually_exclusive_group()
    for mode in ("standard", "dingtalk", "wecom", "feishu"):
        modes.add_argument(f"--{mode}", dest="mode", action="store_const", const=mode)
    secrets = parser.add_mutually_exclusive_group()
    secrets.add_argument("--secret")
    secrets.add_argument("--secret-file")
    parser.add_argument("--max-skew-seconds", type=float)
    parser.add_argument("--status", type=int, default=200)
    parser.add_argument("--body")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=503)
    parser.add_argument("--retry-after")
    parser.add_argument("--slow-first", type=int, default=0)
    parser.add_argument("--slow-seconds", type=float, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args(argv)
    if options.secret_file:
        with open(options.secret_file, encoding="utf-8") as source:
            options.secret = source.read().rstrip("\n")
    if bool(options.tls_cert) != bool(options.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    return options


def main(argv):
    options = parse_options(argv)
    server = Receiver(options)
    port = server.server_address[1]
    if options.port_file:
        temporary = options.port_file + ".tmp"
        with open(temporary, "w", encoding="ascii") as out:
            out.write(f"{port}\n")
        os.replace(temporary, options.port_file)
    print(port, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main(sys.argv[1:])
