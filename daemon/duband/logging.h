// Logging set-up for duband: spdlog's default logger on stderr, or in a file. Under
// systemd, stderr is the journal: lines then start with a "<N>" syslog priority
// (sd-daemon(3)) and carry no timestamp, since journald adds its own. Elsewhere, and in a
// log file ([daemon] log_file or --log-file): "[time] [level] message". A log file is
// rotated by size (kLogFileMaxBytes, kLogFileCount files kept), so no logrotate is needed.
//
// Thread-safety: SetUpLogging and SetLogLevel replace process-wide spdlog state; call them
// from the main thread (start-up, reload). Logging itself is thread-safe.
#ifndef DUBAN_DAEMON_DUBAND_LOGGING_H_
#define DUBAN_DAEMON_DUBAND_LOGGING_H_

#include <cstddef>
#include <string>
#include <string_view>

#include <spdlog/common.h>

#include "workflow/status.h"

namespace duban {

// "trace", "debug", "info", "warn" (or "warning"), "error", "critical", "off".
Result<spdlog::level::level_enum> ParseLogLevel(std::string_view name);

// The name ParseLogLevel reads back: "trace", "debug", "info", "warn", "error",
// "critical", "off".
std::string_view LogLevelName(spdlog::level::level_enum level);

// The syslog priority journald expects for a spdlog level: 7 debug .. 2 critical.
int SyslogPriority(spdlog::level::level_enum level);

// True if stderr is the systemd journal: $JOURNAL_STREAM names stderr's device and inode.
bool StderrIsJournal();

// The pattern for the journal or for a terminal/file.
std::string LogPattern(bool journal);

inline constexpr std::size_t kLogFileMaxBytes = 10 * 1024 * 1024;
inline constexpr std::size_t kLogFileCount = 5;  // duband.log, duband.1.log ... duband.4.log

// Makes the default logger: in `log_file` (appended to, created with the process's
// umask) when it is not empty, else on stderr with the pattern for where stderr goes.
// kIOError naming the file when it cannot be opened; logging is then left as it was.
Status SetUpLogging(spdlog::level::level_enum level, const std::string& log_file = "");

// Changes the level of the default logger. kInvalidArgument for an unknown name.
Status SetLogLevel(std::string_view name);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_LOGGING_H_
