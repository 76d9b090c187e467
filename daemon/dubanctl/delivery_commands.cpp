// dubanctl's delivery commands: `outbox messages` (what was sent or is to be sent),
// `outbox show ID` (one message in full), `outbox retry ID... | --all-failed`, and
// `notify test --agency X --channel email|webhook [--wait SECONDS]`, which queues a test
// message, then waits for its outcome and exits 1 unless it was sent.
//
// `outbox` itself (the decided actions) stays in outbox_commands.cpp; these are its
// subcommands, so CLI11 reads `outbox messages …` as the subcommand and `outbox --state …`
// as the listing of actions.
#include <chrono>
#include <memory>
#include <ostream>
#include <thread>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/delivery_args.h"
#include "daemon/dubanctl/delivery_wait.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/message_view.h"
#include "daemon/dubanctl/output.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

constexpr std::chrono::milliseconds kPollInterval{200};

// The options of `outbox` itself (the listing of actions) given with one of its
// subcommands: CLI11 passes an option the subcommand lacks up to `outbox`, where it would
// be ignored silently (`outbox messages --task 3`). A usage error instead; true if so.
bool RejectOutboxOptions(Context& context, const CLI::App& outbox, const std::string& sub) {
  for (const CLI::Option* option : outbox.get_options()) {
    if (option->count() == 0 || option == outbox.get_help_ptr()) continue;
    context.Fail(kExitUsage, option->get_name() + " is an option of dubanctl outbox (the "
                                 "decided actions), not of outbox " + sub);
    return true;
  }
  return false;
}

std::string MessagesFilters(const MessagesOptions& options) {
  std::vector<std::string> filters;
  if (!options.state.empty()) filters.push_back("state " + options.state);
  if (!options.target.empty()) filters.push_back("target " + options.target);
  if (options.action) filters.push_back("action #" + std::to_string(*options.action));
  return JoinNames(filters, ", ");
}

void PrintMessages(Context& context, const json& result, const MessagesOptions& options) {
  const json messages = ArrayField(result, "messages");
  if (!messages.empty()) *context.out << RenderMessages(messages, TerminalWidth());
  std::string line = CountOf(IntField(result, "count", static_cast<int64_t>(messages.size())),
                             "message", "messages");
  if (std::string filters = MessagesFilters(options); !filters.empty()) {
    line += " (" + filters + ")";
  }
  *context.out << line << "\n";
}

void PrintMessage(Context& context, const json& result) {
  const json& message = result.at("message");
  *context.out << RenderFields(MessageFields(message), TerminalWidth());
  if (std::string body = MessageBody(message); !body.empty()) {
    *context.out << "\n" << body;
  }
}

void PrintRetried(Context& context, const json& result) {
  std::vector<std::string> ids;
  for (const json& id : ArrayField(result, "retried")) {
    ids.push_back("#" + std::to_string(id.get<int64_t>()));
  }
  if (ids.empty()) {
    *context.out << "nothing to retry: no failed or dead messages\n";
    return;
  }
  *context.out << "retrying " << CountOf(static_cast<int64_t>(ids.size()), "message", "messages")
               << " now: " << JoinNames(ids, ", ") << "\n";
}

void SetupMessages(CLI::App& outbox, Context& context) {
  auto options = std::make_shared<MessagesOptions>();
  CLI::App* command = outbox.add_subcommand(
      "messages", "dubanctl outbox messages: the messages sent or to be sent, newest first");
  command->add_option("--state", options->state, "only messages in this state: queued, failed, sent, dead")
      ->check(CLI::IsMember({"queued", "failed", "sent", "dead"}));
  command->add_option("--target", options->target,
                      "only messages to this email address or [[webhook]] name");
  command->add_option("--action", options->action,
                      "only messages carrying this outbox row (its id in dubanctl outbox --json)");
  command->add_option("--limit", options->limit, "at most this many messages (default 100)");
  command->callback([&context, options, &outbox] {
    if (RejectOutboxOptions(context, outbox, "messages")) return;
    context.CallAndPrint("outbox.messages", MessagesArgs(*options),
                         [&](const json& result) { PrintMessages(context, result, *options); });
  });
}

void SetupShow(CLI::App& outbox, Context& context) {
  auto id = std::make_shared<int64_t>(0);
  CLI::App* command = outbox.add_subcommand(
      "show", "dubanctl outbox show ID: one message in full, with its text and the server's reply");
  command->add_option("ID", *id, "the message's id (from dubanctl outbox messages)")->required();
  command->callback([&context, id, &outbox] {
    if (RejectOutboxOptions(context, outbox, "show")) return;
    context.CallAndPrint("outbox.message", MessageArgs(*id),
                         [&](const json& result) { PrintMessage(context, result); });
  });
}

