#include "daemon/dubanctl/report_send.h"

#include <memory>
#include <ostream>

#include "daemon/dubanctl/json_fields.h"
#include "workflow/civil_date.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

void PrintSent(Context& context, const json& result) {
  const bool dry_run = result.value("dry_run", false);
  const json messages = ArrayField(result, "messages");
  *context.out << result.value("title", std::string()) << "\n";
  *context.out << (dry_run ? "would queue " : "queued ") << messages.size()
               << (messages.size() == 1 ? " message" : " messages") << " (key "
               << result.value("key", std::string()) << ")" << (dry_run ? "; nothing sent" : "")
               << "\n";
  for (const json& message : messages) {
    *context.out << "  " << (dry_run ? "" : "#" + std::to_string(message.value("id", int64_t{0})) + " ")
                 << message.value("channel", std::string()) << " "
                 << message.value("target", std::string()) << " ("
                 << message.value("recipient", std::string()) << ")\n";
  }
  if (const int64_t before = result.value("already_queued", int64_t{0}); before > 0) {
    *context.out << "  " << before << " recipient(s) had it already (not queued again)\n";
  }
  for (const json& miss : ArrayField(result, "misses")) {
    *context.out << "  not reachable: " << miss.get<std::string>() << "\n";
  }
}

}  // namespace

Result<json> ReportSendArgs(const ReportSendOptions& options) {
  json args = json::object();
  const bool dates = !options.from.empty() || !options.to.empty();
  if (!options.period.empty() && dates) {
    return Status::InvalidArgument("--period and --from/--to exclude each other");
  }
  if (dates) {
    std::optional<CivilDate> from = ParseCivilDate(options.from);
    if (!from) return Status::InvalidArgument("--from: not a YYYY-MM-DD date: '" + options.from + "'");
    std::optional<CivilDate> to = ParseCivilDate(options.to);
    if (!to) return Status::InvalidArgument("--to: not a YYYY-MM-DD date: '" + options.to + "'");
    if (*from > *to) {
      return Status::InvalidArgument("--from " + options.from + " is after --to " + options.to);
    }
    args["from"] = options.from;
    args["to"] = options.to;
  }
  if (!options.period.empty()) args["period"] = options.period;
  if (options.force) args["force"] = true;
  if (options.dry_run) args["dry_run"] = true;
  return args;
}

void SetupReportSend(CLI::App& report, Context& context) {
  auto options = std::make_shared<ReportSendOptions>();
  CLI::App* send = report.add_subcommand(
      "send", "queue the 考核 report now to the [report] recipients (admin); a period already "
              "sent needs --force");
  send->add_option("--period", options->period,
                   "the month (2026-11) or quarter (2026-Q3); default: the latest due by the "
                   "schedule");
  send->add_option("--from", options->from, "first day of the period (YYYY-MM-DD), with --to");
  send->add_option("--to", options->to, "last day of the period, inclusive (YYYY-MM-DD)");
  send->add_flag("--force", options->force, "send again a period that was sent before");
  send->add_flag("--dry-run", options->dry_run, "show what would be queued; queue nothing");
  send->callback([&context, options] {
    context.CallAndPrint("report.send", ReportSendArgs(*options),
                         [&context](const json& result) { PrintSent(context, result); });
  });
}

}  // namespace duban::ctl
