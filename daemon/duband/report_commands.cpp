// CommandHandler: the report commands. report.assessment computes the 考核 assessment of
// the tracked state over a period (daemon/duband/assessment_source.h) and returns its JSON
// form and, unless the JSON is all that is asked for, the document rendered by reports/
// (CSV, Markdown or HTML), so every client gets the office's exact document bytes.
// report.send: PLACEHOLDER written by the lead so the command table compiles while
// engineer C builds it; replaced by the real implementation.
#include <string>

#include "daemon/assessment_json.h"
#include "daemon/duband/assessment_source.h"
#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "reports/assessment_report.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::ReadOnly;

struct AssessmentArgs {
  AssessmentRequest request;  // `now` is filled in when the command runs
  std::string format = "json";
};

Status RequireDate(const json& args, const char* key, CivilDate* out) {
  std::optional<CivilDate> date;
  if (Status status = ReadDateArg(args, key, &date); !status.ok()) return status;
  if (!date) {
    return Status::InvalidArgument(std::string("args.") + key +
                                   " is required (a YYYY-MM-DD date)");
  }
  *out = *date;
  return Status::OK();
}

Result<AssessmentArgs> ParseAssessmentArgs(const json& args) {
  AssessmentArgs parsed;
  Status status = CheckArgNames(args, "report.assessment", {"from", "to", "format", "section"});
  if (status.ok()) status = RequireDate(args, "from", &parsed.request.from);
  if (status.ok()) status = RequireDate(args, "to", &parsed.request.to);
  if (status.ok() && parsed.request.from > parsed.request.to) {
    status = Status::InvalidArgument("args.from (" + FormatCivilDate(parsed.request.from) +
                                     ") is after args.to (" + FormatCivilDate(parsed.request.to) +
                                     "): the period is empty");
  }
  if (status.ok()) status = ReadChoiceArg(args, "format", {"json", "csv", "md", "html"}, &parsed.format);
  if (status.ok()) status = ReadStringArg(args, "section", &parsed.request.section);
  if (!status.ok()) return status;
  return parsed;
}

std::string Render(const Assessment& assessment, const std::string& format) {
  if (format == "csv") return RenderAssessmentCsv(assessment);
  if (format == "md") return RenderAssessmentMarkdown(assessment);
  return RenderAssessmentHtml(assessment);
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareReportAssessment(const json& args) {
  Result<AssessmentArgs> parsed = ParseAssessmentArgs(args);
  if (!parsed.ok()) return parsed.status();
  return ReadOnly([this, parsed = *parsed]() -> Result<json> {
    Result<TrackingModel*> model = Model();
    if (!model.ok()) return model.status();
    AssessmentRequest request = parsed.request;
    request.now = clock_();
    Result<Assessment> assessment = AssessTrackedState(store_, **model, request);
    if (!assessment.ok()) return assessment.status();
    json result = {{"report", ToJson(*assessment)},
                   {"title", AssessmentTitle(*assessment)},
                   {"format", parsed.format}};
    if (parsed.format != "json") result["document"] = Render(*assessment, parsed.format);
    return result;
  });
}

Result<PreparedCommand> CommandHandler::PrepareReportSend(const json&) {
  return Status::FailedPrecondition("report.send is not implemented yet");
}

}  // namespace duban
