#!/usr/bin/python3
"""Decodes an email file with Python's email package (policy.default, the strict modern
parser) and prints what a mail client would show, as one JSON object: the independent
check of duban's MIME builder in the notifier tests.

Usage: decode_email.py FILE.eml

Output keys: subject, from_name, from_addr, to_name, to_addr, to_count, from_name_2047,
to_name_2047, date, date_epoch, message_id, in_reply_to, references, auto_submitted,
content_type, text, html (null if none), header_names (in order), defects (every defect
the parser noted, as strings), max_line (longest line in bytes, CRLF excluded), bare_lf
(true if a LF or CR is not part of a CRLF pair). Text and HTML come back with "\\n" line
endings.

from_name_2047, to_name_2047: the display name decoded by the legacy RFC 2047 decoder
(email.header.decode_header). Python 3.11's modern address parser keeps the blank between
two adjacent encoded-words of a display name (RFC 2047 6.2 says to drop it), so a name
long enough to need two words comes back from it with a stray space; the legacy decoder
follows the RFC.
"""

import email
import email.header
import email.policy
import email.utils
import json
import sys


def mailbox(msg, name):
    header = msg[name]
    if header is None:
        return None, None, 0
    addresses = header.addresses
    if not addresses:
        return None, None, 0
    return addresses[0].display_name, addresses[0].addr_spec, len(addresses)


def rfc2047_name(raw, name):
    """The display name of header `name`, decoded by the legacy RFC 2047 decoder."""
    legacy = email.message_from_bytes(raw, policy=email.policy.compat32)
    if legacy[name] is None:
        return None
    pairs = email.utils.getaddresses([legacy[name]])
    if not pairs:
        return None
    return str(email.header.make_header(email.header.decode_header(pairs[0][0])))


def text_of(msg, subtype):
    part = msg.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_subtype() != subtype:
        return None
    return part.get_content().replace("\r\n", "\n")


def defects_of(msg):
    found = [repr(d) for d in msg.defects]
    for name, value in msg.items():
        found += [f"{name}: {d!r}" for d in getattr(value, "defects", ())]
    if msg.is_multipart():
        for part in msg.iter_parts():
            found += defects_of(part)
    return found


def main():
    raw = open(sys.argv[1], "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    from_name, from_addr, _ = mailbox(msg, "From")
    to_name, to_addr, to_count = mailbox(msg, "To")
    date = msg["Date"]
    lines = raw.split(b"\r\n")
    result = {
        "subject": str(msg["Subject"]) if msg["Subject"] is not None else None,
        "from_name": from_name,
        "from_addr": from_addr,
        "to_name": to_name,
        "to_addr": to_addr,
        "to_count": to_count,
        "from_name_2047": rfc2047_name(raw, "From"),
        "to_name_2047": rfc2047_name(raw, "To"),
        "date": str(date) if date is not None else None,
        "date_epoch": int(date.datetime.timestamp()) if date is not None else None,
        "message_id": str(msg["Message-ID"]) if msg["Message-ID"] else None,
        "in_reply_to": str(msg["In-Reply-To"]) if msg["In-Reply-To"] else None,
        "references": str(msg["References"]) if msg["References"] else None,
        "auto_submitted": str(msg["Auto-Submitted"]) if msg["Auto-Submitted"] else None,
        "content_type": msg.get_content_type(),
        "text": text_of(msg, "plain"),
        "html": text_of(msg, "html"),
        "header_names": [name for name, _ in msg.items()],
        "defects": defects_of(msg),
        "max_line": max(len(line) for line in lines),
        "bare_lf": any(b"\n" in line or b"\r" in line for line in lines),
    }
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
