#include "config/toml_literals.h"

#include <charconv>
#include <cstdio>

#include "config/config_errors.h"

namespace duban::config_internal {

std::string TomlString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (u < 0x20 || u == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(u));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string TomlStringArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += TomlString(items[i]);
  }
  out += ']';
  return out;
}

std::string TomlBool(bool value) { return value ? "true" : "false"; }

std::string TomlInt(std::int64_t value) { return std::to_string(value); }

std::string TomlIntArray(const std::vector<std::int64_t>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += TomlInt(items[i]);
  }
  out += ']';
  return out;
}

std::string TomlFloat(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, ec == std::errc() ? end : buffer);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";  // "n": nan, inf
  return text;
}

std::string TomlDate(CivilDate date) { return TomlString(FormatCivilDate(date)); }

std::string TomlKey(std::string_view key) {
  std::string joined = JoinField("", key);
  if (joined.size() >= 2 && joined.front() == '"') return TomlString(key);
  return joined;
}

}  // namespace duban::config_internal
