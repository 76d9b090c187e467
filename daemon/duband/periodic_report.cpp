#include "daemon/duband/periodic_report.h"

#include <set>

#include <spdlog/spdlog.h>

#include "daemon/duband/assessment_source.h"
#include "daemon/duband/report_messages.h"
#include "daemon/plan_json.h"
#include "reports/assessment_report.h"

namespace duban {
namespace {

// How many missed occurrences are named one by one in the log after a long downtime.
constexpr int kMaxSkippedLogged = 24;

std::string PrefixFor(ReportCadence cadence, const std::string& period) {
  return "report|" + std::string(ReportCadenceName(cadence)) + "|" + period;
}

// The keys among `messages` that the messages table holds already.
Result<std::set<std::string>> ExistingKeys(Store& store, const std::vector<Message>& messages) {
  std::set<std::string> wanted;
  std::set<std::string> targets;
  for (const Message& message : messages) {
    wanted.insert(message.key);
    targets.insert(message.target);
  }
  std::set<std::string> existing;
  for (const std::string& target : targets) {
    MessageFilter filter;
    filter.target = target;
    filter.limit = 1'000'000;
    Result<std::vector<Message>> found = store.ListMessages(filter);
    if (!found.ok()) return found.status();
    for (const Message& message : *found) {
      if (wanted.count(message.key) > 0) existing.insert(message.key);
    }
  }
  return existing;
}

// A period named "YYYY-MM" (a month) or "YYYY-Qn" (a quarter): its occurrence under
// `schedule`'s working day, time and span, whatever the configured cadence.
std::optional<ReportOccurrence> OccurrenceOfPeriod(ReportSchedule schedule, const std::string& period,
                                                   const EvaluationContext& context) {
  schedule.cadence = period.find('Q') != std::string::npos ? ReportCadence::kQuarterly
                                                           : ReportCadence::kMonthly;
  return ReportOccurrenceFor(schedule, period, context.calendar, context.zone);
}

}  // namespace

PeriodicReport::PeriodicReport(Store& store, TrackingModel& model, int64_t checked_until)
    : store_(store), model_(model), checked_until_(checked_until) {
  Result<std::optional<int64_t>> mark = store_.ReadMark(kCheckedUntilMark);
  if (!mark.ok()) {
    spdlog::warn("report: cannot read how far the periodic report checked; starting from "
                 "the scheduler's mark: {}", mark.status().message());
  } else if (mark->has_value()) {
    checked_until_ = **mark;
    persisted_until_ = **mark;
  }
}

void PeriodicReport::Persist(const std::optional<ReportOccurrence>& latest) {
  // One write per handled occurrence, not per wake: the mark only has to pass the send
  // time of the latest occurrence handled, so that a restart does not handle it again.
  if (!latest || latest->send_at <= persisted_until_) return;
  if (Status written = store_.WriteMark(kCheckedUntilMark, checked_until_); !written.ok()) {
    spdlog::warn("report: cannot record how far the periodic report checked (a restart "
                 "checks again; queued reports are never queued twice): {}",
                 written.message());
    return;
  }
  persisted_until_ = checked_until_;
}

std::optional<int64_t> PeriodicReport::NextTime(const Config& config, int64_t now) const {
  const EvaluationContext context = model_.context();
  std::optional<ReportOccurrence> next =
      NextReportAfter(config.report.schedule, context.calendar, context.zone, now);
  if (!next) return std::nullopt;
  return next->send_at;
}

int PeriodicReport::AfterWake(const Config& config, int64_t now) {
  if (now <= checked_until_) return 0;  // nothing new, or the clock went back
  const ReportSchedule& schedule = config.report.schedule;
  const EvaluationContext context = model_.context();
  std::optional<ReportOccurrence> latest =
      LatestReportDue(schedule, context.calendar, context.zone, now);
  if (!latest || latest->send_at <= checked_until_) {
    checked_until_ = now;
    Persist(latest);
    return 0;
  }
  ReportOccurrence older = PreviousReport(schedule, *latest, context.calendar, context.zone);
  for (int i = 0; i < kMaxSkippedLogged && older.send_at > checked_until_; ++i) {
    spdlog::warn("report: the {} report of {} was due at {} while duband was down; skipped, "
                 "only the latest ({}) is sent (dubanctl report send --period {} sends it)",
                 ReportCadenceName(schedule.cadence), older.period,
                 FormatLocalTime(older.send_at, context.zone), latest->period, older.period);
    older = PreviousReport(schedule, older, context.calendar, context.zone);
  }
  Result<ReportSendOutcome> queued =
      Queue(config, PrefixFor(schedule.cadence, latest->period), latest->from, latest->to,
            latest->send_at, now, /*dry_run=*/false);
  if (!queued.ok()) {
    spdlog::error("report: cannot queue the {} report of {}; retrying at the next wake: {}",
                  ReportCadenceName(schedule.cadence), latest->period, queued.status().message());
    return 0;
  }
  checked_until_ = now;
  Persist(latest);
  for (const std::string& miss : queued->misses) spdlog::error("report: {}", miss);
  spdlog::info("report: {} report of {} ({} to {}) queued to {} recipient(s), {} queued before",
               ReportCadenceName(schedule.cadence), latest->period, FormatCivilDate(latest->from),
               FormatCivilDate(latest->to), queued->messages.size(), queued->already_queued);
  return static_cast<int>(queued->messages.size());
}

Result<ReportSendOutcome> PeriodicReport::Send(const Config& config,
                                               const ReportSendRequest& request,
                                               const std::string& actor, int64_t now) {
  const EvaluationContext context = model_.context();
  std::string prefix;
  CivilDate from;
  CivilDate to;
  if (request.from || request.to) {
    if (!request.from || !request.to) {
      return Status::InvalidArgument("give both from and to, or a period");
    }
    if (*request.from > *request.to) {
      return Status::InvalidArgument("from (" + FormatCivilDate(*request.from) + ") is after to (" +
                                     FormatCivilDate(*request.to) + ")");
    }
    from = *request.from;
    to = *request.to;
    prefix = "report|dates|" + FormatCivilDate(from) + "|" + FormatCivilDate(to);
  } else {
    std::optional<ReportOccurrence> occurrence;
    if (!request.period.empty()) {
      occurrence = OccurrenceOfPeriod(config.report.schedule, request.period, context);
      if (!occurrence) {
        return Status::InvalidArgument("period \"" + request.period +
                                       "\" is not a month (2026-11) or a quarter (2026-Q3)");
      }
    } else {
      occurrence = LatestReportDue(config.report.schedule, context.calendar, context.zone, now);
      if (!occurrence) {
        return Status::FailedPrecondition(
            "[report] schedule is off: give a period (2026-11, 2026-Q3) or from and to");
      }
    }
    from = occurrence->from;
    to = occurrence->to;
    const ReportCadence cadence = request.period.find('Q') != std::string::npos ||
                                          (request.period.empty() &&
                                           config.report.schedule.cadence == ReportCadence::kQuarterly)
                                      ? ReportCadence::kQuarterly
                                      : ReportCadence::kMonthly;
    prefix = PrefixFor(cadence, occurrence->period);
  }
  if (config.report.email.empty() && config.report.webhooks.empty()) {
    return Status::FailedPrecondition("[report] lists no recipient (email, webhooks)");
  }
  if (request.force) prefix += "|resend-" + std::to_string(now);
  Result<ReportSendOutcome> outcome = Queue(config, prefix, from, to, now, now, request.dry_run);
  if (outcome.ok() && outcome->messages.empty() && outcome->already_queued > 0) {
    return Status::FailedPrecondition("the report " + prefix +
                                      " was queued before; --force sends it again");
  }
  if (outcome.ok() && !request.dry_run) {
    spdlog::info("report: {} queued by {} to {} recipient(s)", prefix, actor,
                 outcome->messages.size());
  }
  return outcome;
}

Result<ReportSendOutcome> PeriodicReport::Queue(const Config& config, const std::string& key_prefix,
                                                CivilDate from, CivilDate to, int64_t as_of,
                                                int64_t now, bool dry_run) {
  AssessmentRequest request;
  request.from = from;
  request.to = to;
  request.now = as_of;
  Result<Assessment> assessment = AssessTrackedState(store_, model_, request);
  if (!assessment.ok()) return assessment.status();
  ReportMessages built = BuildReportMessages(*assessment, key_prefix, config, now);
  Result<std::set<std::string>> existing = ExistingKeys(store_, built.messages);
  if (!existing.ok()) return existing.status();
  ReportSendOutcome outcome{key_prefix, from, to, AssessmentTitle(*assessment), {},
                            std::move(built.misses)};
  MessagePlan plan;
  for (Message& message : built.messages) {
    if (existing->count(message.key) > 0) continue;  // queued before: never twice
    plan.messages.push_back(std::move(message));
  }
  outcome.already_queued = static_cast<int>(existing->size());
  if (!dry_run) {
    Result<std::vector<int64_t>> ids = store_.QueueMessages(plan, now);
    if (!ids.ok()) return ids.status();
    // QueueMessages returns the ids of the messages it inserted, in plan order; none was
    // there already (checked above, on this one thread).
    for (std::size_t i = 0; i < plan.messages.size() && i < ids->size(); ++i) {
      plan.messages[i].id = (*ids)[i];
    }
  }
  outcome.messages = std::move(plan.messages);
  return outcome;
}

}  // namespace duban
