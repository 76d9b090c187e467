// CommandHandler: the delivery commands. outbox.messages and outbox.message read the
// messages the dispatcher sends (workflow/message.h); outbox.retry revives failed or dead
// ones and notify.test queues a test message to an agency, and both then kick the
// dispatcher so the message goes out now rather than at its next wake. Also the
// "delivery" block of `status`.
//
// The two mutations go through the store (audited there with the peer as actor) and need
// the delivery hooks: without them (delivery not running in this daemon) they fail with
// failed_precondition before anything is stored, so nothing waits for a dispatcher that
// does not exist.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/message_json.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::Mutating;
using command_helpers::ReadOnly;

constexpr int kMaxMessages = 100000;
constexpr int kDefaultMessages = 100;
// More ids than any office retries by hand; --all-failed covers the rest.
constexpr std::size_t kMaxRetryIds = 10000;

Status DeliveryNotRunning() {
  return Status::FailedPrecondition("delivery is not running in this daemon");
}

// A message or outbox id: a positive integer.
Status CheckId(const json& value, const std::string& field) {
  if (!value.is_number_integer() || value.get<int64_t>() <= 0) {
    return Status::InvalidArgument(field + " must be a positive integer (a message id)");
  }
  return Status::OK();
}

// Absent or null: `*out` unchanged.
Status ReadIdArg(const json& args, const char* key, int64_t* out) {
  if (!HasArg(args, key)) return Status::OK();
  if (Status status = CheckId(args[key], std::string("args.") + key); !status.ok()) {
    return status;
  }
  *out = args[key].get<int64_t>();
  return Status::OK();
}

Result<MessageFilter> ParseMessagesArgs(const json& args) {
  MessageFilter filter;
  filter.limit = kDefaultMessages;
  Status status = CheckArgNames(args, "outbox.messages", {"state", "target", "outbox_id", "limit"});
  if (status.ok()) {
    status = ReadChoiceArg(args, "state", {kMessageQueued, kMessageFailed, kMessageSent, kMessageDead},
                           &filter.state);
  }
  if (status.ok()) status = ReadStringArg(args, "target", &filter.target);
  if (status.ok()) status = ReadIdArg(args, "outbox_id", &filter.outbox_id);
  if (status.ok()) status = ReadIntArg(args, "limit", 1, kMaxMessages, &filter.limit);
  if (!status.ok()) return status;
  return filter;
}

