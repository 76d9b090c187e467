// TOML literals for DescribeConfig: each function returns a value as TOML text that
// toml++ parses back to the same value ("\"省发改委\"", "[6, 7]", "0.3", "\"2026-02-15\"").
//
// Internal to config/. Pure functions; thread-safe.
#ifndef DUBAN_CONFIG_TOML_LITERALS_H_
#define DUBAN_CONFIG_TOML_LITERALS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/civil_date.h"

namespace duban::config_internal {

std::string TomlString(std::string_view text);
std::string TomlStringArray(const std::vector<std::string>& items);
std::string TomlBool(bool value);
std::string TomlInt(std::int64_t value);
std::string TomlIntArray(const std::vector<std::int64_t>& items);
// The shortest text that reads back as exactly `value`, always with a '.' or an exponent
// so that TOML reads a float ("1.0", "0.3").
std::string TomlFloat(double value);
std::string TomlDate(CivilDate date);  // "\"2026-02-15\"": dates are strings in duban's config

// A key of a [table.header]: bare when possible, else quoted ("section.\"二\"").
std::string TomlKey(std::string_view key);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_TOML_LITERALS_H_
