// `dubanctl calendar DATE` (is it a working day, and why) and `dubanctl calendar add DATE
// N` (the day N working days after DATE, N < 0 before it), so the office can check the
// holidays and 调休 make-up days it entered against the State Council's notice. Both ask
// the daemon, which answers from the calendar it runs with.
#include <cstdlib>
#include <memory>
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/tracking_args.h"
#include "daemon/dubanctl/tracking_view.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

void PrintWarnings(std::ostream& out, const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) out << warning << "\n";
}

void PrintDay(Context& context, const json& day) {
  *context.out << DayLine(day) << "\n";
  std::string warning = OutsideYearsWarning(day);
  if (!warning.empty()) PrintWarnings(*context.out, {warning});
}

// "3 working days later", "1 working day earlier", "0 working days (the day itself, or the
// next working day)".
std::string DaysText(int64_t days) {
  if (days == 0) return "0 working days: the day itself if it is one, else the next";
  return CountOf(std::llabs(days), "working day", "working days") +
         (days > 0 ? " later" : " earlier");
}

void PrintAdd(Context& context, const json& result) {
  const json& from = result.at("from");
  const json& to = result.at("result");
  std::vector<Field> fields = {
      {"from", DayLine(from)},
      {"add", DaysText(IntField(result, "days"))},
      {"result", DayLine(to)},
  };
  *context.out << RenderFields(fields, TerminalWidth());
  std::vector<std::string> warnings = ListField(result, "warnings");
  if (warnings.empty()) {
    // An older daemon may not list warnings: derive them from the two days.
    for (const json* day : {&from, &to}) {
      if (std::string warning = OutsideYearsWarning(*day); !warning.empty()) {
        warnings.push_back(warning);
      }
    }
  } else {
    for (std::string& warning : warnings) warning = "warning: " + warning;
  }
  PrintWarnings(*context.out, warnings);
}

void SetupCalendarAdd(CLI::App& command, Context& context) {
  struct AddOptions {
    std::string date;
    int days = 0;
  };
  auto options = std::make_shared<AddOptions>();
  CLI::App* add = command.add_subcommand(
      "add", "dubanctl calendar add DATE N: the day N working days after DATE (N < 0: "
             "before), skipping weekends and holidays, counting 调休 make-up days");
  add->add_option("DATE", options->date, "YYYY-MM-DD")->required();
  add->add_option("N", options->days, "working days to add (negative: go back)")->required();
  add->callback([&context, options] {
    context.CallAndPrint("calendar.add", CalendarAddArgs(options->date, options->days),
                         [&](const json& result) { PrintAdd(context, result); });
  });
}

}  // namespace

void SetupCalendarCommands(CLI::App& command, Context& context) {
  auto date = std::make_shared<std::string>();
  command.add_option("DATE", *date, "the day to explain, YYYY-MM-DD");
  SetupCalendarAdd(command, context);
  CLI::App* self = &command;
  command.callback([&context, date, self] {
    if (!self->get_subcommands().empty()) return;  // `calendar add` ran instead
    if (date->empty()) throw CLI::RequiredError("DATE");
    context.CallAndPrint("calendar.explain", CalendarArgs(*date),
                         [&](const json& day) { PrintDay(context, day); });
  });
}

}  // namespace duban::ctl
