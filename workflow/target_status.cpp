// Where a task's confirmed targets stand (workflow/target_status.h).
#include "workflow/target_status.h"

#include <algorithm>
#include <cmath>

namespace duban {

namespace {

// Reported figures are decimals typed by people and the comparison is with decimals written
// in a plan: 7.2 ≥ 7.2 must hold although both went through binary doubles.
constexpr double kSlack = 1e-9;

bool Meets(const Target& target, double value) {
  const double slack = kSlack * std::max(1.0, std::abs(target.value));
  switch (target.comparison) {
    case TargetComparison::kAtLeast: return value >= target.value - slack;
    case TargetComparison::kAtMost: return value <= target.value + slack;
    case TargetComparison::kAbout: return std::abs(value - target.value) <= target.tolerance + slack;
  }
  return false;
}

// The local days [first, last] of the target's current period, if it has an end.
struct Window {
  CivilDate first;
  CivilDate last;
};

std::optional<Window> CurrentWindow(const TrackedTask& task, const Target& target,
                                    CivilDate today) {
  using namespace std::chrono;
  switch (target.period) {
    case TargetPeriod::kYearly: {
      const year y = year_month_day(today).year();
      return Window{CivilDate(y / January / 1), CivilDate(y / December / 31)};
    }
    case TargetPeriod::kByDate: {
      const auto by = ParseCivilDate(target.by_date);
      if (!by) return std::nullopt;
      return Window{task.tracking_start, *by};
    }
    case TargetPeriod::kCumulative:
      if (!task.deadline.final_due) return std::nullopt;
      return Window{task.tracking_start, *task.deadline.final_due};
  }
  return std::nullopt;
}

// The share of the window elapsed at the end of `today` (today counts as elapsed), 0..1.
double ElapsedShare(const Window& window, CivilDate today) {
  const double total = static_cast<double>((window.last - window.first).count() + 1);
  const double elapsed = static_cast<double>((today - window.first).count() + 1);
  if (total <= 0) return 1;
  return std::clamp(elapsed / total, 0.0, 1.0);
}

struct Latest {
  const Feedback* feedback = nullptr;
  double value = 0;
};

// The latest value of `target` received by `now`, within its period (yearly: this year).
Latest LatestValue(const TrackedTask& task, const Target& target, int64_t now, CivilDate today,
                   const TimeZone& zone) {
  Latest latest;
  for (const Feedback& feedback : task.feedback) {
    if (feedback.at > now) continue;
    if (target.period == TargetPeriod::kYearly &&
        YearOf(zone.ToLocal(feedback.at).date) != YearOf(today)) {
      continue;
    }
    for (const ReportedValue& reported : feedback.values) {
      if (reported.name != target.name) continue;
      const bool later = latest.feedback == nullptr || feedback.at > latest.feedback->at ||
                         (feedback.at == latest.feedback->at && feedback.id > latest.feedback->id);
      if (later) latest = {&feedback, reported.value};
    }
  }
  return latest;
}

TargetReading Read(const TrackedTask& task, const Target& target, int64_t now, CivilDate today,
                   const TimeZone& zone) {
  TargetReading reading;
  reading.target = target;
  const Latest latest = LatestValue(task, target, now, today, zone);
  if (latest.feedback == nullptr) {
    reading.status = TargetStatus::kMissing;
    return reading;
  }
  reading.last_value = latest.value;
  reading.last_at = latest.feedback->at;
  reading.last_agency = latest.feedback->agency;
  if (Meets(target, latest.value)) {
    reading.status = TargetStatus::kMet;
    return reading;
  }
  reading.status = TargetStatus::kBehind;
  // Pro rata only for a quantity that accumulates towards an "at least" figure: 2 of 5
  // new parks by June is on track, a growth rate of 3% against 7% is not.
  if (target.comparison != TargetComparison::kAtLeast || IsRateUnit(target.unit)) return reading;
  const auto window = CurrentWindow(task, target, today);
  if (!window || today > window->last) return reading;
  reading.expected_now = target.value * ElapsedShare(*window, today);
  const double slack = kSlack * std::max(1.0, std::abs(target.value));
  if (latest.value >= *reading.expected_now - slack) reading.status = TargetStatus::kOnTrack;
  return reading;
}

}  // namespace

std::string_view TargetStatusName(TargetStatus status) {
  switch (status) {
    case TargetStatus::kMet: return "met";
    case TargetStatus::kOnTrack: return "on_track";
    case TargetStatus::kBehind: return "behind";
    case TargetStatus::kMissing: return "missing";
  }
  return "missing";
}

std::string_view TargetStatusNameZh(TargetStatus status) {
  switch (status) {
    case TargetStatus::kMet: return "已达标";
    case TargetStatus::kOnTrack: return "进度正常";
    case TargetStatus::kBehind: return "滞后";
    case TargetStatus::kMissing: return "未报送";
  }
  return "未报送";
}

bool IsRateUnit(std::string_view unit) {
  return unit == "%" || unit == "％" || unit == "‰" || unit == "个百分点" || unit == "百分点" ||
         unit == "倍";
}

double DefaultAboutTolerance(const Target& target) {
  if (IsRateUnit(target.unit) && target.unit != "倍") return 0.5;
  return std::abs(target.value) * 0.05;
}

std::vector<TargetReading> ReadTargets(const TrackedTask& task, int64_t now,
                                       const TimeZone& zone) {
  std::vector<TargetReading> readings;
  const CivilDate today = zone.ToLocal(now).date;
  for (const Target& target : task.targets) {
    if (target.state != TargetState::kConfirmed) continue;
    readings.push_back(Read(task, target, now, today, zone));
  }
  return readings;
}

}  // namespace duban
