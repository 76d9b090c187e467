// The arguments of dubanctl's delivery commands (outbox messages, outbox show, outbox
// retry, notify test) as the command line gives them, and their assembly into the
// protocol's `args` objects (docs/PROTOCOL.md, "Delivery commands"). What the command line
// can check without the daemon (ids, exactly one of ids and --all-failed, the channel)
// fails here as a usage error, so a typo exits 2 before anything is sent; state names are
// the daemon's to check (its error lists the valid ones).
//
// Plain values and pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_DELIVERY_ARGS_H_
#define DUBAN_DAEMON_DUBANCTL_DELIVERY_ARGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflow/status.h"

namespace duban::ctl {

// `dubanctl outbox messages [--state S] [--target T] [--action ID] [--limit N]`.
struct MessagesOptions {
  std::string state;
  std::string target;             // an email address or a [[webhook]] name
  std::optional<int64_t> action;  // an outbox row id: the messages carrying it
  std::optional<int> limit;
};

// `dubanctl outbox retry ID... | --all-failed`.
struct RetryOptions {
  std::vector<int64_t> ids;
  bool all_failed = false;
};

// `dubanctl notify test --agency X --channel email|webhook [--wait SECONDS]`.
struct NotifyTestOptions {
  std::string agency;
  std::string channel;
  double wait_seconds = 30;  // 0: queue and return at once
};

// Each returns the `args` object for its command, or kInvalidArgument with a message for
// the user (a usage error).
Result<nlohmann::json> MessagesArgs(const MessagesOptions& options);
Result<nlohmann::json> MessageArgs(int64_t id);  // outbox.message
Result<nlohmann::json> RetryArgs(const RetryOptions& options);
Result<nlohmann::json> NotifyTestArgs(const NotifyTestOptions& options);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_DELIVERY_ARGS_H_