void SetupRetry(CLI::App& outbox, Context& context) {
  auto options = std::make_shared<RetryOptions>();
  CLI::App* command = outbox.add_subcommand(
      "retry", "dubanctl outbox retry ID... | --all-failed: send failed or dead messages again now");
  command->add_option("ID", options->ids, "the ids of the messages to send again");
  command->add_flag("--all-failed", options->all_failed, "every failed and every dead message");
  command->callback([&context, options, &outbox] {
    if (RejectOutboxOptions(context, outbox, "retry")) return;
    context.CallAndPrint("outbox.retry", RetryArgs(*options),
                         [&](const json& result) { PrintRetried(context, result); });
  });
}

// Polls outbox.message for `id` on the real clock.
DeliveryWaitResult WaitForTestMessage(Context& context, int64_t id, double wait_seconds) {
  DeliveryPoller poller;
  poller.fetch = [&context, id]() -> std::optional<json> {
    std::optional<json> result = context.Call("outbox.message", json{{"id", id}});
    if (!result) return std::nullopt;
    return result->at("message");
  };
  poller.now = [] { return DeliveryPoller::Clock::now(); };
  poller.pause = [](DeliveryPoller::Clock::duration pause) { std::this_thread::sleep_for(pause); };
  const auto wait = std::chrono::duration_cast<DeliveryPoller::Clock::duration>(
      std::chrono::duration<double>(wait_seconds));
  return WaitForDelivery(poller, wait, kPollInterval);
}

// Prints the outcome and sets the exit code: 0 only when the message was sent.
void ReportOutcome(Context& context, json queued, const DeliveryWaitResult& waited,
                   double wait_seconds) {
  const int64_t id = IntField(queued, "id");
  if (context.json) {
    queued["outcome"] = waited.message;
    queued["timed_out"] = waited.end == DeliveryWaitResult::End::kTimedOut;
    context.PrintJson(queued);
  }
  if (waited.end == DeliveryWaitResult::End::kTimedOut) {
    context.Fail(kExitDaemonError,
                 "test message #" + std::to_string(id) + " is still queued after " +
                     FormatDuration(static_cast<int64_t>(wait_seconds)) +
                     " (see dubanctl outbox show " + std::to_string(id) + ")");
  } else if (!IsSent(waited.message)) {
    context.Fail(kExitDaemonError, OutcomeLine(waited.message));
  } else if (!context.json) {
    *context.out << OutcomeLine(waited.message) << "\n";
  }
}

void RunNotifyTest(Context& context, const NotifyTestOptions& options) {
  Result<json> args = NotifyTestArgs(options);
  if (!args.ok()) {
    context.Fail(kExitUsage, args.status().message());
    return;
  }
  context.Run([&] {
    std::optional<json> queued = context.Call("notify.test", *args);
    if (!queued) return;
    const int64_t id = IntField(*queued, "id");
    if (!context.json) *context.out << QueuedLine(queued->value("message", json{{"id", id}})) << "\n";
    if (options.wait_seconds <= 0) {
      if (context.json) {
        context.PrintJson(*queued);
      } else {
        *context.out << "not waiting; see dubanctl outbox show " << id << "\n";
      }
      return;
    }
    DeliveryWaitResult waited = WaitForTestMessage(context, id, options.wait_seconds);
    if (waited.end == DeliveryWaitResult::End::kCallFailed) return;  // reported by Call
    ReportOutcome(context, *queued, waited, options.wait_seconds);
  });
}

void SetupNotifyTest(CLI::App& notify, Context& context) {
  auto options = std::make_shared<NotifyTestOptions>();
  CLI::App* command = notify.add_subcommand(
      "test", "dubanctl notify test --agency X --channel email|webhook: send a test message now");
  command->add_option("--agency", options->agency, "the agency (name or alias) to send it to")
      ->required();
  command->add_option("--channel", options->channel, "email (its contact address) or webhook")
      ->required()
      ->check(CLI::IsMember({"email", "webhook"}));
  command->add_option("--wait", options->wait_seconds,
                      "seconds to wait for the outcome (default 30; 0: queue and return)")
      ->check(CLI::NonNegativeNumber);
  command->callback([&context, options] { RunNotifyTest(context, *options); });
}

}  // namespace

void SetupOutboxMessageCommands(CLI::App& outbox, Context& context) {
  SetupMessages(outbox, context);
  SetupShow(outbox, context);
  SetupRetry(outbox, context);
}

void SetupNotifyCommands(CLI::App& command, Context& context) {
  SetupNotifyTest(command, context);
  command.require_subcommand(1);
}

}  // namespace duban::ctl
