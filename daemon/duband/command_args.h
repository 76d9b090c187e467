// Validation of a control request's "args" object. Every failure is an invalid_argument
// Status naming the field ("args.ref must be a string"), so the peer knows what to fix.
//
// Pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBAND_COMMAND_ARGS_H_
#define DUBAN_DAEMON_DUBAND_COMMAND_ARGS_H_

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

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

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_COMMAND_ARGS_H_
