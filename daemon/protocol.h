// The control protocol between duband and dubanctl: the one definition both binaries link
// (as chrony's candm.h). JSON lines over a SOCK_STREAM Unix socket: each request and each
// reply is one JSON object on one line.
//
//   request  {"v":1,"id":7,"cmd":"tasks.list","args":{"agency":"省发改委"}}
//   reply    {"id":7,"ok":true,"result":{...}}
//            {"id":7,"ok":false,"error":{"code":"not_found","message":"no task 48"}}
//
// The daemon checks each request in this order and answers the first failure with an
// error reply (the connection stays open): size limit (code "too_large", then the
// connection is closed because the rest of the line cannot be trusted) → JSON
// ("bad_request") → version ("unsupported_version") → command ("unknown_command") →
// arguments ("invalid_argument") → permission ("permission_denied").
//
// Version history:
//   1  first version: status, plan.import, plan.export, tasks.list, task.get,
//      agencies.list, agency.get
//   1  (issue 3, compatible, so still 1) added feedback.add, feedback.list, task.due,
//      task.suspend, task.resume, task.complete, calendar.explain, calendar.add,
//      outbox.list, simulate, rules.check, reload; tasks.list takes "light"; TaskRecord,
//      task.get, agencies.list and status carry new fields. Old clients ignore unknown
//      fields and never send the new commands; a new client talking to an old daemon gets
//      unknown_command.
//   1  (issue 4, compatible) added outbox.messages, outbox.message, outbox.retry,
//      notify.test; outbox.list accepts the outbox states cancelled and queued; status
//      carries a "delivery" block.
//   1  (issues 5 and 6, compatible) added task.reopen, audit.list, feedback.import,
//      report.assessment, report.send, state.export, backup.create, backup.read, metrics,
//      log.level; feedback.add takes "attachments" and "received"; Feedback carries
//      attachments and recorded_at.
#ifndef DUBAN_DAEMON_PROTOCOL_H_
#define DUBAN_DAEMON_PROTOCOL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "workflow/status.h"

namespace duban::protocol {

inline constexpr int kProtocolVersion = 1;

// Default socket path when neither --socket nor DUBAN_SOCKET is given.
inline constexpr std::string_view kDefaultSocketPath = "/run/duban/duband.sock";

// Error codes beyond Status::CodeName (which supplies invalid_argument, not_found, ...).
inline constexpr std::string_view kErrTooLarge = "too_large";
inline constexpr std::string_view kErrBadRequest = "bad_request";
inline constexpr std::string_view kErrUnsupportedVersion = "unsupported_version";
inline constexpr std::string_view kErrUnknownCommand = "unknown_command";
// Sent once, then the connection is closed, to a client beyond [control] max_clients.
inline constexpr std::string_view kErrUnavailable = "unavailable";

struct CommandSpec {
  std::string_view name;
  bool mutating;  // needs an authorised peer (root, the daemon's user, or the admin group)
  std::string_view help;
};

// Every command the daemon knows, in help order.
std::span<const CommandSpec> Commands();
// nullptr if `name` is not a command.
const CommandSpec* FindCommand(std::string_view name);

struct Request {
  int version = kProtocolVersion;
  int64_t id = 0;
  std::string cmd;
  nlohmann::json args = nlohmann::json::object();
};

// A failed parse: the error code to answer with and the id, if the line had a usable one.
struct ParseError {
  std::string code;
  std::string message;
  int64_t id = 0;
};

// Parses one request line (without its newline). Checks JSON, shape and version and that
// the command exists; argument checks belong to each command.
std::variant<Request, ParseError> ParseRequest(std::string_view line);

std::string SerializeRequest(const Request& request);  // one line, no newline

std::string MakeOkReply(int64_t id, const nlohmann::json& result);
std::string MakeErrorReply(int64_t id, std::string_view code, std::string_view message);
std::string MakeErrorReply(int64_t id, const Status& status);

struct Reply {
  int64_t id = 0;
  bool ok = false;
  nlohmann::json result;      // when ok
  std::string error_code;     // when !ok
  std::string error_message;  // when !ok
};
// Parses a reply line; kInvalidArgument if it is not a reply.
Result<Reply> ParseReply(std::string_view line);

}  // namespace duban::protocol

#endif  // DUBAN_DAEMON_PROTOCOL_H_
