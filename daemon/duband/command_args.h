// Validation of a control request's "args" object. Every failure is an invalid_argument
// Status naming the field ("args.ref must be a string"), so the peer knows what to fix.
//
// Pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBAND_COMMAND_ARGS_H_
#define DUBAN_DAEMON_DUBAND_COMMAND_ARGS_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "workflow/civil_date.h"
#include "workflow/status.h"

namespace duban {

// Fails if `args` has a key not in `known` (a misspelt filter must not silently match
// everything).
Status CheckArgNames(const nlohmann::json& args, std::string_view command,
                     std::initializer_list<std::string_view> known);

// Absent or null: `*out` is left unchanged. Present with another type: error.
Status ReadStringArg(const nlohmann::json& args, std::string_view key, std::string* out);
Status ReadBoolArg(const nlohmann::json& args, std::string_view key, bool* out);

// Like ReadStringArg, but absent, null or empty is an error too.
Status ReadRequiredStringArg(const nlohmann::json& args, std::string_view key, std::string* out);

// Like ReadStringArg, and a present value must be one of `choices`.
Status ReadChoiceArg(const nlohmann::json& args, std::string_view key,
                     std::initializer_list<std::string_view> choices, std::string* out);

// Absent or null: `*out` unchanged. Present: an integer in [min, max], else an error
// naming the field and the range.
Status ReadIntArg(const nlohmann::json& args, std::string_view key, int min, int max, int* out);

// Absent or null: `*out` unchanged. Present: a "YYYY-MM-DD" string of a real day.
Status ReadDateArg(const nlohmann::json& args, std::string_view key, std::optional<CivilDate>* out);

// True if `args` has `key` with a non-null value.
bool HasArg(const nlohmann::json& args, std::string_view key);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_COMMAND_ARGS_H_
