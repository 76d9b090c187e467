// CommandHandler: the working-day calendar commands, so the office can check what it
// entered: calendar.explain (is DATE a working day, and why) and calendar.add (the day N
// working days after DATE, with a warning for every year the calendar does not know).
#include <cstdlib>
#include <set>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::ReadOnly;

// About ten years of working days either way.
constexpr int kMaxDays = 2500;

// One warning per year in [a, b] (either order) that `calendar` does not cover.
std::vector<std::string> OutsideYears(const WorkingCalendar& calendar, CivilDate a, CivilDate b) {
  if (b < a) std::swap(a, b);
  std::vector<std::string> warnings;
  for (int year = YearOf(a); year <= YearOf(b); ++year) {
    CivilDate first{std::chrono::year{year} / 1 / 1};
    if (calendar.Covers(first)) continue;
    warnings.push_back(std::to_string(year) +
                       " is outside the calendar's known years: its holidays and make-up days "
                       "are not in [calendar], so only weekends were counted");
  }
  return warnings;
}

Result<CivilDate> RequiredDate(const json& args) {
  std::optional<CivilDate> date;
  if (!HasArg(args, "date")) return Status::InvalidArgument("args.date is required");
  if (Status status = ReadDateArg(args, "date", &date); !status.ok()) return status;
  return *date;
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareCalendarExplain(const json& args) {
  if (Status status = CheckArgNames(args, "calendar.explain", {"date"}); !status.ok()) {
    return status;
  }
  Result<CivilDate> date = RequiredDate(args);
  if (!date.ok()) return date.status();
  return ReadOnly([this, date = *date]() -> Result<json> {
    Result<TrackingModel*> model = Model();
    if (!model.ok()) return model.status();
    return ToJson((*model)->config().calendar.Explain(date));
  });
}

Result<PreparedCommand> CommandHandler::PrepareCalendarAdd(const json& args) {
  int days = 0;
  Status status = CheckArgNames(args, "calendar.add", {"date", "days"});
  if (status.ok() && !HasArg(args, "days")) status = Status::InvalidArgument("args.days is required");
  if (status.ok()) status = ReadIntArg(args, "days", -kMaxDays, kMaxDays, &days);
  if (!status.ok()) return status;
  Result<CivilDate> date = RequiredDate(args);
  if (!date.ok()) return date.status();
  return ReadOnly([this, date = *date, days]() -> Result<json> {
    Result<TrackingModel*> model = Model();
    if (!model.ok()) return model.status();
    const WorkingCalendar& calendar = (*model)->config().calendar;
    CivilDate result = calendar.AddWorkingDays(date, days);
    return json{{"from", ToJson(calendar.Explain(date))},
                {"days", days},
                {"result", ToJson(calendar.Explain(result))},
                {"warnings", OutsideYears(calendar, date, result)}};
  });
}

}  // namespace duban
