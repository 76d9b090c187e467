// Context: what every dubanctl command gets: the global options (--socket, --json,
// --timeout), the streams to write to, and the one way to ask the daemon, which reports
// failures in the same words and with the same exit codes for every command.
//
// Not thread-safe; one per run.
#ifndef DUBAN_DAEMON_DUBANCTL_CONTEXT_H_
#define DUBAN_DAEMON_DUBANCTL_CONTEXT_H_

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/dubanctl/exit_code.h"
#include "workflow/status.h"

namespace duban::ctl {

struct Context {
  // Global options, filled by the command line.
  std::string socket_flag;       // --socket; empty: DUBAN_SOCKET or the default
  bool json = false;             // --json: print the daemon's result as JSON
  double timeout_seconds = 30;   // --timeout

  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  int exit_code = kExitOk;
  std::string error_code;  // the protocol error code of the last failed Call, if the daemon gave one
  // Put before the daemon's error message, with the message's lines listed under it (one
  // error per line): "reload refused; duband keeps its running config". Empty: none.
  std::string daemon_error_heading;
  // The daemon names its arguments ("args.received: … is in the future"); a command whose
  // options carry other names lists {"received", "--received"} here, and a daemon error
  // that starts with "args.<name>" names the option instead. The daemon's clock judges
  // such values, so they cannot all be checked before sending.
  std::vector<std::pair<std::string, std::string>> option_names;

  // The socket path the options and the environment select.
  std::string SocketPath() const;

  // Asks the daemon. The result on success; otherwise prints "dubanctl: <message>" to
  // `err`, sets exit_code (1, 2, 3 or 4, see exit_code.h) and returns nullopt.
  std::optional<nlohmann::json> Call(std::string_view cmd,
                                     nlohmann::json args = nlohmann::json::object());

  // Prints "dubanctl: <message>" to `err` and sets exit_code.
  void Fail(ExitCode code, std::string_view message);

  // Prints `value` pretty (two-space indent, UTF-8 kept, not \u-escaped) to `out`.
  void PrintJson(const nlohmann::json& value);

  // Runs a command body; a reply whose fields have the wrong types (the body reads them
  // with nlohmann::json, which throws) ends as exit code 4 with a message.
  void Run(const std::function<void()>& body);

  // The usual shape of a command: `args` not ok is a usage error (exit 2, nothing sent);
  // otherwise asks the daemon and prints its result as JSON (--json) or with `print`.
  void CallAndPrint(std::string_view cmd, const Result<nlohmann::json>& args,
                    const std::function<void(const nlohmann::json&)>& print);
};

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_CONTEXT_H_
