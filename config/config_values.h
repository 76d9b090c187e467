// Checks of single configuration values: log levels, time zone names, e-mail addresses,
// agency names, group names. Pure functions of the value; each returns std::nullopt when
// the value is acceptable, else a message for a ConfigError ("must be one of ...").
//
// Internal to config/. Thread-safe (no state).
#ifndef DUBAN_CONFIG_CONFIG_VALUES_H_
#define DUBAN_CONFIG_CONFIG_VALUES_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace duban::config_internal {

inline constexpr std::array<std::string_view, 5> kLogLevels = {"trace", "debug", "info", "warn",
                                                               "error"};

std::optional<std::string> CheckLogLevel(std::string_view level);

// "UTC", or an IANA-like Area/Location name ("Asia/Shanghai", "America/Argentina/Salta",
// "Etc/GMT-8"): the syntax only. Whether the zone exists is LoadTimeZone's answer
// (config/tzdb_time_zone.h), from the same database the daemon uses.
std::optional<std::string> CheckTimeZone(std::string_view zone);

// A bare address, "local@domain": dot-atom local part, domain of letters, digits and
// hyphens ("localhost" is allowed). No display name, no spaces, no control characters.
std::optional<std::string> CheckAddress(std::string_view address);

// An address, optionally with a display name: "督办系统 <duban@example.gov.cn>".
std::optional<std::string> CheckMailbox(std::string_view mailbox);

// A name shown to people (agency names and aliases): not empty, not only blanks, no
// control characters, no leading or trailing blanks.
std::optional<std::string> CheckDisplayName(std::string_view name);

// A Unix group name: letters, digits, '_', '-', '.', not starting with '-'; may be empty.
std::optional<std::string> CheckGroupName(std::string_view group);

// Describes the first control character in `text` ("a line feed (U+000A) at byte 5"), or
// nullopt when there is none. C0 controls, DEL and C1 controls (U+0080..U+009F) count;
// tab does too.
std::optional<std::string> FindControlCharacter(std::string_view text);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_CONFIG_VALUES_H_
