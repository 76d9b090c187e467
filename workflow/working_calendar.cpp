#include "workflow/working_calendar.h"

#include <algorithm>
#include <set>

namespace duban {
namespace {

int DayNumber(CivilDate day) { return static_cast<int>(day.time_since_epoch().count()); }

CivilDate FromDayNumber(int days) { return CivilDate{std::chrono::days{days}}; }

std::string RangeText(const HolidayRange& range) {
  std::string text = FormatCivilDate(range.first);
  if (range.last != range.first) text += ".." + FormatCivilDate(range.last);
  if (!range.name.empty()) text += " (" + range.name + ")";
  return text;
}

}  // namespace

std::vector<CalendarProblem> WorkingCalendar::Validate(const CalendarSpec& spec) {
  using Entry = CalendarProblem::Entry;
  std::vector<CalendarProblem> problems;
  bool weekend[8] = {};
  for (size_t i = 0; i < spec.weekend.size(); ++i) {
    unsigned day = spec.weekend[i];
    if (day < 1 || day > 7) {
      problems.push_back({Entry::kWeekend, i,
                          "weekend day " + std::to_string(day) +
                              " is not an ISO weekday (1 = Monday ... 7 = Sunday)"});
    } else if (weekend[day]) {
      problems.push_back({Entry::kWeekend, i, "weekend day " + std::to_string(day) + " given twice"});
    } else {
      weekend[day] = true;
    }
  }
  for (size_t i = 0; i < spec.years.size(); ++i) {
    if (spec.years[i] < 1900 || spec.years[i] > 9999) {
      problems.push_back({Entry::kYear, i, "year " + std::to_string(spec.years[i]) + " is out of range"});
    }
  }
  // Holidays: each range sound, no two overlapping (compare each with every earlier one;
  // calendars hold a few dozen entries).
  for (size_t i = 0; i < spec.holidays.size(); ++i) {
    const auto& range = spec.holidays[i];
    if (range.last < range.first) {
      problems.push_back({Entry::kHoliday, i, "holiday " + RangeText(range) + " ends before it starts"});
      continue;
    }
    for (size_t j = 0; j < i; ++j) {
      const auto& other = spec.holidays[j];
      if (other.last < other.first) continue;
      if (range.first <= other.last && other.first <= range.last) {
        problems.push_back({Entry::kHoliday, i,
                            "holiday " + RangeText(range) + " overlaps holiday " + RangeText(other)});
      }
    }
  }
  std::set<int> make_up_seen;
  for (size_t i = 0; i < spec.make_up_days.size(); ++i) {
    const auto& make_up = spec.make_up_days[i];
    std::string day_text = FormatCivilDate(make_up.day);
    if (!make_up_seen.insert(DayNumber(make_up.day)).second) {
      problems.push_back({Entry::kMakeUpDay, i, "make-up day " + day_text + " given twice"});
      continue;
    }
    auto holiday = std::find_if(spec.holidays.begin(), spec.holidays.end(), [&](const auto& range) {
      return range.first <= make_up.day && make_up.day <= range.last;
    });
    if (holiday != spec.holidays.end()) {
      problems.push_back({Entry::kMakeUpDay, i,
                          "make-up day " + day_text + " falls inside holiday " + RangeText(*holiday)});
    } else if (!weekend[IsoWeekday(make_up.day)]) {
      problems.push_back({Entry::kMakeUpDay, i,
                          "make-up day " + day_text + " is a " +
                              std::string(WeekdayName(make_up.day)) +
                              ", already a working day; 调休 make-up days are weekend days"});
    }
  }
  return problems;
}

WorkingCalendar::WorkingCalendar() { weekend_[6] = weekend_[7] = true; }

WorkingCalendar::WorkingCalendar(const CalendarSpec& spec) {
  for (unsigned day : spec.weekend) {
    if (day >= 1 && day <= 7) weekend_[day] = true;
  }
  std::set<int> years(spec.years.begin(), spec.years.end());
  const bool derive_years = spec.years.empty();
  for (const auto& range : spec.holidays) {
    for (int d = DayNumber(range.first); d <= DayNumber(range.last); ++d) {
      special_.push_back({d, false, range.name});
      if (derive_years) years.insert(YearOf(FromDayNumber(d)));
    }
  }
  for (const auto& make_up : spec.make_up_days) {
    special_.push_back({DayNumber(make_up.day), true, make_up.name});
    if (derive_years) years.insert(YearOf(make_up.day));
  }
  std::sort(special_.begin(), special_.end(),
            [](const SpecialDay& a, const SpecialDay& b) { return a.days < b.days; });
  years_.assign(years.begin(), years.end());
}

const WorkingCalendar::SpecialDay* WorkingCalendar::FindSpecial(CivilDate day) const {
  int key = DayNumber(day);
  auto it = std::lower_bound(special_.begin(), special_.end(), key,
                             [](const SpecialDay& s, int k) { return s.days < k; });
  return it != special_.end() && it->days == key ? &*it : nullptr;
}

bool WorkingCalendar::IsWorkingDay(CivilDate day) const {
  if (const SpecialDay* special = FindSpecial(day)) return special->working;
  return !weekend_[IsoWeekday(day)];
}

bool WorkingCalendar::Covers(CivilDate day) const {
  return std::binary_search(years_.begin(), years_.end(), YearOf(day));
}

DayExplanation WorkingCalendar::Explain(CivilDate day) const {
  DayExplanation explanation;
  explanation.day = day;
  explanation.outside_known_years = !Covers(day);
  if (const SpecialDay* special = FindSpecial(day)) {
    explanation.working = special->working;
    explanation.reason = special->working ? DayExplanation::Reason::kMakeUpDay
                                          : DayExplanation::Reason::kHoliday;
    explanation.name = special->name;
  } else if (weekend_[IsoWeekday(day)]) {
    explanation.working = false;
    explanation.reason = DayExplanation::Reason::kWeekend;
  }
  return explanation;
}

CivilDate WorkingCalendar::AddWorkingDays(CivilDate from, int n) const {
  CivilDate day = from;
  if (n == 0) {
    while (!IsWorkingDay(day)) day += std::chrono::days{1};
    return day;
  }
  const std::chrono::days step{n > 0 ? 1 : -1};
  for (int remaining = n > 0 ? n : -n; remaining > 0;) {
    day += step;
    if (IsWorkingDay(day)) --remaining;
  }
  return day;
}

int WorkingCalendar::WorkingDaysBetween(CivilDate from, CivilDate to) const {
  if (to < from) return -WorkingDaysBetween(to, from);
  int count = 0;
  for (CivilDate day = from + std::chrono::days{1}; day <= to; day += std::chrono::days{1}) {
    if (IsWorkingDay(day)) ++count;
  }
  return count;
}

std::string DayExplanation::Describe() const {
  std::string text = FormatCivilDate(day) + " " + std::string(WeekdayName(day)) + ": ";
  switch (reason) {
    case Reason::kWeekday: text += "working day"; break;
    case Reason::kWeekend: text += "weekend, not a working day"; break;
    case Reason::kHoliday: text += "holiday, not a working day (" + name + ")"; break;
    case Reason::kMakeUpDay: text += "working day (调休 make-up day: " + name + ")"; break;
  }
  if (outside_known_years) {
    text += "; warning: no holidays are configured for " + std::to_string(YearOf(day)) +
            ", so only weekends were considered";
  }
  return text;
}

}  // namespace duban
