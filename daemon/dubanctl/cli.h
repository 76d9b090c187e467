// The dubanctl command line: global options, the table of commands, and the mapping of
// every outcome to an exit code (exit_code.h). main() only calls RunCli.
#ifndef DUBAN_DAEMON_DUBANCTL_CLI_H_
#define DUBAN_DAEMON_DUBANCTL_CLI_H_

#include <iosfwd>

namespace duban::ctl {

// Parses the command line, runs the chosen command against the daemon, writes to `out`
// and `err`, and returns the exit code.
int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_CLI_H_
