// dubanctl report.
// PLACEHOLDER written by the lead so the command table compiles while engineers B and C builds it;
// replaced by the real implementation.
#include "daemon/dubanctl/commands.h"

namespace duban::ctl {

void SetupReportCommands(CLI::App& command, Context& context) {
  command.callback([&context] {
    *context.err << "dubanctl: not implemented yet\n";
    context.exit_code = 1;
  });
}

}  // namespace duban::ctl
