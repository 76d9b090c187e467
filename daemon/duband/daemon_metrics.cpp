#include "daemon/duband/daemon_metrics.h"

#include <map>
#include <string>

#include "daemon/duband/version.h"
#include "daemon/protocol.h"
#include "workflow/traffic_light.h"

namespace duban {
namespace {

// Every outbox state (workflow/store.h, OutboxRow::state), so a state with no rows reads
// 0 instead of vanishing from the scrape.
constexpr const char* kOutboxStates[] = {"pending", "skipped", "cancelled", "queued",
                                         "sent",    "failed",  "dead"};
constexpr std::string_view kMessageStates[] = {kMessageQueued, kMessageFailed, kMessageSent,
                                               kMessageDead};
constexpr Light kLights[] = {Light::kRed, Light::kYellow, Light::kGreen, Light::kNone};

double Seconds(int64_t value) { return static_cast<double>(value); }

}  // namespace

Result<MetricRegistry> DaemonMetrics::Collect() const {
  MetricRegistry registry;
  const int64_t now = sources_.clock();
  if (Status status = AddStoreFamilies(registry); !status.ok()) return status;
  AddLightFamily(registry, now);
  AddDeliveryFamilies(registry);
  AddSchedulerFamilies(registry);
  AddProcessFamilies(registry, now);
  return registry;
}

Result<std::string> DaemonMetrics::Render() const {
  Result<MetricRegistry> registry = Collect();
  if (!registry.ok()) return registry.status();
  return registry->Render();
}

Status DaemonMetrics::AddStoreFamilies(MetricRegistry& registry) const {
  Store& store = *sources_.store;
  Result<StoreSummary> summary = store.Summary();
  if (!summary.ok()) return summary.status();
  registry.Gauge("duban_tasks", "Tasks in the store by lifecycle state.")
      .Add({{"state", "active"}}, summary->active_tasks)
      .Add({{"state", "suspended"}}, summary->suspended_tasks)
      .Add({{"state", "completed"}}, summary->completed_tasks)
      .Add({{"state", "removed"}}, summary->removed_tasks);

  MetricFamily& outbox =
      registry.Gauge("duban_outbox_rows", "Decided actions in the outbox by state.");
  for (const char* state : kOutboxStates) {
    OutboxFilter filter;
    filter.state = state;
    Result<int64_t> count = store.CountOutbox(filter);
    if (!count.ok()) return count.status();
    outbox.Add({{"state", state}}, static_cast<double>(*count));
  }

  Result<std::map<std::string, int64_t>> messages = store.CountMessagesByState();
  if (!messages.ok()) return messages.status();
  MetricFamily& by_state = registry.Gauge("duban_messages", "Messages in the store by state.");
  for (std::string_view state : kMessageStates) {
    auto it = messages->find(std::string(state));
    by_state.Add({{"state", std::string(state)}},
                 it == messages->end() ? 0.0 : static_cast<double>(it->second));
  }

  Result<std::optional<int64_t>> mark = store.EvaluatedUntil();
  if (!mark.ok()) return mark.status();
  MetricFamily& evaluated = registry.Gauge(
      "duban_scheduler_evaluated_until_timestamp_seconds",
      "The evaluation mark: actions up to this time (UTC seconds) have been decided.");
  if (mark->has_value()) evaluated.Add(Seconds(**mark));
  return Status::OK();
}

void DaemonMetrics::AddLightFamily(MetricRegistry& registry, int64_t now) const {
  MetricFamily& lights = registry.Gauge(
      "duban_tasks_by_light",
      "Tracked (not removed) tasks by traffic light (red, yellow, green, none) now.");
  if (sources_.model == nullptr) return;
  std::map<Light, int64_t> counts = sources_.model->LightCounts(now);
  for (Light light : kLights) {
    lights.Add({{"light", std::string(LightName(light))}}, static_cast<double>(counts[light]));
  }
}

void DaemonMetrics::AddDeliveryFamilies(MetricRegistry& registry) const {
  const DispatchCounters* counters = sources_.delivery ? sources_.delivery() : nullptr;
  MetricFamily& sent = registry.Counter(
      "duban_sends_total", "Messages sent successfully since duband started, by channel.");
  MetricFamily& failures = registry.Counter(
      "duban_send_failures_total",
      "Failed send attempts since duband started, by channel; result=retry will be retried, "
      "result=dead gave up.");
  MetricFamily& deferred = registry.Counter(
      "duban_sends_deferred_total",
      "Sends held back by a webhook rate limit since duband started (not attempts).");
  MetricFamily& in_flight =
      registry.Gauge("duban_sends_in_flight", "Messages being sent now, by channel.");
  MetricFamily& abandoned = registry.Counter(
      "duban_sends_abandoned_total",
      "Sends abandoned by a stop whose grace ran out (they stay queued).");
  if (counters == nullptr) return;
  const std::pair<const char*, const ChannelCounters*> channels[] = {
      {"email", &counters->email}, {"webhook", &counters->webhook}};
  for (const auto& [name, channel] : channels) {
    sent.Add({{"channel", name}}, static_cast<double>(channel->sent));
    failures.Add({{"channel", name}, {"result", "retry"}}, static_cast<double>(channel->failed));
    failures.Add({{"channel", name}, {"result", "dead"}}, static_cast<double>(channel->dead));
    deferred.Add({{"channel", name}}, static_cast<double>(channel->deferred));
    in_flight.Add({{"channel", name}}, channel->in_flight);
  }
  abandoned.Add(static_cast<double>(counters->abandoned));
}

void DaemonMetrics::AddSchedulerFamilies(MetricRegistry& registry) const {
  MetricFamily& wakes = registry.Counter(
      "duban_evaluations_total", "Scheduler wakes (evaluations) recorded since duband started.");
  MetricFamily& failures = registry.Counter(
      "duban_evaluation_failures_total",
      "Scheduler wakes whose decisions the store could not record (retried).");
  MetricFamily& duration = registry.Gauge(
      "duban_last_evaluation_duration_seconds",
      "How long the last wake took to evaluate what fell due and record it.");
  MetricFamily& last = registry.Gauge("duban_last_evaluation_timestamp_seconds",
                                      "When (UTC seconds) the last wake evaluated.");
  MetricFamily& next = registry.Gauge("duban_scheduler_next_wake_timestamp_seconds",
                                      "When (UTC seconds) the scheduler wakes next.");
  if (sources_.timer != nullptr) {
    const WakeStats& stats = sources_.timer->stats();
    wakes.Add(static_cast<double>(stats.wakes));
    failures.Add(static_cast<double>(stats.failures));
    if (stats.last_at) {
      duration.Add(stats.last_duration_seconds);
      last.Add(Seconds(*stats.last_at));
    }
  }
  if (sources_.scheduler != nullptr && sources_.scheduler->next_wake()) {
    next.Add(Seconds(*sources_.scheduler->next_wake()));
  }
}

void DaemonMetrics::AddProcessFamilies(MetricRegistry& registry, int64_t now) const {
  registry.Gauge("duban_build_info", "Always 1; the labels name the build.")
      .Add({{"version", std::string(kDubandVersion)},
            {"protocol", std::to_string(protocol::kProtocolVersion)}},
           1);
  registry.Gauge("duban_start_time_seconds", "When (UTC seconds) duband started.")
      .Add(Seconds(sources_.started_at));
  registry.Gauge("duban_uptime_seconds", "Seconds since duband started.")
      .Add(Seconds(now - sources_.started_at));
}

}  // namespace duban
