#include "workflow/report_schedule.h"

#include <charconv>
#include <cstdio>

namespace duban {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month;
using std::chrono::year_month_day;

int MonthsPerPeriod(ReportCadence cadence) { return cadence == ReportCadence::kQuarterly ? 3 : 1; }

// A period as the month it starts in; quarters start in January, April, July, October.
year_month PeriodStart(ReportCadence cadence, CivilDate day_in_period) {
  const year_month_day ymd(day_in_period);
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned first = cadence == ReportCadence::kQuarterly ? (m - 1) / 3 * 3 + 1 : m;
  return ymd.year() / month(first);
}

CivilDate FirstDay(year_month ym) { return CivilDate(ym / day(1)); }

std::string PeriodName(ReportCadence cadence, year_month start) {
  char text[32];
  const int y = static_cast<int>(start.year());
  const unsigned m = static_cast<unsigned>(start.month());
  if (cadence == ReportCadence::kQuarterly) {
    std::snprintf(text, sizeof text, "%04d-Q%u", y, (m - 1) / 3 + 1);
  } else {
    std::snprintf(text, sizeof text, "%04d-%02u", y, m);
  }
  return text;
}

ReportOccurrence Occurrence(const ReportSchedule& schedule, year_month start,
                            const WorkingCalendar& calendar, const TimeZone& zone) {
  const std::chrono::months length(MonthsPerPeriod(schedule.cadence));
  const year_month after = start + length;
  ReportOccurrence occurrence;
  occurrence.period = PeriodName(schedule.cadence, start);
  occurrence.from = schedule.span == ReportSpan::kYearToDate
                        ? FirstDay(start.year() / std::chrono::January)
                        : FirstDay(start);
  occurrence.to = FirstDay(after) - std::chrono::days(1);
  // The Nth working day of `after`: N working days after the period's last day.
  occurrence.send_day = calendar.AddWorkingDays(occurrence.to, schedule.working_day);
  occurrence.send_at = zone.ToUtc(occurrence.send_day, schedule.send_minute);
  return occurrence;
}

// The occurrence sent in the month of `now` or, for quarters, in the first month of
// now's quarter: its period is the one before the period containing now.
ReportOccurrence SentInCurrentPeriod(const ReportSchedule& schedule,
                                     const WorkingCalendar& calendar, const TimeZone& zone,
                                     int64_t now) {
  const year_month current = PeriodStart(schedule.cadence, zone.ToLocal(now).date);
  const std::chrono::months length(MonthsPerPeriod(schedule.cadence));
  return Occurrence(schedule, current - length, calendar, zone);
}

std::optional<int> ParseNumber(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view ReportCadenceName(ReportCadence cadence) {
  switch (cadence) {
    case ReportCadence::kOff: return "off";
    case ReportCadence::kMonthly: return "monthly";
    case ReportCadence::kQuarterly: return "quarterly";
  }
  return "off";
}

std::optional<ReportCadence> ParseReportCadence(std::string_view name) {
  for (ReportCadence c : {ReportCadence::kOff, ReportCadence::kMonthly, ReportCadence::kQuarterly}) {
    if (ReportCadenceName(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view ReportSpanName(ReportSpan span) {
  return span == ReportSpan::kYearToDate ? "year-to-date" : "previous";
}

std::optional<ReportSpan> ParseReportSpan(std::string_view name) {
  if (name == "previous") return ReportSpan::kPrevious;
  if (name == "year-to-date") return ReportSpan::kYearToDate;
  return std::nullopt;
}

std::optional<ReportOccurrence> ReportOccurrenceFor(const ReportSchedule& schedule,
                                                    std::string_view period,
                                                    const WorkingCalendar& calendar,
                                                    const TimeZone& zone) {
  if (schedule.cadence == ReportCadence::kOff || period.size() != 7 || period[4] != '-') {
    return std::nullopt;
  }
  std::optional<int> y = ParseNumber(period.substr(0, 4));
  const bool quarterly = schedule.cadence == ReportCadence::kQuarterly;
  if (quarterly != (period[5] == 'Q')) return std::nullopt;
  std::optional<int> n = ParseNumber(period.substr(quarterly ? 6 : 5));
  if (!y || !n || *y < 1900 || *y > 9998) return std::nullopt;
  if (quarterly ? (*n < 1 || *n > 4) : (*n < 1 || *n > 12)) return std::nullopt;
  const unsigned first = quarterly ? static_cast<unsigned>(*n - 1) * 3 + 1 : static_cast<unsigned>(*n);
  return Occurrence(schedule, year(*y) / month(first), calendar, zone);
}

std::optional<ReportOccurrence> LatestReportDue(const ReportSchedule& schedule,
                                                const WorkingCalendar& calendar,
                                                const TimeZone& zone, int64_t now) {
  if (schedule.cadence == ReportCadence::kOff) return std::nullopt;
  ReportOccurrence occurrence = SentInCurrentPeriod(schedule, calendar, zone, now);
  if (occurrence.send_at <= now) return occurrence;
  return PreviousReport(schedule, occurrence, calendar, zone);
}

std::optional<ReportOccurrence> NextReportAfter(const ReportSchedule& schedule,
                                                const WorkingCalendar& calendar,
                                                const TimeZone& zone, int64_t now) {
  if (schedule.cadence == ReportCadence::kOff) return std::nullopt;
  ReportOccurrence occurrence = SentInCurrentPeriod(schedule, calendar, zone, now);
  if (occurrence.send_at > now) return occurrence;
  const std::chrono::months length(MonthsPerPeriod(schedule.cadence));
  return Occurrence(schedule, PeriodStart(schedule.cadence, occurrence.to) + length, calendar,
                    zone);
}

ReportOccurrence PreviousReport(const ReportSchedule& schedule, const ReportOccurrence& occurrence,
                                const WorkingCalendar& calendar, const TimeZone& zone) {
  const std::chrono::months length(MonthsPerPeriod(schedule.cadence));
  return Occurrence(schedule, PeriodStart(schedule.cadence, occurrence.to) - length, calendar,
                    zone);
}

}  // namespace duban
