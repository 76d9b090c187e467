// Client: the connection from dubanctl to duband over the control socket
// (docs/PROTOCOL.md). Each Call connects, sends one request line, reads one reply line and
// closes, all within one deadline, so a hung daemon cannot hang the caller.
//
// Not thread-safe (it numbers its requests); one per thread.
#ifndef DUBAN_DAEMON_DUBANCTL_CLIENT_H_
#define DUBAN_DAEMON_DUBANCTL_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "daemon/dubanctl/exit_code.h"

namespace duban::ctl {

// The socket to use: `flag_value` (--socket) if not empty, else `env_value` (DUBAN_SOCKET)
// if set and not empty, else protocol::kDefaultSocketPath.
std::string ResolveSocketPath(std::string_view flag_value, const char* env_value);

// What came of one request.
struct CallOutcome {
  enum class Kind {
    kOk,           // the daemon answered ok; `result` holds its result
    kDaemonError,  // the daemon answered with an error: `error_code`, `message`
    kBadInput,     // the request could not be encoded (text that is not UTF-8): `message`
    kUnreachable,  // no connection, or no answer before the deadline: `message`
    kBadReply,     // an answer that is not a protocol reply: `message`
  };
  Kind kind = Kind::kBadReply;
  nlohmann::json result;
  std::string error_code;
  std::string message;

  bool ok() const { return kind == Kind::kOk; }
};

// The exit code dubanctl ends with after an outcome of this kind.
ExitCode ExitCodeFor(CallOutcome::Kind kind);

class Client {
 public:
  static constexpr std::size_t kMaxReplyBytes = 256u << 20;

  Client(std::string socket_path, std::chrono::milliseconds timeout);

  // Sends {"v":1,"id":N,"cmd":cmd,"args":args} and waits for the reply, at most `timeout`
  // in all. Never throws for I/O or protocol trouble: it is all in the outcome.
  CallOutcome Call(std::string_view cmd, nlohmann::json args = nlohmann::json::object());

  const std::string& socket_path() const { return socket_path_; }

 private:
  std::string socket_path_;
  std::chrono::milliseconds timeout_;
  int64_t next_id_ = 1;
};

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_CLIENT_H_
