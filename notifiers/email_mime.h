// Email MIME: a queued Message as the bytes of an RFC 5322 / MIME message, the same bytes
// for the SMTP transport and the mail folder.
//
// Why our own builder and not libcurl's MIME API (curl_mime_*): libcurl generates a random
// boundary per transfer and owns the encoding and header order, so the same Message would
// give different bytes on each send. duban wants the bytes to be a pure function of the
// Message: the mail folder writes exactly what SMTP would send, a resend after a crash is
// byte-identical (same Message-ID, same boundary), and tests compare bytes and decode
// them with an independent parser. The format needed is small (two text parts, base64),
// so building it here costs less than working around curl_mime.
//
// What is built:
// - Date from message.created_at (never the clock), in UTC "+0000" unless an offset is
//   given; From (the configured mailbox), To (recipient_name + target), Subject, each
//   through header_encoding.h (no control character reaches a header; RFC 2047 for
//   Chinese text, the display name encoded apart from the address).
// - Message-ID from the message key (MessageIdFor), In-Reply-To and References from the
//   message thread (ThreadIdFor): every notice about one task or one agency's digest names
//   the same parent, so clients thread them; a resend carries the same Message-ID, so a
//   receiver can drop the duplicate.
// - Auto-Submitted: auto-generated (RFC 3834), so vacation responders stay quiet.
// - Body: text/plain; charset=UTF-8 alone, or multipart/alternative with a text/html part
//   when the message has HTML and options.html is on; each part base64 in 76-character
//   lines (every line of the message is short, whatever the text), line endings made
//   CRLF first. The boundary derives from the key; it starts with "=_", which base64
//   never produces, so it cannot occur in a part.
// - No header carries the key or other raw text of the store: only hashes of it.
//
// Pure functions; thread-safe.
#ifndef DUBAN_NOTIFIERS_EMAIL_MIME_H_
#define DUBAN_NOTIFIERS_EMAIL_MIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "notifiers/email_address.h"
#include "workflow/message.h"
#include "workflow/status.h"

namespace duban {

struct EmailOptions {
  bool html = true;            // [mail] html: add the text/html part when the message has one
  int utc_offset_minutes = 0;  // the Date field's zone (480 = +0800); 0 writes "+0000"
};

// "<duban." + the first 32 hex digits of SHA-256(key) + "@" + domain + ">".
std::string MessageIdFor(std::string_view key, std::string_view domain);

// "<duban.thread." + the first 32 hex digits of SHA-256(thread) + "@" + domain + ">".
std::string ThreadIdFor(std::string_view thread, std::string_view domain);

// RFC 5322 date-time: "Tue, 01 Jul 2025 08:00:00 +0000" (with the offset applied:
// "Tue, 01 Jul 2025 16:00:00 +0800").
std::string FormatEmailDate(int64_t utc_seconds, int utc_offset_minutes = 0);

// The complete message, CRLF line endings, ready for DATA or an .eml file. Deterministic:
// the same arguments give the same bytes. InvalidArgument if message.target or
// from.address is not an address ValidateAddress accepts (the message can never be sent).
Result<std::string> BuildEmail(const Message& message, const EmailAddress& from,
                               const EmailOptions& options = {});

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_EMAIL_MIME_H_
