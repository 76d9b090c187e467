#include "daemon/dubanctl/client.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

#include "daemon/protocol.h"

namespace duban::ctl {
namespace {

using Clock = std::chrono::steady_clock;

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string ErrnoText(int error) { return std::strerror(error); }

int MillisecondsLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits until `fd` is ready for `events` or the deadline passes. False on timeout.
bool WaitFor(int fd, short events, Clock::time_point deadline) {
  while (true) {
    pollfd entry{fd, events, 0};
    int ready = ::poll(&entry, 1, MillisecondsLeft(deadline));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return true;  // let the following read or write report it
  }
}

CallOutcome Failure(CallOutcome::Kind kind, std::string message) {
  CallOutcome outcome;
  outcome.kind = kind;
  outcome.message = std::move(message);
  return outcome;
}

std::string UnreachableHint(int error) {
  if (error == EACCES || error == EPERM) {
    return " (is your user allowed to use the socket? set --socket or DUBAN_SOCKET)";
  }
  return " (is duband running? set --socket or DUBAN_SOCKET)";
}

// Connects to the Unix socket at `path`; on failure fills `*error` with errno.
int Connect(const std::string& path, Clock::time_point deadline, int* error) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof(address.sun_path)) {
    *error = ENAMETOOLONG;
    return -1;
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    *error = errno;
    return -1;
  }
  while (true) {
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0) {
      return fd;
    }
    // A full listen backlog answers EAGAIN on a non-blocking Unix socket: try again soon.
    if ((errno == EAGAIN || errno == EINTR) && MillisecondsLeft(deadline) > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    *error = errno == EAGAIN ? ETIMEDOUT : errno;
    ::close(fd);
    return -1;
  }
}

// Writes all of `data`; returns 0 or an errno value (ETIMEDOUT on the deadline).
int SendAll(int fd, std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent >= 0) {
      data.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return errno;
    if (!WaitFor(fd, POLLOUT, deadline)) return ETIMEDOUT;
  }
  return 0;
}

enum class ReadStatus { kLine, kClosed, kTimeout, kTooLong, kError };

// Reads up to the first '\n' into `*line` (without it).
ReadStatus ReadLine(int fd, Clock::time_point deadline, std::string* line, int* error) {
  char buffer[64 * 1024];
  while (true) {
    if (auto newline = line->find('\n'); newline != std::string::npos) {
      line->resize(newline);
      return ReadStatus::kLine;
    }
    if (line->size() > Client::kMaxReplyBytes) return ReadStatus::kTooLong;
    ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got > 0) {
      line->append(buffer, static_cast<std::size_t>(got));
      continue;
    }
    if (got == 0) return ReadStatus::kClosed;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      *error = errno;
      return ReadStatus::kError;
    }
    if (!WaitFor(fd, POLLIN, deadline)) return ReadStatus::kTimeout;
  }
}

std::string Excerpt(std::string_view text) {
  constexpr std::size_t kMax = 80;
  std::string out(text.substr(0, kMax));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return text.size() > kMax ? out + "..." : out;
}

}  // namespace

std::string ResolveSocketPath(std::string_view flag_value, const char* env_value) {
  if (!flag_value.empty()) return std::string(flag_value);
  if (env_value != nullptr && *env_value != '\0') return env_value;
  return std::string(protocol::kDefaultSocketPath);
}

ExitCode ExitCodeFor(CallOutcome::Kind kind) {
  switch (kind) {
    case CallOutcome::Kind::kOk: return kExitOk;
    case CallOutcome::Kind::kDaemonError: return kExitDaemonError;
    case CallOutcome::Kind::kBadInput: return kExitUsage;
    case CallOutcome::Kind::kUnreachable: return kExitUnreachable;
    case CallOutcome::Kind::kBadReply: return kExitBadReply;
  }
  return kExitBadReply;
}

Client::Client(std::string socket_path, std::chrono::milliseconds timeout)
    : socket_path_(std::move(socket_path)), timeout_(timeout) {}

CallOutcome Client::Call(std::string_view cmd, nlohmann::json args) {
  using Kind = CallOutcome::Kind;
  protocol::Request request;
  request.id = next_id_++;
  request.cmd = std::string(cmd);
  request.args = std::move(args);
  std::string line;
  try {
    line = protocol::SerializeRequest(request);
  } catch (const nlohmann::json::exception&) {
    return Failure(Kind::kBadInput, "the request for " + request.cmd +
                                        " holds text that is not valid UTF-8");
  }
  line += '\n';

  const Clock::time_point deadline = Clock::now() + timeout_;
  const std::string where = "duband at " + socket_path_;
  int error = 0;
  UniqueFd fd(Connect(socket_path_, deadline, &error));
  if (fd.get() < 0) {
    return Failure(Kind::kUnreachable,
                   "cannot reach " + where + ": " + ErrnoText(error) + UnreachableHint(error));
  }
  const int send_error = SendAll(fd.get(), line, deadline);
  const bool closed_early = send_error == EPIPE || send_error == ECONNRESET;
  if (send_error != 0 && !closed_early) {
    return Failure(Kind::kUnreachable, "cannot send the request to " + where + ": " +
                                           ErrnoText(send_error));
  }

  // A daemon that closed early (too many clients, request too large) may have left one
  // error line to read; that answer explains more than the broken pipe does.
  std::string reply_line;
  ReadStatus read_status = ReadLine(fd.get(), deadline, &reply_line, &error);
  if (closed_early && read_status != ReadStatus::kLine) {
    return Failure(Kind::kUnreachable, "cannot send the request to " + where + ": " +
                                           ErrnoText(send_error));
  }
  switch (read_status) {
    case ReadStatus::kLine: break;
    case ReadStatus::kTimeout:
      return Failure(Kind::kUnreachable,
                     where + " did not answer within " + std::to_string(timeout_.count()) +
                         " ms (raise --timeout for large plans)");
    case ReadStatus::kError:
      return Failure(Kind::kUnreachable, "lost the connection to " + where + ": " +
                                             ErrnoText(error));
    case ReadStatus::kClosed:
      return Failure(Kind::kBadReply, where + " closed the connection without a complete reply" +
                                          (reply_line.empty() ? "" : ": " + Excerpt(reply_line)));
    case ReadStatus::kTooLong:
      return Failure(Kind::kBadReply, "the reply from " + where + " exceeds " +
                                          std::to_string(kMaxReplyBytes >> 20) + " MiB");
  }

  Result<protocol::Reply> reply = protocol::ParseReply(reply_line);
  if (!reply.ok()) {
    return Failure(Kind::kBadReply,
                   "the reply from " + where + " is not a protocol reply: " + Excerpt(reply_line));
  }
  // An error the daemon gives before it could read our id (too_large) carries id 0.
  if (reply->id != request.id && !(reply->id == 0 && !reply->ok)) {
    return Failure(Kind::kBadReply, "the reply from " + where + " answers request " +
                                        std::to_string(reply->id) + ", not " +
                                        std::to_string(request.id));
  }
  CallOutcome outcome;
  if (reply->ok) {
    outcome.kind = Kind::kOk;
    outcome.result = std::move(reply->result);
  } else {
    outcome.kind = Kind::kDaemonError;
    outcome.error_code = std::move(reply->error_code);
    outcome.message = std::move(reply->error_message);
  }
  return outcome;
}

}  // namespace duban::ctl
