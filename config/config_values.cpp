#include "config/config_values.h"

#include <algorithm>
#include <cstdio>

#include "config/config_errors.h"

namespace duban::config_internal {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string Quoted(std::string_view text) { return '"' + std::string(text) + '"'; }

std::string CodePoint(unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", value);
  return buffer;
}

// RFC 5322 atext: the characters of a dot-atom besides the dots.
bool IsAtext(char c) {
  if (IsAsciiAlpha(c) || IsAsciiDigit(c)) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

std::optional<std::string> CheckLocalPart(std::string_view local) {
  if (local.empty()) return "has nothing before '@'";
  if (local.size() > 64) return "has a local part longer than 64 characters";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return "has a misplaced '.' before '@'";
  }
  for (char c : local) {
    if (c != '.' && !IsAtext(c)) return "contains '" + std::string(1, c) + "' before '@'";
  }
  return std::nullopt;
}

std::optional<std::string> CheckDomain(std::string_view domain) {
  if (domain.empty()) return "has no domain after '@'";
  if (domain.size() > 253) return "has a domain longer than 253 characters";
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    std::string_view label = domain.substr(start, end - start);
    if (label.empty()) return "has an empty label in its domain";
    if (label.size() > 63) return "has a domain label longer than 63 characters";
    if (label.front() == '-' || label.back() == '-') {
      return "has a domain label that starts or ends with '-'";
    }
    for (char c : label) {
      if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '-') {
        return "contains '" + std::string(1, c) + "' in its domain";
      }
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FindControlCharacter(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      std::string what = c == '\r'   ? "a carriage return"
                         : c == '\n' ? "a line feed"
                         : c == '\t' ? "a tab"
                                     : "a control character";
      return what + " (" + CodePoint(c) + ") at byte " + std::to_string(i);
    }
    // C1 controls are U+0080..U+009F, encoded C2 80 .. C2 9F.
    if (c == 0xC2 && i + 1 < text.size()) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) {
        return "a control character (" + CodePoint(next) + ") at byte " + std::to_string(i);
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> CheckLogLevel(std::string_view level) {
  if (std::find(kLogLevels.begin(), kLogLevels.end(), level) != kLogLevels.end()) {
    return std::nullopt;
  }
  std::string message = Quoted(level) + " is not a log level; use trace, debug, info, warn or error";
  if (auto close = ClosestMatch(level, kLogLevels)) {
    message += " (did you mean \"" + std::string(*close) + "\"?)";
  }
  return message;
}

std::optional<std::string> CheckTimeZone(std::string_view zone) {
  if (zone == "UTC") return std::nullopt;
  const std::string expected =
      " is not a time zone name; use an IANA name like \"Asia/Shanghai\", or \"UTC\"";
  std::size_t segments = 0;
  std::size_t start = 0;
  while (start <= zone.size()) {
    std::size_t end = zone.find('/', start);
    if (end == std::string_view::npos) end = zone.size();
    std::string_view segment = zone.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return Quoted(zone) + expected;
    for (char c : segment) {
      if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '_' && c != '-' && c != '+') {
        return Quoted(zone) + expected;
      }
    }
    ++segments;
    start = end + 1;
  }
  if (segments < 2 || !(zone.front() >= 'A' && zone.front() <= 'Z')) return Quoted(zone) + expected;
  return std::nullopt;
}

std::optional<std::string> CheckAddress(std::string_view address) {
  if (auto control = FindControlCharacter(address)) return "contains " + *control;
  if (address.empty()) return "is empty";
  if (address.size() > 254) return "is longer than 254 characters";
  std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) return "has no '@'";
  if (auto bad = CheckLocalPart(address.substr(0, at))) return bad;
  if (auto bad = CheckDomain(address.substr(at + 1))) return bad;
  return std::nullopt;
}

std::optional<std::string> CheckMailbox(std::string_view mailbox) {
  if (auto control = FindControlCharacter(mailbox)) return "contains " + *control;
  if (mailbox.empty()) return "is empty";
  if (mailbox.back() != '>') return CheckAddress(mailbox);
  std::size_t open = mailbox.rfind('<');
  if (open == std::string_view::npos) return "has a '>' without '<'";
  std::string_view display = mailbox.substr(0, open);
  if (display.find_first_of("<>\"") != std::string_view::npos) {
    return "has '<', '>' or '\"' in its display name";
  }
  return CheckAddress(mailbox.substr(open + 1, mailbox.size() - open - 2));
}

std::optional<std::string> CheckDisplayName(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (auto control = FindControlCharacter(name)) return "contains " + *control;
  auto blank = [](char c) { return c == ' '; };
  if (std::all_of(name.begin(), name.end(), blank)) return "must not be blank";
  // U+3000 (ideographic space) is E3 80 80.
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  if (blank(name.front()) || blank(name.back()) || name.starts_with(kIdeographicSpace) ||
      name.ends_with(kIdeographicSpace)) {
    return "has leading or trailing spaces";
  }
  return std::nullopt;
}

std::optional<std::string> CheckGroupName(std::string_view group) {
  if (group.empty()) return std::nullopt;
  if (group.size() > 32) return "is longer than 32 characters";
  if (group.front() == '-') return "must not start with '-'";
  for (char c : group) {
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '_' && c != '-' && c != '.') {
      return Quoted(group) + " is not a group name (letters, digits, '_', '-', '.')";
    }
  }
  return std::nullopt;
}

}  // namespace duban::config_internal
