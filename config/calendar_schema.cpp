#include "config/calendar_schema.h"

#include "config/config_values.h"

namespace duban::config_internal {
namespace {

// The spec being read, with where each entry came from, so that the problems
// WorkingCalendar::Validate finds across entries land on the entries' lines.
struct CalendarDraft {
  CalendarSpec spec;
  std::vector<Located> weekend_at;
  std::vector<Located> year_at;
  std::vector<Located> holiday_at;
  std::vector<Located> workday_at;
};

struct HolidayDraft {
  std::optional<CivilDate> from;
  std::optional<CivilDate> to;
  std::string name;
  bool bad = false;  // a value failed to read: leave the entry out of the checks
};

struct WorkdayDraft {
  std::optional<CivilDate> date;
  std::string name;
  bool bad = false;
};

std::optional<std::string> CheckEntryName(std::string_view name) {
  if (auto problem = CheckDisplayName(name)) return "name " + *problem;
  return std::nullopt;
}

template <typename Draft>
void ReadName(ValueReader& in, Draft& d) {
  if (auto name = in.String(&CheckEntryName)) {
    d.name = std::move(*name);
  } else {
    d.bad = true;
  }
}

template <typename Draft>
void ReadDate(ValueReader& in, Draft& d, std::optional<CivilDate> Draft::*member) {
  d.*member = in.Date();
  if (!(d.*member)) d.bad = true;
}

// clang-format off
const FieldSpec<HolidayDraft> kHolidayFields[] = {
    {"from", [](ValueReader& in, HolidayDraft& d) { ReadDate(in, d, &HolidayDraft::from); }, nullptr,
     /*required=*/true},
    {"to", [](ValueReader& in, HolidayDraft& d) { ReadDate(in, d, &HolidayDraft::to); }, nullptr},
    {"name", &ReadName<HolidayDraft>, nullptr},
};

const FieldSpec<WorkdayDraft> kWorkdayFields[] = {
    {"date", [](ValueReader& in, WorkdayDraft& d) { ReadDate(in, d, &WorkdayDraft::date); }, nullptr,
     /*required=*/true},
    {"name", &ReadName<WorkdayDraft>, nullptr},
};
// clang-format on

constexpr std::string_view kHolidayLabel = "[[calendar.holiday]]";
constexpr std::string_view kWorkdayLabel = "[[calendar.workday]]";

void ReadHolidays(ValueReader& in, CalendarDraft& draft) {
  const toml::array* array = in.ArrayOfTables(kHolidayLabel);
  if (array == nullptr) return;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table* table = array->get(i)->as_table();
    if (table == nullptr) continue;
    HolidayDraft d;
    const std::string field = IndexField(in.field(), i);
    ReadFields<HolidayDraft>(*table, kHolidayFields, kHolidayLabel, field, in.sink(), in.context(), d);
    if (d.bad || !d.from) continue;
    draft.spec.holidays.push_back(HolidayRange{*d.from, d.to.value_or(*d.from), std::move(d.name)});
    draft.holiday_at.push_back(Located{PositionOf(table->source()), field});
  }
}

void ReadWorkdays(ValueReader& in, CalendarDraft& draft) {
  const toml::array* array = in.ArrayOfTables(kWorkdayLabel);
  if (array == nullptr) return;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table* table = array->get(i)->as_table();
    if (table == nullptr) continue;
    WorkdayDraft d;
    const std::string field = IndexField(in.field(), i);
    ReadFields<WorkdayDraft>(*table, kWorkdayFields, kWorkdayLabel, field, in.sink(), in.context(), d);
    if (d.bad || !d.date) continue;
    draft.spec.make_up_days.push_back(MakeUpDay{*d.date, std::move(d.name)});
    draft.workday_at.push_back(Located{PositionOf(table->source()), field});
  }
}

// clang-format off
const FieldSpec<CalendarDraft> kCalendarFields[] = {
    {"weekend",
     [](ValueReader& in, CalendarDraft& d) {
       auto days = in.IntegerArray(1, 7, &d.weekend_at);
       if (days) d.spec.weekend.assign(days->begin(), days->end());
     },
     nullptr},
    {"years",
     [](ValueReader& in, CalendarDraft& d) {
       auto years = in.IntegerArray(1900, 9999, &d.year_at);
       if (years) d.spec.years.assign(years->begin(), years->end());
     },
     nullptr},
    {"holiday", &ReadHolidays, nullptr},
    {"workday", &ReadWorkdays, nullptr},
};
// clang-format on

const Located& Where(const CalendarDraft& draft, const CalendarProblem& problem) {
  using Entry = CalendarProblem::Entry;
  switch (problem.entry) {
    case Entry::kWeekend: return draft.weekend_at.at(problem.index);
    case Entry::kYear: return draft.year_at.at(problem.index);
    case Entry::kHoliday: return draft.holiday_at.at(problem.index);
    case Entry::kMakeUpDay: return draft.workday_at.at(problem.index);
  }
  return draft.holiday_at.at(problem.index);
}

void DescribeHoliday(const HolidayRange& holiday, std::string& out) {
  out += "\n[[calendar.holiday]]\n";
  out += "from = " + TomlDate(holiday.first) + "\n";
  out += "to = " + TomlDate(holiday.last) + "\n";
  if (!holiday.name.empty()) out += "name = " + TomlString(holiday.name) + "\n";
}

void DescribeWorkday(const MakeUpDay& day, std::string& out) {
  out += "\n[[calendar.workday]]\n";
  out += "date = " + TomlDate(day.day) + "\n";
  if (!day.name.empty()) out += "name = " + TomlString(day.name) + "\n";
}

}  // namespace

std::vector<std::string_view> CalendarKeys() { return KeysOf<CalendarDraft>(kCalendarFields); }

std::vector<NestedTableKeys> CalendarNestedKeys() {
  return {{"calendar.holiday", true, KeysOf<HolidayDraft>(kHolidayFields)},
          {"calendar.workday", true, KeysOf<WorkdayDraft>(kWorkdayFields)}};
}

void ReadCalendar(const toml::table& table, const std::string& field, ErrorSink& sink,
                  const LoadContext& context, Config& config) {
  CalendarDraft draft;
  draft.spec.weekend.clear();  // only what the file says, once it says anything
  const bool has_weekend = table.contains("weekend");
  const std::size_t errors_before = sink.size();
  ReadFields<CalendarDraft>(table, kCalendarFields, SectionLabel(field, false), field, sink, context,
                            draft);
  if (!has_weekend) draft.spec.weekend = CalendarSpec{}.weekend;
  // The checks across entries need every entry: with one left out (a typo in a date), a
  // make-up day could seem not to follow its holiday. Those come after the typos are fixed.
  if (sink.size() != errors_before) return;
  for (const CalendarProblem& problem : WorkingCalendar::Validate(draft.spec)) {
    const Located& where = Where(draft, problem);
    sink.Add(where.pos, where.field, problem.message);
  }
  config.calendar = std::move(draft.spec);
}

void DescribeCalendar(std::string_view name, const Config& config, std::string& out) {
  const CalendarSpec& calendar = config.calendar;
  out += SectionLabel(name, false) + '\n';
  out += "weekend = " + TomlIntArray({calendar.weekend.begin(), calendar.weekend.end()}) + '\n';
  out += "years = " + TomlIntArray({calendar.years.begin(), calendar.years.end()}) + '\n';
  for (const HolidayRange& holiday : calendar.holidays) DescribeHoliday(holiday, out);
  for (const MakeUpDay& day : calendar.make_up_days) DescribeWorkday(day, out);
}

}  // namespace duban::config_internal
