// dubanctl target.
// PLACEHOLDER written by the lead so the command table compiles while the commands engineer
// builds it; replaced by the real implementation.
#include "daemon/dubanctl/commands.h"

namespace duban::ctl {

void SetupTargetCommands(CLI::App& command, Context& context) {
  command.callback([&context] {
    *context.err << "dubanctl: not implemented yet\n";
    context.exit_code = 1;
  });
}

}  // namespace duban::ctl
