// dubanctl's exit codes, as documented in docs/PROTOCOL.md and in `dubanctl --help`.
#ifndef DUBAN_DAEMON_DUBANCTL_EXIT_CODE_H_
#define DUBAN_DAEMON_DUBANCTL_EXIT_CODE_H_

namespace duban::ctl {

enum ExitCode : int {
  kExitOk = 0,
  kExitDaemonError = 1,  // the daemon answered with an error (printed to stderr)
  kExitUsage = 2,        // bad command line, unreadable input file, unwritable output file
  kExitUnreachable = 3,  // cannot reach the daemon (not running, wrong socket, permission)
  kExitBadReply = 4,     // the daemon's reply was not understood (protocol mismatch)
};

// The --help footer that lists the codes above.
inline constexpr const char* kExitCodeHelp =
    "Exit codes:\n"
    "  0  success\n"
    "  1  the daemon answered with an error (message on stderr); notify test: not sent\n"
    "  2  usage error (bad command line, unreadable input file)\n"
    "  3  cannot reach the daemon (not running, wrong socket, permission)\n"
    "  4  the daemon's reply was not understood (protocol mismatch)\n";

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_EXIT_CODE_H_
