// Logging set-up for duband: spdlog's default logger on stderr. Under systemd, stderr is
// the journal: lines then start with a "<N>" syslog priority (sd-daemon(3)) and carry no
// timestamp, since journald adds its own. Elsewhere: "[time] [level] message".
//
// Thread-safety: SetUpLogging and SetLogLevel replace process-wide spdlog state; call them
// from the main thread (start-up, reload). Logging itself is thread-safe.
#ifndef DUBAN_DAEMON_DUBAND_LOGGING_H_
#define DUBAN_DAEMON_DUBAND_LOGGING_H_

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

// Makes a stderr logger the default, with the pattern for where stderr goes.
void SetUpLogging(spdlog::level::level_enum level);

// Changes the level of the default logger. kInvalidArgument for an unknown name.
Status SetLogLevel(std::string_view name);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_LOGGING_H_
