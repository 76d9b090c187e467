// ValueReader: reads one TOML value of the config into a C++ value for one field,
// reporting every problem to the load's ErrorSink at the value's own position
// ("duban.toml:12:9: calendar.holiday[2].from: \"2026-02-30\" is not a real day").
// Plus the helpers for nested tables and arrays of tables, so that [calendar], [deadlines]
// and [rules] read their sub-tables with the same messages as the top-level tables.
//
// Internal to config/. Not thread-safe (it writes to the sink); one reader per value.
#ifndef DUBAN_CONFIG_VALUE_READER_H_
#define DUBAN_CONFIG_VALUE_READER_H_

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/config_errors.h"
#include "workflow/civil_date.h"

namespace duban {
class SecretSource;  // config/secret_reader.h
}  // namespace duban

namespace duban::config_internal {

// What a load knows besides the TOML: where relative paths start, and where secrets
// (<key>_file, <key>_env) are read from.
struct LoadContext {
  std::filesystem::path config_dir;  // absolute
  const SecretSource* secrets = nullptr;  // never null during a load (the loader sets it)
};

SourcePos PositionOf(const toml::source_region& region);

// "a string", "an integer", "a table" ...: for "expected X, got Y" messages.
std::string_view TypeName(const toml::node& node);

// Where a value was read from: for checks across values that report after reading.
struct Located {
  SourcePos pos;
  std::string field;  // "calendar.weekend[1]"
};

// Reads one TOML value for the field `field`. Each getter returns nullopt after reporting
// an error.
class ValueReader {
 public:
  ValueReader(const toml::node& node, std::string field, ErrorSink& sink, const LoadContext& context)
      : node_(node), field_(std::move(field)), sink_(sink), context_(context) {}

  std::optional<std::string> String();
  // A string that passes `check` (nullopt = fine; else the whole message).
  std::optional<std::string> String(std::optional<std::string> (*check)(std::string_view));
  std::optional<std::int64_t> Integer(std::int64_t min, std::int64_t max);
  // A float or an integer in [min, max].
  std::optional<double> Number(double min, double max);
  std::optional<bool> Boolean();
  // A string naming a file or directory, resolved against the config's directory and
  // normalised ("a/../b/" -> "<dir>/b"). "" is an error unless `allow_empty` (then "").
  std::optional<std::filesystem::path> Path(bool allow_empty = false);
  // A day: a string "YYYY-MM-DD" or a TOML local date (2026-02-15).
  std::optional<CivilDate> Date();
  // An array whose elements are strings; each element is passed to `check` (nullopt =
  // fine) and reported as field[i] at its own position when it fails. Returns the
  // elements that passed.
  std::optional<std::vector<std::string>> StringArray(
      std::optional<std::string> (*check)(std::string_view));
  // An array of integers in [min, max], each reported at its own position; returns the
  // elements that passed, and appends where each was to `where` when given.
  std::optional<std::vector<std::int64_t>> IntegerArray(std::int64_t min, std::int64_t max,
                                                        std::vector<Located>* where = nullptr);
  // A table; `label` names it in the message ("[rules.light]").
  const toml::table* Table(std::string_view label);
  // An array of tables; `label` names it in the message ("[[rules.reminder]]"). Elements
  // that are not tables are reported (callers skip them); nullptr if not an array.
  const toml::array* ArrayOfTables(std::string_view label);

  // An array of names, each parsed by `parse` ("lead", "牵头" ...); unknown names (with a
  // suggestion among `names`) and repeats are errors at the element. May be empty.
  // `what` is the singular noun of the message ("role": "\"leed\" is not a role; use
  // lead, participant or responsible (did you mean \"lead\"?)").
  template <typename E>
  std::optional<std::vector<E>> NameList(std::optional<E> (*parse)(std::string_view),
                                         std::string_view what,
                                         const std::vector<std::string_view>& names);

  void Error(std::string message) { sink_.Add(pos(), field_, std::move(message)); }

  SourcePos pos() const { return PositionOf(node_.source()); }
  Located where() const { return Located{pos(), field_}; }
  const toml::node& node() const { return node_; }
  const std::string& field() const { return field_; }
  ErrorSink& sink() const { return sink_; }
  const LoadContext& context() const { return context_; }

 private:
  // "\"x\" is not a role; use a, b or c (did you mean \"b\"?)".
  static std::string UnknownName(std::string_view name, std::string_view what,
                                 const std::vector<std::string_view>& names);

  const toml::node& node_;
  std::string field_;
  ErrorSink& sink_;
  const LoadContext& context_;
};

template <typename V, typename D>
void Assign(std::optional<V> value, D& destination) {
  if (value) destination = static_cast<D>(std::move(*value));
}

// --- template definitions ---

template <typename E>
std::optional<std::vector<E>> ValueReader::NameList(std::optional<E> (*parse)(std::string_view),
                                                    std::string_view what,
                                                    const std::vector<std::string_view>& names) {
  auto items = StringArray([](std::string_view) -> std::optional<std::string> { return std::nullopt; });
  if (!items) return std::nullopt;
  const auto* array = node_.as_array();
  std::vector<E> values;
  bool ok = items->size() == array->size();
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* text = array->get(i)->as_string();
    if (text == nullptr) continue;
    ValueReader item(*array->get(i), IndexField(field_, i), sink_, context_);
    std::optional<E> value = parse(text->get());
    if (!value) {
      item.Error(UnknownName(text->get(), what, names));
      ok = false;
    } else if (std::find(values.begin(), values.end(), *value) != values.end()) {
      item.Error(std::string(what) + " \"" + text->get() + "\" is listed twice");
      ok = false;
    } else {
      values.push_back(*value);
    }
  }
  if (!ok) return std::nullopt;
  return values;
}

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_VALUE_READER_H_
