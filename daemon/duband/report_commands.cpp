// CommandHandler: the report commands. report.assessment computes the 考核 assessment of
// the tracked state over a period (daemon/duband/assessment_source.h) and returns its JSON
// form and, unless the JSON is all that is asked for, the document rendered by reports/
// (CSV, Markdown or HTML), so every client gets the office's exact document bytes.
// report.send queues the report of a period now to the [report] recipients, through the
// same outbox and keys as the scheduled report (daemon/duband/periodic_report.h), so a
// period is never sent twice by accident: again only with force.
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

namespace {

// report.send's arguments: a period, or from and to, or neither (the latest occurrence
// of the schedule); force and dry_run.
Result<ReportSendRequest> ParseSendArgs(const json& args) {
  ReportSendRequest request;
  Status status = CheckArgNames(args, "report.send", {"period", "from", "to", "force", "dry_run"});
  if (status.ok()) status = ReadStringArg(args, "period", &request.period);
  if (status.ok()) status = ReadDateArg(args, "from", &request.from);
  if (status.ok()) status = ReadDateArg(args, "to", &request.to);
  if (status.ok()) status = ReadBoolArg(args, "force", &request.force);
  if (status.ok()) status = ReadBoolArg(args, "dry_run", &request.dry_run);
  if (!status.ok()) return status;
  if (!request.period.empty() && (request.from || request.to)) {
    return Status::InvalidArgument("args.period and args.from/args.to exclude each other");
  }
  if (static_cast<bool>(request.from) != static_cast<bool>(request.to)) {
    return Status::InvalidArgument("args.from and args.to go together");
  }
  if (request.from && *request.from > *request.to) {
    return Status::InvalidArgument("args.from (" + FormatCivilDate(*request.from) +
                                   ") is after args.to (" + FormatCivilDate(*request.to) + ")");
  }
  return request;
}

json SendOutcomeJson(const ReportSendOutcome& outcome, bool dry_run) {
  json messages = json::array();
  for (const Message& message : outcome.messages) {
    messages.push_back({{"id", message.id},
                        {"key", message.key},
                        {"channel", std::string(ChannelName(message.channel))},
                        {"target", message.target},
                        {"recipient", message.recipient_name}});
  }
  return json{{"key", outcome.key_prefix},
              {"from", FormatCivilDate(outcome.from)},
              {"to", FormatCivilDate(outcome.to)},
              {"title", outcome.title},
              {"dry_run", dry_run},
              {"messages", messages},
              {"already_queued", outcome.already_queued},
              {"misses", outcome.misses}};
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareReportSend(const json& args) {
  Result<ReportSendRequest> parsed = ParseSendArgs(args);
  if (!parsed.ok()) return parsed.status();
  return command_helpers::Mutating([this, request = *parsed](const PeerCredentials& peer) -> Result<json> {
    if (!delivery_.kick || !delivery_.send_report) {
      return Status::FailedPrecondition("delivery is not running in this daemon");
    }
    Result<ReportSendOutcome> outcome = delivery_.send_report(request, ActorName(peer), clock_());
    if (!outcome.ok()) return outcome.status();
    if (!request.dry_run && !outcome->messages.empty()) delivery_.kick();
    return SendOutcomeJson(*outcome, request.dry_run);
  });
}

}  // namespace duban
