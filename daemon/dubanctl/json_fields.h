// Reading fields of the daemon's JSON replies for display, where null or absent is normal
// (an optional field, a daemon older than the client) and must show as a placeholder, not
// fail. A field present with the wrong type still throws nlohmann::json::exception, which
// Context::Run reports as a reply that was not understood (exit code 4).
//
// Pure; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_JSON_FIELDS_H_
#define DUBAN_DAEMON_DUBANCTL_JSON_FIELDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace duban::ctl {

// The string at `key`; `fallback` when `object` is not an object or the key is absent or null.
std::string TextField(const nlohmann::json& object, std::string_view key,
                      std::string_view fallback = "");

// A number at `key` as text ("42"); `fallback` when absent or null.
std::string NumberField(const nlohmann::json& object, std::string_view key,
                        std::string_view fallback = "-");

// The integer at `key`; `fallback` when absent or null.
int64_t IntField(const nlohmann::json& object, std::string_view key, int64_t fallback = 0);

// True if `key` holds true.
bool FlagField(const nlohmann::json& object, std::string_view key);

// The strings of the array at `key`; empty when absent or null.
std::vector<std::string> ListField(const nlohmann::json& object, std::string_view key);

// The array at `key`; an empty array when absent or null.
nlohmann::json ArrayField(const nlohmann::json& object, std::string_view key);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_JSON_FIELDS_H_