// outbox.retry: the ids given (sorted, without repeats), or empty for {all_failed: true}.
Result<std::vector<int64_t>> ParseRetryArgs(const json& args) {
  bool all_failed = false;
  Status status = CheckArgNames(args, "outbox.retry", {"ids", "all_failed"});
  if (status.ok()) status = ReadBoolArg(args, "all_failed", &all_failed);
  if (!status.ok()) return status;
  const bool has_ids = HasArg(args, "ids");
  if (has_ids == all_failed) {
    return Status::InvalidArgument(
        "outbox.retry takes exactly one of args.ids (a list of message ids) and "
        "args.all_failed (true)");
  }
  std::vector<int64_t> ids;
  if (all_failed) return ids;
  const json& list = args["ids"];
  if (!list.is_array() || list.empty() || list.size() > kMaxRetryIds) {
    return Status::InvalidArgument("args.ids must be a list of 1 to " +
                                   std::to_string(kMaxRetryIds) + " message ids");
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (Status bad = CheckId(list[i], "args.ids[" + std::to_string(i) + "]"); !bad.ok()) {
      return bad;
    }
    ids.push_back(list[i].get<int64_t>());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

struct NotifyTestArgs {
  std::string agency;
  Channel channel = Channel::kEmail;
};

Result<NotifyTestArgs> ParseNotifyTestArgs(const json& args) {
  NotifyTestArgs parsed;
  std::string channel;
  Status status = CheckArgNames(args, "notify.test", {"agency", "channel"});
  if (status.ok()) status = ReadRequiredStringArg(args, "agency", &parsed.agency);
  if (status.ok() && !HasArg(args, "channel")) {
    status = Status::InvalidArgument("args.channel is required (\"email\" or \"webhook\")");
  }
  if (status.ok()) status = ReadChoiceArg(args, "channel", {"email", "webhook"}, &channel);
  if (!status.ok()) return status;
  parsed.channel = *ParseChannel(channel);
  return parsed;
}

// {"queued":N,"failed":N,"sent":N,"dead":N} from counts by state; every state present.
json CountsJson(const std::map<std::string, int64_t>& counts,
                std::initializer_list<std::string_view> states) {
  json j = json::object();
  for (std::string_view state : states) {
    auto it = counts.find(std::string(state));
    j[std::string(state)] = it == counts.end() ? 0 : it->second;
  }
  return j;
}

}  // namespace

const TimeZone* CommandHandler::DisplayZone() const {
  return tracking_.model == nullptr ? nullptr : tracking_.model->config().zone.get();
}

Result<json> CommandHandler::DeliveryJson() const {
  Result<std::map<std::string, int64_t>> messages = store_.CountMessagesByState();
  if (!messages.ok()) return messages.status();
  std::map<std::string, int64_t> outbox;
  for (const char* state : {"pending", "failed", "dead"}) {
    OutboxFilter filter;
    filter.state = state;
    Result<int64_t> count = store_.CountOutbox(filter);
    if (!count.ok()) return count.status();
    outbox[state] = *count;
  }
  return json{
      {"running", static_cast<bool>(delivery_.kick)},
      {"messages",
       CountsJson(*messages, {kMessageQueued, kMessageFailed, kMessageSent, kMessageDead})},
      {"outbox", CountsJson(outbox, {"pending", "failed", "dead"})}};
}

Result<PreparedCommand> CommandHandler::PrepareOutboxMessages(const json& args) {
  Result<MessageFilter> filter = ParseMessagesArgs(args);
  if (!filter.ok()) return filter.status();
  return ReadOnly([this, filter = *filter]() -> Result<json> {
    Result<std::vector<Message>> messages = store_.ListMessages(filter);
    if (!messages.ok()) return messages.status();
    json list = json::array();
    for (const Message& message : *messages) {
      list.push_back(MessageSummaryJson(message, DisplayZone()));
    }
    return json{{"messages", list}, {"count", messages->size()}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareOutboxMessage(const json& args) {
  int64_t id = 0;
  Status status = CheckArgNames(args, "outbox.message", {"id"});
  if (status.ok() && !HasArg(args, "id")) status = Status::InvalidArgument("args.id is required");
  if (status.ok()) status = ReadIdArg(args, "id", &id);
  if (!status.ok()) return status;
  return ReadOnly([this, id]() -> Result<json> {
    Result<Message> message = store_.GetMessage(id);
    if (!message.ok()) return message.status();
    return json{{"message", ToJson(*message, DisplayZone())}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareOutboxRetry(const json& args) {
  Result<std::vector<int64_t>> ids = ParseRetryArgs(args);
  if (!ids.ok()) return ids.status();
  return Mutating([this, ids = *ids](const PeerCredentials& peer) -> Result<json> {
    if (!delivery_.kick) return DeliveryNotRunning();
    Result<std::vector<int64_t>> revived = store_.RetryMessages(ids, ActorName(peer), clock_());
    if (!revived.ok()) return revived.status();
    if (!revived->empty()) {
      spdlog::info("{} revived {} message(s) for another attempt", ActorName(peer),
                   revived->size());
      delivery_.kick();
    }
    return json{{"retried", *revived}, {"count", revived->size()}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareNotifyTest(const json& args) {
  Result<NotifyTestArgs> parsed = ParseNotifyTestArgs(args);
  if (!parsed.ok()) return parsed.status();
  return Mutating([this, args = *parsed](const PeerCredentials& peer) -> Result<json> {
    if (!delivery_.kick || !delivery_.test_message) return DeliveryNotRunning();
    const int64_t now = clock_();
    Result<Message> message = delivery_.test_message(args.agency, args.channel, now);
    if (!message.ok()) return message.status();
    Result<int64_t> id = store_.QueueTestMessage(*message, ActorName(peer), now);
    if (!id.ok()) return id.status();
    message->id = *id;
    message->state = std::string(kMessageQueued);  // as QueueTestMessage stored it
    message->created_at = now;
    message->next_attempt_at = now;
    spdlog::info("{} queued test message {} to {} over {}", ActorName(peer), *id,
                 message->target, ChannelName(args.channel));
    delivery_.kick();
    return json{{"id", *id}, {"message", MessageSummaryJson(*message, DisplayZone())}};
  });
}

}  // namespace duban
