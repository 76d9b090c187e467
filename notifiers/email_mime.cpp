#include "notifiers/email_mime.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "notifiers/header_encoding.h"
#include "notifiers/mime_codec.h"

namespace duban {
namespace {

constexpr size_t kIdHexDigits = 32;

std::string HashedId(std::string_view prefix, std::string_view value, std::string_view domain) {
  return "<" + std::string(prefix) + mime::Sha256Hex(value).substr(0, kIdHexDigits) + "@" +
         std::string(domain) + ">";
}

// A boundary no base64 line can contain ("=_" is outside its alphabet), from the key so
// the bytes stay the same across resends.
std::string BoundaryFor(std::string_view key) {
  return "=_duban_" + mime::Sha256Hex("boundary|" + std::string(key)).substr(0, 24);
}

std::string Part(std::string_view content_type, std::string_view text) {
  std::string out = "Content-Type: ";
  out += content_type;
  out += "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += mime::Base64Lines(mime::CanonicalLineEndings(mime::ValidUtf8(text)));
  return out;
}

std::string Headers(const Message& message, const EmailAddress& from,
                    const EmailOptions& options) {
  const std::string_view domain = from.domain();
  std::string out = "Date: " + FormatEmailDate(message.created_at, options.utc_offset_minutes) +
                    "\r\n";
  out += MailboxField("From", from.display_name, from.address);
  out += MailboxField("To", message.recipient_name, message.target);
  out += UnstructuredField("Subject", message.subject);
  out += "Message-ID: " + MessageIdFor(message.key, domain) + "\r\n";
  if (!message.thread.empty()) {
    const std::string parent = ThreadIdFor(message.thread, domain);
    out += "In-Reply-To: " + parent + "\r\n";
    out += "References: " + parent + "\r\n";
  }
  out += "Auto-Submitted: auto-generated\r\n";
  out += "MIME-Version: 1.0\r\n";
  return out;
}

}  // namespace

std::string MessageIdFor(std::string_view key, std::string_view domain) {
  return HashedId("duban.", key, domain);
}

std::string ThreadIdFor(std::string_view thread, std::string_view domain) {
  return HashedId("duban.thread.", thread, domain);
}

std::string FormatEmailDate(int64_t utc_seconds, int utc_offset_minutes) {
  using namespace std::chrono;
  const sys_seconds local{seconds{utc_seconds + int64_t{utc_offset_minutes} * 60}};
  const sys_days day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time{local - day};
  static constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int offset = std::abs(utc_offset_minutes);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d %c%02d%02d",
                kWeekdays[weekday{day}.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()), utc_offset_minutes < 0 ? '-' : '+',
                offset / 60, offset % 60);
  return buffer;
}

Result<std::string> BuildEmail(const Message& message, const EmailAddress& from,
                               const EmailOptions& options) {
  if (Status s = ValidateAddress(from.address, "[mail] from"); !s.ok()) return s;
  if (Status s = ValidateAddress(message.target, "email target"); !s.ok()) return s;

  std::string out = Headers(message, from, options);
  if (!options.html || message.html.empty()) {
    out += Part("text/plain", message.text);
    return out;
  }
  const std::string boundary = BoundaryFor(message.key);
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + boundary + "\r\n" + Part("text/plain", message.text);
  out += "--" + boundary + "\r\n" + Part("text/html", message.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace duban
