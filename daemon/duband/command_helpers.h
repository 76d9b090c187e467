// Small helpers shared by the command group files of CommandHandler (command_handler.cpp,
// query_commands.cpp, tracking_commands.cpp, ...): building prepared commands and JSON
// lists. Header-only; pure.
#ifndef DUBAN_DAEMON_DUBAND_COMMAND_HELPERS_H_
#define DUBAN_DAEMON_DUBAND_COMMAND_HELPERS_H_

#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/duband/command_handler.h"
#include "daemon/plan_json.h"

namespace duban::command_helpers {

// A prepared read-only command from a function of no arguments.
template <typename F>
CommandHandler::PreparedCommand ReadOnly(F work) {
  return CommandHandler::PreparedCommand{
      false, [work = std::move(work)](const PeerCredentials&) { return work(); }};
}

// A prepared mutating command from a function of the peer.
template <typename F>
CommandHandler::PreparedCommand Mutating(F work) {
  return CommandHandler::PreparedCommand{true, std::move(work)};
}

template <typename T>
nlohmann::json JsonList(const std::vector<T>& values) {
  nlohmann::json list = nlohmann::json::array();
  for (const T& value : values) list.push_back(ToJson(value));
  return list;
}

}  // namespace duban::command_helpers

#endif  // DUBAN_DAEMON_DUBAND_COMMAND_HELPERS_H_
