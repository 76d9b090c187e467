#include "workflow/occurrence_series.h"

#include <algorithm>
#include <cstdio>

namespace duban {
namespace {

using std::chrono::days;
using std::chrono::months;
using std::chrono::year_month;
using std::chrono::year_month_day;
using std::chrono::year_month_day_last;

// The first day of the month `count` months after the month of `day`.
CivilDate MonthStartAfter(CivilDate day, int count) {
  year_month_day ymd{day};
  year_month ym = year_month{ymd.year(), ymd.month()} + months{count};
  return CivilDate{ym / std::chrono::day{1}};
}

std::string PeriodId(CivilDate start, int months_per_period) {
  year_month_day ymd{start};
  const int year = static_cast<int>(ymd.year());
  const unsigned month = static_cast<unsigned>(ymd.month());
  char buffer[32];
  switch (months_per_period) {
    case 1: std::snprintf(buffer, sizeof buffer, "%04d-M%02u", year, month); break;
    case 3: std::snprintf(buffer, sizeof buffer, "%04d-Q%u", year, (month - 1) / 3 + 1); break;
    case 6: std::snprintf(buffer, sizeof buffer, "%04d-H%u", year, (month - 1) / 6 + 1); break;
    default: std::snprintf(buffer, sizeof buffer, "%04d-Y", year); break;
  }
  return buffer;
}

// When the report for the period ending `end` is due (see the header).
CivilDate ReportDueDate(const ReportDue& rule, CivilDate end, const WorkdayTable& days_table) {
  if (rule.fixed_day > 0) {
    year_month_day next{end + days{1}};
    year_month_day_last last{next.year(), std::chrono::month_day_last{next.month()}};
    const unsigned day = std::min(static_cast<unsigned>(rule.fixed_day),
                                  static_cast<unsigned>(last.day()));
    CivilDate fixed{year_month_day{next.year(), next.month(), std::chrono::day{day}}};
    return days_table.AddWorkingDays(fixed, 0);
  }
  return days_table.AddWorkingDays(end, rule.working_days_after);
}

}  // namespace

int MonthsPerPeriod(ReportCycle cycle) {
  switch (cycle) {
    case ReportCycle::kMonthly: return 1;
    case ReportCycle::kQuarterly: return 3;
    case ReportCycle::kHalfYearly: return 6;
    case ReportCycle::kYearly: return 12;
    case ReportCycle::kNone: break;
  }
  return 0;
}

CivilDate PeriodStartContaining(CivilDate day, int months_per_period) {
  year_month_day ymd{day};
  const unsigned month = static_cast<unsigned>(ymd.month());
  const unsigned first = (month - 1) / static_cast<unsigned>(months_per_period) *
                             static_cast<unsigned>(months_per_period) + 1;
  return CivilDate{year_month_day{ymd.year(), std::chrono::month{first}, std::chrono::day{1}}};
}

CivilDate AgencyDueDate(Role role, CivilDate due, int participant_lead_days,
                        const WorkdayTable& days_table) {
  if (role != Role::kParticipant || participant_lead_days <= 0) return due;
  return days_table.AddWorkingDays(due, -participant_lead_days);
}

OccurrenceSeries::OccurrenceSeries(const DeadlineSpec& spec, const WorkdayTable& days_table,
                                   CivilDate tracking_start)
    : spec_(spec), days_(days_table), months_(MonthsPerPeriod(spec.cycle)) {
  reports_ = months_ > 0;
  bounded_ = !reports_ || spec.final_due.has_value();
  if (reports_) {
    period_start_ = PeriodStartContaining(tracking_start, months_);
    if (spec.final_due && *spec.final_due < period_start_) reports_ = false;
  }
  if (spec.final_due) {
    DueOccurrence final_occurrence;
    final_occurrence.id = "final";
    final_occurrence.final = true;
    final_occurrence.period_end = *spec.final_due;
    final_occurrence.due = *spec.final_due;
    // From the day after the last report period that ends before the final due date:
    // the start of the period containing it, unless that is the first tracked period.
    final_occurrence.period_start = tracking_start;
    if (reports_) {
      CivilDate containing = PeriodStartContaining(*spec.final_due, months_);
      if (containing > period_start_) final_occurrence.period_start = containing;
    }
    final_ = std::move(final_occurrence);
  }
}

std::optional<DueOccurrence> OccurrenceSeries::NextReport() {
  if (!reports_) return std::nullopt;
  DueOccurrence report;
  report.id = PeriodId(period_start_, months_);
  report.period_start = period_start_;
  CivilDate next_start = MonthStartAfter(period_start_, months_);
  report.period_end = next_start - days{1};
  report.due = ReportDueDate(spec_.report_due, report.period_end, days_);
  period_start_ = next_start;
  if (spec_.final_due && period_start_ > *spec_.final_due) reports_ = false;
  return report;
}

std::optional<DueOccurrence> OccurrenceSeries::Next() {
  if (!pending_report_) pending_report_ = NextReport();
  if (final_ && (!pending_report_ || final_->due < pending_report_->due)) {
    std::optional<DueOccurrence> result = std::move(final_);
    final_.reset();
    return result;
  }
  std::optional<DueOccurrence> result = std::move(pending_report_);
  pending_report_.reset();
  return result;
}

}  // namespace duban
