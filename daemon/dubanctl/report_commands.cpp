// dubanctl report: `report assessment --from DATE --to DATE [--format table|csv|md|html]
// [--section S] [--output FILE]` asks duband for the 考核 assessment of a period. The
// documents (csv, md, html) are rendered by the daemon and written as they came, so every
// client gets the same bytes; the table is drawn here from the JSON form. --output writes
// the file atomically (a reader never sees half a report), else stdout.
// `report send` (queue the periodic report now) is in report_send.cpp.
#include <memory>
#include <ostream>

#include "daemon/assessment_json.h"
#include "daemon/dubanctl/assessment_view.h"
#include "daemon/dubanctl/atomic_file.h"
#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/report_send.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

struct AssessmentOptions {
  std::string from;
  std::string to;
  std::string format = "table";
  std::string section;
  std::string output;  // empty: stdout
};

// Reports are for circulation: readable by the office's group and others.
constexpr mode_t kReportMode = 0644;

// The request, or a usage error naming the option (nothing is sent).
Result<json> AssessmentArgs(const AssessmentOptions& options) {
  std::optional<CivilDate> from = ParseCivilDate(options.from);
  if (!from) return Status::InvalidArgument("--from: not a YYYY-MM-DD date: " + options.from);
  std::optional<CivilDate> to = ParseCivilDate(options.to);
  if (!to) return Status::InvalidArgument("--to: not a YYYY-MM-DD date: " + options.to);
  if (*from > *to) {
    return Status::InvalidArgument("--from " + options.from + " is after --to " + options.to +
                                   ": the period is empty");
  }
  json args = {{"from", options.from},
               {"to", options.to},
               {"format", options.format == "table" ? "json" : options.format}};
  if (!options.section.empty()) args["section"] = options.section;
  return args;
}

void Emit(Context& context, const std::string& output, const std::string& content) {
  if (output.empty()) {
    context.out->write(content.data(), static_cast<std::streamsize>(content.size()));
    context.out->flush();
    return;
  }
  Result<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(output, kReportMode);
  Status status = file.ok() ? (*file)->Write(content) : file.status();
  if (status.ok()) status = (*file)->Commit();
  if (!status.ok()) {
    context.Fail(kExitUsage, "cannot write the report: " + status.message());
    return;
  }
  *context.err << "wrote " << output << "\n";
}

void RunAssessment(Context& context, const AssessmentOptions& options) {
  Result<json> args = AssessmentArgs(options);
  if (!args.ok()) {
    context.Fail(kExitUsage, args.status().message());
    return;
  }
  std::optional<json> result = context.Call("report.assessment", *args);
  if (!result) return;
  if (context.json) {
    if (options.output.empty()) {
      context.PrintJson(*result);
    } else {
      Emit(context, options.output, result->dump(2, ' ', false) + "\n");
    }
    return;
  }
  if (options.format == "table") {
    Assessment assessment = AssessmentFromJson(result->at("report"));
    Emit(context, options.output,
         RenderAssessmentTable(assessment, options.output.empty() ? TerminalWidth() : 0));
    return;
  }
  Emit(context, options.output, result->at("document").get<std::string>());
}

void SetupAssessment(CLI::App& report, Context& context) {
  auto options = std::make_shared<AssessmentOptions>();
  CLI::App* assessment = report.add_subcommand(
      "assessment", "考核: each agency's due reports, on time, late, missing, rate and rank");
  assessment->add_option("--from", options->from, "first day of the period (YYYY-MM-DD)")
      ->required();
  assessment->add_option("--to", options->to, "last day of the period, inclusive (YYYY-MM-DD)")
      ->required();
  assessment->add_option("--format", options->format,
                         "table (default), csv (UTF-8 with BOM, for Excel), md or html")
      ->check(CLI::IsMember({"table", "csv", "md", "html"}));
  assessment->add_option("--section", options->section, "only the tasks of this section (一, 二, ...)");
  assessment->add_option("-o,--output", options->output,
                         "write to FILE (atomically) instead of stdout");
  assessment->callback([&context, options] { context.Run([&] { RunAssessment(context, *options); }); });
}

}  // namespace

void SetupReportCommands(CLI::App& command, Context& context) {
  SetupAssessment(command, context);
  SetupReportSend(command, context);
  command.require_subcommand(1);
}

}  // namespace duban::ctl
