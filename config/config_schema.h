// The schema of duban's TOML configuration: which tables exist, which keys each accepts,
// how each value is read and checked into Config, and how it is written back as TOML.
//
// Adding a table means adding its fields to Config, a FieldSpec table for them and one
// SectionSpec line in Sections() (config_schema.cpp); unknown-key errors, "did you mean"
// suggestions and DescribeConfig then cover it. A section with sub-tables, secrets or
// checks across its values gets its own file (calendar_schema, deadlines_schema,
// rules_schema, mail_schema, webhook_schema, delivery_schema, templates_schema): its
// FieldSpecs read into a draft that remembers where each value was, the checks run on
// the draft, and SectionSpec::nested lists the sub-tables' keys for "belongs in
// [[rules.reminder]]" hints.
//
// Internal to config/ (and its tests). The tables are immutable; thread-safe.
#ifndef DUBAN_CONFIG_CONFIG_SCHEMA_H_
#define DUBAN_CONFIG_CONFIG_SCHEMA_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/config.h"
#include "config/config_errors.h"
#include "config/toml_literals.h"
#include "config/value_reader.h"

namespace duban::config_internal {

// One key of a table whose values land in a T (Config for [daemon] ..., AgencyInfo for
// each [[agency]], a HolidayRange for each [[calendar.holiday]] ...).
template <typename T>
struct FieldSpec {
  std::string_view key;
  void (*read)(ValueReader& in, T& out);
  std::string (*describe)(const T& value);  // the value as a TOML literal
  bool required = false;
  bool secret = false;  // DescribeConfig prints "(redacted)"
};

// The keys of a table nested in a top-level table ([rules.light], [[rules.reminder]]), so
// that an unknown key can name the table it belongs in.
struct NestedTableKeys {
  std::string_view name;  // dotted: "rules.light"
  bool array_of_tables = false;
  std::vector<std::string_view> keys;
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
  std::vector<NestedTableKeys> nested = {};
};

// Every known top-level table, in the order DescribeConfig writes them.
const std::vector<SectionSpec>& Sections();

// The keys of `fields`, for SectionSpec::keys and NestedTableKeys::keys.
template <typename T>
std::vector<std::string_view> KeysOf(std::span<const FieldSpec<T>> fields) {
  std::vector<std::string_view> keys;
  for (const auto& spec : fields) keys.push_back(spec.key);
  return keys;
}

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
