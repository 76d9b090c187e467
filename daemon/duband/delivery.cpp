#include "daemon/duband/delivery.h"

#include <algorithm>
#include <map>
#include <random>

#include <spdlog/spdlog.h>

#include "daemon/duband/owed_check.h"
#include "notifiers/message_planner.h"
#include "notifiers/test_notice.h"
#include "workflow/target_status.h"
#include "workflow/task_headline.h"

namespace duban {
namespace {

// Pending rows planned per transaction; a wake with more plans again until none is left.
constexpr int kPlanBatch = 5000;

// The headline of task `ref` as notices show it, from the store's record ("" if it cannot
// be read, logged: the notice still goes out, without it).
std::string Headline(Store& store, std::string_view ref) {
  Result<TaskRecord> record = store.GetTask(ref);
  if (!record.ok()) {
    spdlog::error("delivery: cannot read task {} for its headline: {}", ref,
                  record.status().message());
    return "";
  }
  return TaskHeadline(record->task);
}

}  // namespace

Result<DeliveryParts> PrepareDelivery(const Config& config) {
  Result<TemplateSet> templates = TemplateSet::Build(config.templates);
  if (!templates.ok()) return templates.status();
  std::unique_ptr<TransportFactory> transports = MakeConfiguredTransports(config);
  // Builds (without connecting) an email transport once, so a [mail] mistake the loader
  // could not see stops the start or the reload instead of killing every message.
  if (Result<std::unique_ptr<Transport>> email = transports->Email(); !email.ok()) {
    return Status::InvalidArgument("[mail]: " + email.status().message());
  }
  return DeliveryParts{config, std::move(templates).value(), std::move(transports),
                       DispatchSettingsFrom(config)};
}

Delivery::Delivery(boost::asio::io_context& io, Store& store, TrackingModel& model,
                   DeliveryParts parts, Clock clock)
    : store_(store),
      model_(model),
      clock_(std::move(clock)),
      config_(std::move(parts.config)),
      templates_(std::move(parts.templates)) {
  const int threads = parts.dispatch.email_sessions + parts.dispatch.webhook_concurrency;
  dispatcher_ = std::make_unique<Dispatcher>(io, store_, std::move(parts.transports),
                                             std::move(parts.dispatch), clock_, threads,
                                             std::random_device{}());
  // The report's first check covers the downtime since the last evaluation mark (none on
  // a first start: from now on, like the reminders).
  Result<std::optional<int64_t>> mark = store_.EvaluatedUntil();
  const int64_t checked_until = mark.ok() && mark->has_value() ? **mark : clock_();
  report_ = std::make_unique<PeriodicReport>(store_, model_, checked_until);
}

void Delivery::Start() {
  QueueDue(clock_());
  dispatcher_->Start();
}

void Delivery::AfterWake(int64_t now) {
  const bool queued = QueueDue(now);
  const int reports = report_->AfterWake(config_, now);
  if (queued || reports > 0) dispatcher_->Kick();
}

std::optional<int64_t> Delivery::NextReportTime(int64_t now) const {
  return report_->NextTime(config_, now);
}

void Delivery::Apply(DeliveryParts parts) {
  config_ = std::move(parts.config);
  templates_ = std::move(parts.templates);
  dispatcher_->Reconfigure(std::move(parts.transports), std::move(parts.dispatch));
}

void Delivery::Stop() { dispatcher_->Stop(); }

bool Delivery::QueueDue(int64_t now) {
  OutboxFilter filter;
  filter.state = "pending";
  filter.due_by = now;
  filter.limit = kPlanBatch;
  // Bounded: each round moves every row it read out of pending, so this ends long before.
  for (int round = 0; round < 10000; ++round) {
    Result<std::vector<OutboxRow>> rows = store_.ListOutbox(filter);
    if (!rows.ok()) {
      spdlog::error("delivery: cannot read the due actions: {}", rows.status().message());
      return false;
    }
    if (rows->empty()) return true;
    std::vector<std::optional<std::string>> verdicts = CheckStillOwed(*rows, model_);
    std::map<int64_t, std::string> not_owed;
    for (std::size_t i = 0; i < rows->size(); ++i) {
      if (verdicts[i]) not_owed.emplace((*rows)[i].id, *verdicts[i]);
    }
    const EvaluationContext evaluation = model_.context();
    PlanningContext context{templates_,     evaluation.zone,  config_.agencies,
                            config_.office, config_.webhooks, config_.delivery,
                            config_.mail,   {},               {}};
    context.no_longer_owed = [&not_owed](const OutboxRow& row) -> std::optional<std::string> {
      auto it = not_owed.find(row.id);
      if (it == not_owed.end()) return std::nullopt;
      return it->second;
    };
    // Targets are read as the message is planned: the notice shows the last value known
    // when it is written.
    // The model keeps no texts (workflow/task_outline.h): the headline is read from the
    // store, once per task in this round.
    std::map<std::string, std::string, std::less<>> headlines;
    context.task_summary = [this, now, &evaluation, &headlines](std::string_view ref) {
      const TrackedTask* task = model_.FindTask(ref);
      if (task == nullptr) return TaskSummary{};
      auto headline = headlines.find(ref);
      if (headline == headlines.end()) {
        headline = headlines.emplace(std::string(ref), Headline(store_, ref)).first;
      }
      return TaskSummary{headline->second, task->task.section,
                         NoticeTargets(ReadTargets(*task, now, evaluation.zone), evaluation.zone)};
    };
    std::vector<std::string> warnings;
    MessagePlan plan = PlanMessages(*rows, context, now, &warnings);
    for (const std::string& warning : warnings) spdlog::warn("delivery: {}", warning);
    for (const auto& [id, reason] : plan.undeliverable) {
      spdlog::error("delivery: action {} cannot be delivered: {}", id, reason);
    }
    Result<std::vector<int64_t>> queued = store_.QueueMessages(plan, now);
    if (!queued.ok()) {
      spdlog::error("delivery: cannot queue {} message(s): {}", plan.messages.size(),
                    queued.status().message());
      return false;
    }
    spdlog::info("delivery: {} due action(s) → {} message(s) queued, {} cancelled, {} undeliverable",
                 rows->size(), queued->size(), plan.cancelled.size(), plan.undeliverable.size());
    if (static_cast<int>(rows->size()) < kPlanBatch) return true;
  }
  return true;
}

HandlerDelivery Delivery::Hooks() {
  HandlerDelivery hooks;
  hooks.kick = [this] { dispatcher_->Kick(); };
  hooks.send_report = [this](const ReportSendRequest& request, const std::string& actor,
                             int64_t now) { return report_->Send(config_, request, actor, now); };
  hooks.test_message = [this](const std::string& agency, Channel channel,
                              int64_t now) -> Result<Message> {
    auto it = std::find_if(config_.agencies.begin(), config_.agencies.end(),
                           [&agency](const AgencyInfo& info) {
                             return info.name == agency ||
                                    std::find(info.aliases.begin(), info.aliases.end(), agency) !=
                                        info.aliases.end();
                           });
    if (it == config_.agencies.end()) {
      return Status::NotFound("no [[agency]] named '" + agency + "' in the configuration");
    }
    return BuildTestNotice(*it, channel, config_.office, model_.context().zone, now);
  };
  return hooks;
}

}  // namespace duban
