#include "config/value_reader.h"

#include <charconv>
#include <climits>

#include "config/config_values.h"

namespace duban::config_internal {
namespace {

bool LooksLikeDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

// The shortest text that reads back as `value`: "0", "1.5", "0.3".
std::string NumberText(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

}  // namespace

SourcePos PositionOf(const toml::source_region& region) {
  return SourcePos{static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

std::optional<std::string> ValueReader::String() {
  if (const auto* value = node_.as_string()) return value->get();
  Error("expected a string, got " + std::string(TypeName(node_)));
  return std::nullopt;
}

std::optional<std::string> ValueReader::String(std::optional<std::string> (*check)(std::string_view)) {
  auto text = String();
  if (!text) return std::nullopt;
  if (auto problem = check(*text)) {
    Error(std::move(*problem));
    return std::nullopt;
  }
  return text;
}

std::optional<std::int64_t> ValueReader::Integer(std::int64_t min, std::int64_t max) {
  const auto* value = node_.as_integer();
  if (value == nullptr) {
    Error("expected an integer, got " + std::string(TypeName(node_)));
    return std::nullopt;
  }
  const std::int64_t n = value->get();
  if (n >= min && n <= max) return n;
  if (max == INT_MAX) {
    Error(n < min ? "must be at least " + std::to_string(min) + ", got " + std::to_string(n)
                  : "must be at most " + std::to_string(max) + ", got " + std::to_string(n));
  } else {
    Error("must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
          std::to_string(n));
  }
  return std::nullopt;
}

std::optional<double> ValueReader::Number(double min, double max) {
  double n = 0;
  if (const auto* value = node_.as_floating_point()) {
    n = value->get();
  } else if (const auto* integer = node_.as_integer()) {
    n = static_cast<double>(integer->get());
  } else {
    Error("expected a number, got " + std::string(TypeName(node_)));
    return std::nullopt;
  }
  // Written so that NaN fails too.
  if (n >= min && n <= max) return n;
  Error("must be between " + NumberText(min) + " and " + NumberText(max) + ", got " + NumberText(n));
  return std::nullopt;
}

std::optional<bool> ValueReader::Boolean() {
  if (const auto* value = node_.as_boolean()) return value->get();
  Error("expected a boolean (true or false), got " + std::string(TypeName(node_)));
  return std::nullopt;
}

std::optional<std::filesystem::path> ValueReader::Path(bool allow_empty) {
  auto text = String();
  if (!text) return std::nullopt;
  if (text->empty()) {
    if (allow_empty) return std::filesystem::path();
    Error("must not be empty");
    return std::nullopt;
  }
  if (auto control = FindControlCharacter(*text)) {
    Error("path contains " + *control);
    return std::nullopt;
  }
  std::filesystem::path path(*text);
  if (path.is_relative()) path = context_.config_dir / path;
  path = path.lexically_normal();
  // "/var/lib/duban/" and "/var/lib/duban" are one directory; keep the short form.
  if (!path.has_filename() && path.has_parent_path() && path != path.root_path()) {
    path = path.parent_path();
  }
  return path;
}

std::optional<CivilDate> ValueReader::Date() {
  if (const auto* value = node_.as_date()) {
    const toml::date& d = value->get();
    const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{d.month},
                                          std::chrono::day{d.day}};
    if (ymd.ok() && d.year >= 1900 && d.year <= 9999) return CivilDate{ymd};
    Error("date out of range (years 1900..9999)");
    return std::nullopt;
  }
  if (node_.is_date_time() || node_.is_time()) {
    Error("expected a date (\"YYYY-MM-DD\"), got " + std::string(TypeName(node_)));
    return std::nullopt;
  }
  if (!node_.is_string()) {
    Error("expected a date (\"YYYY-MM-DD\"), got " + std::string(TypeName(node_)));
    return std::nullopt;
  }
  const std::string& text = node_.as_string()->get();
  if (auto date = ParseCivilDate(text)) return date;
  if (LooksLikeDate(text)) {
    const int year = std::stoi(text.substr(0, 4));
    Error("\"" + text + "\"" + (year < 1900 ? " is out of range (years 1900..9999)" : " is not a real day"));
  } else {
    Error("\"" + text + "\" is not a date; write YYYY-MM-DD, e.g. \"2026-02-15\"");
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> ValueReader::StringArray(
    std::optional<std::string> (*check)(std::string_view)) {
  const auto* array = node_.as_array();
  if (array == nullptr) {
    Error("expected an array of strings, got " + std::string(TypeName(node_)));
    return std::nullopt;
  }
  std::vector<std::string> items;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    ValueReader item(element, IndexField(field_, i), sink_, context_);
    auto text = item.String();
    if (!text) continue;
    if (auto problem = check(*text)) {
      item.Error(std::move(*problem));
      continue;
    }
    items.push_back(std::move(*text));
  }
  return items;
}

std::optional<std::vector<std::int64_t>> ValueReader::IntegerArray(std::int64_t min, std::int64_t max,
                                                                   std::vector<Located>* where) {
  const auto* array = node_.as_array();
  if (array == nullptr) {
    Error("expected an array of integers, got " + std::string(TypeName(node_)));
    return std::nullopt;
  }
  std::vector<std::int64_t> items;
  for (std::size_t i = 0; i < array->size(); ++i) {
    ValueReader item(*array->get(i), IndexField(field_, i), sink_, context_);
    auto value = item.Integer(min, max);
    if (!value) continue;
    items.push_back(*value);
    if (where != nullptr) where->push_back(item.where());
  }
  return items;
}

const toml::table* ValueReader::Table(std::string_view label) {
  if (const auto* table = node_.as_table()) return table;
  Error("expected a table (" + std::string(label) + "), got " + std::string(TypeName(node_)));
  return nullptr;
}

const toml::array* ValueReader::ArrayOfTables(std::string_view label) {
  const auto* array = node_.as_array();
  if (array == nullptr) {
    Error("expected an array of tables (" + std::string(label) + "), got " +
          std::string(TypeName(node_)));
    return nullptr;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    if (element.is_table()) continue;
    sink_.Add(PositionOf(element.source()), IndexField(field_, i),
              "expected a table, got " + std::string(TypeName(element)));
  }
  return array;
}

std::string ValueReader::UnknownName(std::string_view name, std::string_view what,
                                     const std::vector<std::string_view>& names) {
  std::string message = "\"" + std::string(name) + "\" is not a " + std::string(what) + "; use ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) message += i + 1 == names.size() ? " or " : ", ";
    message += names[i];
  }
  if (auto close = ClosestMatch(name, names)) message += " (did you mean \"" + std::string(*close) + "\"?)";
  return message;
}

}  // namespace duban::config_internal
