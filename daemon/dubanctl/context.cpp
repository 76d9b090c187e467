#include "daemon/dubanctl/context.h"

#include <chrono>
#include <cstdlib>
#include <ostream>

#include "daemon/dubanctl/client.h"

namespace duban::ctl {

std::string Context::SocketPath() const {
  return ResolveSocketPath(socket_flag, std::getenv("DUBAN_SOCKET"));
}

std::optional<nlohmann::json> Context::Call(std::string_view cmd, nlohmann::json args) {
  auto timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000));
  Client client(SocketPath(), timeout);
  CallOutcome outcome = client.Call(cmd, std::move(args));
  if (outcome.ok()) return std::move(outcome.result);
  error_code = outcome.error_code;
  Fail(ExitCodeFor(outcome.kind), outcome.message);
  return std::nullopt;
}

void Context::Fail(ExitCode code, std::string_view message) {
  *err << "dubanctl: " << message << '\n';
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

}  // namespace duban::ctl
