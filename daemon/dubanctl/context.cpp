#include "daemon/dubanctl/context.h"

#include <chrono>
#include <cstdlib>
#include <ostream>

#include "daemon/dubanctl/client.h"

namespace duban::ctl {
namespace {

// `message` with a leading "args.<name>" (then ':', ' ' or '.') as the option's name.
std::string WithOptionName(std::string message,
                           const std::vector<std::pair<std::string, std::string>>& names) {
  for (const auto& [arg, option] : names) {
    const std::string prefix = "args." + arg;
    if (message.compare(0, prefix.size(), prefix) != 0) continue;
    if (message.size() > prefix.size() && message[prefix.size()] != ':' &&
        message[prefix.size()] != ' ' && message[prefix.size()] != '.') {
      continue;  // "args.received_at" is not "args.received"
    }
    return option + message.substr(prefix.size());
  }
  return message;
}

}  // namespace

std::string Context::SocketPath() const {
  return ResolveSocketPath(socket_flag, std::getenv("DUBAN_SOCKET"));
}

std::optional<nlohmann::json> Context::Call(std::string_view cmd, nlohmann::json args) {
  auto timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000));
  Client client(SocketPath(), timeout);
  CallOutcome outcome = client.Call(cmd, std::move(args));
  if (outcome.ok()) return std::move(outcome.result);
  error_code = outcome.error_code;
  std::string message = outcome.message;
  if (outcome.kind == CallOutcome::Kind::kDaemonError) {
    message = WithOptionName(std::move(message), option_names);
  }
  if (outcome.kind == CallOutcome::Kind::kDaemonError && !daemon_error_heading.empty()) {
    message = daemon_error_heading + ":\n" + message;
  }
  Fail(ExitCodeFor(outcome.kind), message);
  return std::nullopt;
}

void Context::Fail(ExitCode code, std::string_view message) {
  // A message of several lines (a list of errors) keeps one per line, indented under the
  // first.
  while (!message.empty() && message.back() == '\n') message.remove_suffix(1);
  *err << "dubanctl: ";
  std::size_t start = 0;
  for (std::size_t end; (end = message.find('\n', start)) != std::string_view::npos;
       start = end + 1) {
    *err << message.substr(start, end - start) << "\n  ";
  }
  *err << message.substr(start) << '\n';
  exit_code = code;
}

void Context::PrintJson(const nlohmann::json& value) {
  *out << value.dump(2, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace)
       << '\n';
}

void Context::Run(const std::function<void()>& body) {
  try {
    body();
  } catch (const nlohmann::json::exception& e) {
    Fail(kExitBadReply, std::string("the daemon's reply was not understood: ") + e.what());
  }
}

void Context::CallAndPrint(std::string_view cmd, const Result<nlohmann::json>& args,
                           const std::function<void(const nlohmann::json&)>& print) {
  if (!args.ok()) {
    Fail(kExitUsage, args.status().message());
    return;
  }
  Run([&] {
    std::optional<nlohmann::json> result = Call(cmd, *args);
    if (!result) return;
    if (json) {
      PrintJson(*result);
    } else {
      print(*result);
    }
  });
}

}  // namespace duban::ctl
