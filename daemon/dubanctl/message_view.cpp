#include "daemon/dubanctl/message_view.h"

#include "daemon/dubanctl/action_view.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/table.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

std::string Dash(std::string text) { return text.empty() ? "-" : text; }

// The daemon's "<key>_local", else the instant in this machine's zone; "-" for 0 or none.
std::string LocalTime(const json& message, const std::string& key) {
  if (std::string local = TextField(message, key + "_local"); !local.empty()) return local;
  const int64_t seconds = IntField(message, key);
  return seconds == 0 ? "-" : FormatLocalTime(seconds);
}

std::string Attempts(const json& message) {
  return CountOf(IntField(message, "attempts"), "attempt", "attempts");
}

std::string Counts(const json& counts, std::initializer_list<const char*> states) {
  std::string text;
  for (const char* state : states) {
    if (!text.empty()) text += ", ";
    text += std::to_string(IntField(counts, state)) + " " + state;
  }
  return text;
}

std::string OutboxIds(const json& message) {
  std::vector<std::string> ids;
  for (const json& id : ArrayField(message, "outbox_ids")) {
    ids.push_back("#" + std::to_string(id.get<int64_t>()));
  }
  if (ids.empty()) return "none (a test message)";
  return JoinNames(ids, ", ");
}

}  // namespace

std::string MessageRecipient(const json& message) {
  const std::string name = TextField(message, "recipient_name");
  const std::string target = TextField(message, "target");
  if (name.empty()) return Dash(target);
  if (TextField(message, "channel") == "webhook") return name + " (webhook " + target + ")";
  return name + " <" + target + ">";
}

std::string MessageWhen(const json& message) {
  const std::string state = TextField(message, "state");
  if (state == "sent") return LocalTime(message, "sent_at");
  if (state == "queued" || state == "failed") return LocalTime(message, "next_attempt_at");
  return "-";
}

std::string RenderMessages(const json& messages, int width) {
  std::vector<std::vector<std::string>> cells;
  for (const json& message : messages) {
    cells.push_back({NumberField(message, "id"), TextField(message, "state"),
                     TextField(message, "channel"), MessageRecipient(message),
                     TextField(message, "subject"), NumberField(message, "attempts", "0"),
                     MessageWhen(message), TextField(message, "last_error")});
  }
  return RenderWithReasons({{"ID", 0, Align::kRight},
                            {"STATE"},
                            {"CHANNEL"},
                            {"RECIPIENT", 36},
                            {"SUBJECT", 0, Align::kLeft, true},
                            {"ATTEMPTS", 0, Align::kRight},
                            {"NEXT/SENT"},
                            {"ERROR"}},
                           cells, width);
}

std::vector<Field> MessageFields(const json& message) {
  std::vector<Field> fields = {
      {"message", "#" + NumberField(message, "id")},
      {"state", TextField(message, "state", "-")},
      {"channel", TextField(message, "channel", "-")},
      {"to", MessageRecipient(message)},
      {"level", Dash(LevelCell(message))},
      {"subject", Dash(TextField(message, "subject"))},
      {"attempts", NumberField(message, "attempts", "0")},
      {"queued", LocalTime(message, "created_at")},
      {"next attempt", LocalTime(message, "next_attempt_at")},
      {"sent", LocalTime(message, "sent_at")},
      {"actions", OutboxIds(message)},
      {"last error", Dash(TextField(message, "last_error"))},
      {"last response", Dash(TextField(message, "last_response"))},
      {"key", Dash(TextField(message, "key"))},
      {"thread", Dash(TextField(message, "thread"))},
  };
  const std::string html = TextField(message, "html");
  fields.push_back({"html", html.empty() ? "none" : std::to_string(html.size()) +
                                                        " bytes (not shown; --json has it)"});
  return fields;
}

std::string MessageBody(const json& message) {
  std::string text = TextField(message, "text");
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

std::string QueuedLine(const json& message) {
  return "queued test message #" + NumberField(message, "id") + " to " +
         MessageRecipient(message) + " by " + TextField(message, "channel", "?");
}

bool IsSent(const json& message) { return TextField(message, "state") == "sent"; }

std::string OutcomeLine(const json& message) {
  const std::string state = TextField(message, "state");
  if (state == "sent") {
    std::string line = "sent " + LocalTime(message, "sent_at") + " (" + Attempts(message) + ")";
    if (std::string response = TextField(message, "last_response"); !response.empty()) {
      line += ": " + response;
    }
    return line;
  }
  const std::string error = Dash(TextField(message, "last_error"));
  if (state == "failed") {
    return "not sent: attempt " + NumberField(message, "attempts", "?") + " failed: " + error +
           "; duband tries again at " + LocalTime(message, "next_attempt_at");
  }
  if (state == "dead") return "not sent: dead after " + Attempts(message) + ": " + error;
  return "not sent: state " + Dash(state);
}

std::string MessageCounts(const json& counts) {
  return Counts(counts, {"queued", "failed", "sent", "dead"});
}

std::string OutboxCounts(const json& counts) { return Counts(counts, {"pending", "failed", "dead"}); }

}  // namespace duban::ctl
