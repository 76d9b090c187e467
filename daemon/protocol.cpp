#include "daemon/protocol.h"

#include <algorithm>
#include <array>

namespace duban::protocol {
namespace {

constexpr std::array<CommandSpec, 38> kCommands = {{
    {"status", false, "summary of the daemon, store and plan"},
    {"plan.import", true, "import a plan (text or CSV); dry_run only previews"},
    {"plan.export", false, "the current plan as CSV"},
    {"tasks.list", false, "tasks, filtered by agency, role, section, state"},
    {"task.get", false, "one task with its agencies by role"},
    {"agencies.list", false, "every agency with its task counts by role"},
    {"agency.get", false, "one agency (by name or alias) and its tasks by role"},
    {"feedback.add", true, "record an agency's feedback (办理反馈) on a task"},
    {"feedback.list", false, "feedback, by task and agency"},
    {"task.due", true, "change a task's deadline at run time (or clear the change)"},
    {"task.suspend", true, "pause an active task's reminders, with a reason"},
    {"task.resume", true, "resume a suspended task, with a reason"},
    {"task.complete", true, "close an active task (办结), with a reason"},
    {"calendar.explain", false, "is a day a working day, and why"},
    {"calendar.add", false, "the day N working days after (or before) a date"},
    {"outbox.list", false, "decided actions waiting in (or gone from) the outbox"},
    {"simulate", false, "what would go out over the next days; nothing stored or sent"},
    {"rules.check", false, "problems of the rules against the plan"},
    {"reload", true, "reload the configuration (as SIGHUP)"},
    {"outbox.messages", false, "messages sent or to be sent, newest first, by state and target"},
    {"outbox.message", false, "one message in full: text, html, the server's last response"},
    {"outbox.retry", true, "send failed or dead messages again now"},
    {"notify.test", true, "queue a test message to an agency by email or webhook, sent now"},
    {"task.reopen", true, "reopen a completed task (back to active), with a reason"},
    {"audit.list", false, "the audit log: who changed what and when, by task, agency and time"},
    {"feedback.import", true, "import feedback rows from CSV: all rows or none; dry_run checks"},
    {"report.assessment", false, "考核: each agency's on-time record over a period, ranked"},
    {"report.send", true, "queue the periodic assessment report for a period now (outbox)"},
    {"state.export", false, "the full state (plan, assignments, feedback, audit) as JSON"},
    {"backup.create", true, "a consistent copy of the store (SQLite online backup)"},
    {"backup.read", true, "a chunk of a backup made by backup.create"},
    {"metrics", false, "Prometheus text: tasks, outbox, sends, evaluation time, uptime"},
    {"log.level", true, "the daemon's log level; args.level sets it (mutating only then)"},
    {"target.list", false, "a task's targets (指标) with their status; proposals included"},
    {"target.add", true, "add a confirmed target to a task"},
    {"target.edit", true, "change a target's fields (editing a proposal confirms it)"},
    {"target.confirm", true, "confirm proposed targets by id, so they are tracked"},
    {"target.reject", true, "reject a proposed or confirmed target, with a reason"},
}};

}  // namespace

std::span<const CommandSpec> Commands() { return kCommands; }

const CommandSpec* FindCommand(std::string_view name) {
  auto it = std::find_if(kCommands.begin(), kCommands.end(),
                         [&](const CommandSpec& spec) { return spec.name == name; });
  return it == kCommands.end() ? nullptr : &*it;
}

std::variant<Request, ParseError> ParseRequest(std::string_view line) {
  nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return ParseError{std::string(kErrBadRequest), "request is not valid JSON", 0};
  }
  if (!doc.is_object()) {
    return ParseError{std::string(kErrBadRequest), "request must be a JSON object", 0};
  }
  Request request;
  if (auto it = doc.find("id"); it != doc.end()) {
    if (!it->is_number_integer()) {
      return ParseError{std::string(kErrBadRequest), "\"id\" must be an integer", 0};
    }
    request.id = it->get<int64_t>();
  }
  auto version = doc.find("v");
  if (version == doc.end() || !version->is_number_integer()) {
    return ParseError{std::string(kErrBadRequest), "\"v\" (protocol version) must be an integer",
                      request.id};
  }
  request.version = version->get<int>();
  if (request.version != kProtocolVersion) {
    return ParseError{std::string(kErrUnsupportedVersion),
                      "protocol version " + std::to_string(request.version) +
                          " is not supported (this daemon speaks " +
                          std::to_string(kProtocolVersion) + ")",
                      request.id};
  }
  auto cmd = doc.find("cmd");
  if (cmd == doc.end() || !cmd->is_string()) {
    return ParseError{std::string(kErrBadRequest), "\"cmd\" must be a string", request.id};
  }
  request.cmd = cmd->get<std::string>();
  if (FindCommand(request.cmd) == nullptr) {
    return ParseError{std::string(kErrUnknownCommand), "unknown command \"" + request.cmd + "\"",
                      request.id};
  }
  if (auto args = doc.find("args"); args != doc.end()) {
    if (!args->is_object()) {
      return ParseError{std::string(Status::CodeName(Status::Code::kInvalidArgument)),
                        "\"args\" must be an object", request.id};
    }
    request.args = *args;
  }
  return request;
}

std::string SerializeRequest(const Request& request) {
  nlohmann::json doc = {{"v", request.version}, {"id", request.id}, {"cmd", request.cmd},
                        {"args", request.args}};
  return doc.dump();
}

std::string MakeOkReply(int64_t id, const nlohmann::json& result) {
  nlohmann::json doc = {{"id", id}, {"ok", true}, {"result", result}};
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string MakeErrorReply(int64_t id, std::string_view code, std::string_view message) {
  nlohmann::json doc = {{"id", id},
                        {"ok", false},
                        {"error", {{"code", code}, {"message", message}}}};
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string MakeErrorReply(int64_t id, const Status& status) {
  return MakeErrorReply(id, Status::CodeName(status.code()), status.message());
}

Result<Reply> ParseReply(std::string_view line) {
  nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("ok") || !doc["ok"].is_boolean()) {
    return Status::InvalidArgument("the daemon's reply is not a protocol reply");
  }
  Reply reply;
  if (doc.contains("id") && doc["id"].is_number_integer()) reply.id = doc["id"].get<int64_t>();
  reply.ok = doc["ok"].get<bool>();
  if (reply.ok) {
    reply.result = doc.value("result", nlohmann::json());
  } else {
    const auto& error = doc.value("error", nlohmann::json::object());
    reply.error_code = error.value("code", std::string("internal"));
    reply.error_message = error.value("message", std::string());
  }
  return reply;
}

}  // namespace duban::protocol
