// dubanctl report send: queue the periodic 考核 report now for a period to the [report]
// recipients (report.send, docs/PROTOCOL.md). Its own file so `report assessment`
// (report_commands.cpp) and this evolve apart. Not thread-safe (CLI setup).
#ifndef DUBAN_DAEMON_DUBANCTL_REPORT_SEND_H_
#define DUBAN_DAEMON_DUBANCTL_REPORT_SEND_H_

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "daemon/dubanctl/context.h"
#include "workflow/status.h"

namespace duban::ctl {

struct ReportSendOptions {
  std::string period;  // "2026-11" or "2026-Q3"
  std::string from;
  std::string to;
  bool force = false;
  bool dry_run = false;
};

// Adds `send` to `report`.
void SetupReportSend(CLI::App& report, Context& context);

// The request's args, or a usage error naming the option. Exposed for tests.
Result<nlohmann::json> ReportSendArgs(const ReportSendOptions& options);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_REPORT_SEND_H_
