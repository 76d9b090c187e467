#include "notifiers/email_address.h"

#include <cstdio>

#include "workflow/text_normalize.h"

namespace duban {
namespace {

constexpr size_t kMaxAddress = 254;  // RFC 5321 path limit less the angle brackets
constexpr size_t kMaxLocalPart = 64;
constexpr size_t kMaxLabel = 63;

// `text` for an error message: control and non-ASCII bytes as \xNN, so the message itself
// can never carry what it complains about into a log line or a reply.
std::string Shown(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || c == '"' || c == '\\') {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

Status Invalid(std::string_view field, std::string_view text, std::string_view why) {
  return Status::InvalidArgument(std::string(field) + ": " + Shown(text) + " " +
                                 std::string(why));
}

bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsDotAtom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.') {
      if (text[i + 1] == '.') return false;
    } else if (!IsAtext(text[i])) {
      return false;
    }
  }
  return true;
}

bool IsHostName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  size_t start = 0;
  while (start <= host.size()) {
    size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    std::string_view label = host.substr(start, end - start);
    if (label.empty() || label.size() > kMaxLabel || label.front() == '-' ||
        label.back() == '-') {
      return false;
    }
    for (char c : label) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    start = end + 1;
  }
  return true;
}

// "[192.0.2.1]" or "[IPv6:2001:db8::1]": only the characters such literals use.
bool IsAddressLiteral(std::string_view host) {
  if (host.size() < 3 || host.front() != '[' || host.back() != ']') return false;
  std::string_view inner = host.substr(1, host.size() - 2);
  if (StartsWith(inner, "IPv6:")) inner.remove_prefix(5);
  if (inner.empty()) return false;
  for (char c : inner) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                    c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

// A character no display name may hold: C0 controls (CR, LF, TAB ...), DEL, C1 controls and
// the Unicode line and paragraph separators.
bool IsControl(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

Status ValidateDisplayName(std::string_view name, std::string_view field) {
  if (FindInvalidUtf8(name) != std::string_view::npos) {
    return Invalid(field, name, "has a display name that is not valid UTF-8");
  }
  for (size_t pos = 0; pos < name.size();) {
    size_t length = 0;
    if (IsControl(DecodeUtf8(name, pos, &length))) {
      return Invalid(field, name, "has a control character (CR, LF, TAB ...) in its display name");
    }
    pos += length;
  }
  return Status::OK();
}

std::string_view TrimAscii(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `name` without its surrounding double quotes, \" and \\ unescaped; unchanged if unquoted.
Result<std::string> Unquote(std::string_view name, std::string_view field,
                            std::string_view whole) {
  if (name.size() < 2 || name.front() != '"' || name.back() != '"') {
    if (name.find('"') != std::string_view::npos) {
      return Invalid(field, whole, "has an unbalanced '\"' in its display name");
    }
    return std::string(name);
  }
  std::string out;
  for (size_t i = 1; i + 1 < name.size(); ++i) {
    if (name[i] == '\\' && i + 2 < name.size()) {
      out += name[++i];
    } else if (name[i] == '"') {
      return Invalid(field, whole, "has an unescaped '\"' inside its quoted display name");
    } else {
      out += name[i];
    }
  }
  return out;
}

}  // namespace

std::string_view EmailAddress::domain() const {
  const size_t at = address.rfind('@');
  return at == std::string::npos ? std::string_view() : std::string_view(address).substr(at + 1);
}

Status ValidateAddress(std::string_view address, std::string_view field) {
  if (address.empty()) return Status::InvalidArgument(std::string(field) + ": no address");
  if (address.size() > kMaxAddress) return Invalid(field, address, "is longer than 254 bytes");
  for (char c : address) {
    auto byte = static_cast<unsigned char>(c);
    if (byte == ' ') return Invalid(field, address, "has a space");
    if (byte < 0x20 || byte == 0x7F) return Invalid(field, address, "has a control character");
    if (byte > 0x7F) {
      return Invalid(field, address,
                     "has a non-ASCII character (internationalised addresses are not supported)");
    }
  }
  const size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return Invalid(field, address, "is not of the form local@domain");
  }
  std::string_view local = address.substr(0, at);
  std::string_view host = address.substr(at + 1);
  if (local.size() > kMaxLocalPart) return Invalid(field, address, "has a local part over 64 bytes");
  if (!IsDotAtom(local)) {
    return Invalid(field, address, "has a local part with characters an address may not hold");
  }
  if (!IsHostName(host) && !IsAddressLiteral(host)) {
    return Invalid(field, address, "has no valid domain after '@'");
  }
  return Status::OK();
}

Result<EmailAddress> ParseEmailAddress(std::string_view text, std::string_view field) {
  std::string_view whole = TrimAscii(text);
  if (whole.empty()) return Status::InvalidArgument(std::string(field) + ": no address");
  EmailAddress result;
  if (whole.back() == '>') {
    const size_t open = whole.rfind('<');
    if (open == std::string_view::npos) return Invalid(field, whole, "has a '>' with no '<'");
    Result<std::string> name = Unquote(TrimAscii(whole.substr(0, open)), field, whole);
    if (!name.ok()) return name.status();
    result.display_name = std::move(name).value();
    result.address = std::string(whole.substr(open + 1, whole.size() - open - 2));
  } else {
    result.address = std::string(whole);
  }
  if (Status s = ValidateAddress(result.address, field); !s.ok()) return s;
  if (Status s = ValidateDisplayName(result.display_name, field); !s.ok()) return s;
  return result;
}

}  // namespace duban
