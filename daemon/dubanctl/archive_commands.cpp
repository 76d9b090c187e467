// dubanctl export, backup.
// PLACEHOLDER written by the lead so the command table compiles while engineer D builds it;
// replaced by the real implementation.
#include "daemon/dubanctl/commands.h"

namespace duban::ctl {

void SetupExportCommand(CLI::App& command, Context& context) {
  command.callback([&context] {
    *context.err << "dubanctl: not implemented yet\n";
    context.exit_code = 1;
  });
}

void SetupBackupCommand(CLI::App& command, Context& context) {
  command.callback([&context] {
    *context.err << "dubanctl: not implemented yet\n";
    context.exit_code = 1;
  });
}

}  // namespace duban::ctl
