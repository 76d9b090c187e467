// The schema of duban's TOML configuration: which tables exist, which keys each accepts,
// how each value is read and checked into Config, and how it is written back as TOML.
//
// Adding a table ([smtp], [[webhook]] ...) means adding its fields to Config, a FieldSpec
// table for them and one SectionSpec line in Sections() (config_schema.cpp); unknown-key
// errors, "did you mean" suggestions and DescribeConfig then cover it.
//
// Internal to config/ (and its tests). The tables are immutable; thread-safe.
#ifndef DUBAN_CONFIG_CONFIG_SCHEMA_H_
#define DUBAN_CONFIG_CONFIG_SCHEMA_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/config.h"
#include "config/config_errors.h"

namespace duban::config_internal {

// What a load knows besides the TOML: where relative paths start, where zones live.
struct LoadContext {
  std::filesystem::path config_dir;    // absolute
  std::filesystem::path zoneinfo_dir;  // "" skips the time zone existence check
};

SourcePos PositionOf(const toml::source_region& region);

// "a string", "an integer", "a table" ...: for "expected X, got Y" messages.
std::string_view TypeName(const toml::node& node);

// Reads one TOML value for the field `field`, reporting every problem to the sink at the
// value's position. Each getter returns nullopt after reporting an error.
class ValueReader {
 public:
  ValueReader(const toml::node& node, std::string field, ErrorSink& sink, const LoadContext& context)
      : node_(node), field_(std::move(field)), sink_(sink), context_(context) {}

  std::optional<std::string> String();
  std::optional<std::int64_t> Integer(std::int64_t min, std::int64_t max);
  std::optional<bool> Boolean();
  // A string naming a file or directory, resolved against the config's directory and
  // normalised ("a/../b/" -> "<dir>/b"). "" is an error unless `allow_empty` (then "").
  std::optional<std::filesystem::path> Path(bool allow_empty = false);
  // An array whose elements are strings; each element is passed to `check` (nullopt =
  // fine) and reported as field[i] at its own position when it fails. Returns the
  // elements that passed.
  std::optional<std::vector<std::string>> StringArray(
      std::optional<std::string> (*check)(std::string_view));

  void Error(std::string message) { sink_.Add(PositionOf(node_.source()), field_, std::move(message)); }

  const toml::node& node() const { return node_; }
  const std::string& field() const { return field_; }
  const LoadContext& context() const { return context_; }

 private:
  const toml::node& node_;
  std::string field_;
  ErrorSink& sink_;
  const LoadContext& context_;
};

// One key of a table whose values land in a T (Config for [daemon] ..., AgencyInfo for
// each [[agency]]).
template <typename T>
struct FieldSpec {
  std::string_view key;
  void (*read)(ValueReader& in, T& out);
  std::string (*describe)(const T& value);  // the value as a TOML literal
  bool required = false;
  bool secret = false;  // DescribeConfig prints "(redacted)"
};

// A top-level table: [name], or [[name]] when `array_of_tables`.
struct SectionSpec {
  std::string_view name;
  bool array_of_tables = false;
  std::vector<std::string_view> keys;
  // Reads one table (one element of an array of tables) into `config`; `field` is the
  // path of that table ("daemon", "agency[2]").
  void (*read)(const toml::table& table, const std::string& field, ErrorSink& sink,
               const LoadContext& context, Config& config);
  // Appends the section as TOML text (headers included) to `out`; `name` is this
  // section's name.
  void (*describe)(std::string_view name, const Config& config, std::string& out);
};

// Every known top-level table, in the order DescribeConfig writes them.
const std::vector<SectionSpec>& Sections();

// Reads the keys of `table` into `out` by `fields`: unknown keys are errors (with a
// suggestion of the closest known key, or the table a key belongs in), missing required
// keys are errors at the table's position.
template <typename T>
void ReadFields(const toml::table& table, std::span<const FieldSpec<T>> fields,
                std::string_view section_label, const std::string& field, ErrorSink& sink,
                const LoadContext& context, T& out);

// Appends "key = value\n" for each field; secret fields print "(redacted)".
template <typename T>
void DescribeFields(std::span<const FieldSpec<T>> fields, const T& value, std::string& out);

// Message for an unknown key found `where` ("in [daemon]", "at the top level"), suggesting
// a close key of `known_keys`, or else the table that does accept the key.
std::string UnknownKeyMessage(std::string_view key, std::string_view where,
                              std::span<const std::string_view> known_keys);

// "[name]", or "[[name]]" for an array of tables.
std::string SectionLabel(std::string_view name, bool array_of_tables);

// TOML literals.
std::string TomlString(std::string_view text);
std::string TomlStringArray(const std::vector<std::string>& items);

// --- template definitions ---

template <typename T>
void ReadFields(const toml::table& table, std::span<const FieldSpec<T>> fields,
                std::string_view section_label, const std::string& field, ErrorSink& sink,
                const LoadContext& context, T& out) {
  std::vector<std::string_view> keys;
  for (const auto& spec : fields) keys.push_back(spec.key);
  for (auto&& [key, node] : table) {
    const FieldSpec<T>* spec = nullptr;
    for (const auto& candidate : fields) {
      if (candidate.key == key.str()) spec = &candidate;
    }
    if (spec == nullptr) {
      sink.Add(PositionOf(key.source()), JoinField(field, key.str()),
               UnknownKeyMessage(key.str(), "in " + std::string(section_label), keys));
      continue;
    }
    ValueReader reader(node, JoinField(field, key.str()), sink, context);
    spec->read(reader, out);
  }
  for (const auto& spec : fields) {
    if (spec.required && !table.contains(spec.key)) {
      sink.Add(PositionOf(table.source()), JoinField(field, spec.key),
               "missing required key \"" + std::string(spec.key) + "\" in " +
                   std::string(section_label));
    }
  }
}

template <typename T>
void DescribeFields(std::span<const FieldSpec<T>> fields, const T& value, std::string& out) {
  for (const auto& spec : fields) {
    out += spec.key;
    out += " = ";
    out += spec.secret ? TomlString("(redacted)") : spec.describe(value);
    out += '\n';
  }
}

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_CONFIG_SCHEMA_H_
