#include "daemon/duband/logging.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace duban {
namespace {

// %* in a pattern: "<N>", the syslog priority of the message's level.
class SyslogPriorityFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string prefix = "<" + std::to_string(SyslogPriority(msg.level)) + ">";
    dest.append(prefix.data(), prefix.data() + prefix.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<SyslogPriorityFlag>();
  }
};

}  // namespace

Result<spdlog::level::level_enum> ParseLogLevel(std::string_view name) {
  using spdlog::level::level_enum;
  if (name == "trace") return level_enum::trace;
  if (name == "debug") return level_enum::debug;
  if (name == "info") return level_enum::info;
  if (name == "warn" || name == "warning") return level_enum::warn;
  if (name == "error") return level_enum::err;
  if (name == "critical") return level_enum::critical;
  if (name == "off") return level_enum::off;
  return Status::InvalidArgument("unknown log level \"" + std::string(name) +
                                 "\" (trace, debug, info, warn, error, critical, off)");
}

std::string_view LogLevelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace: return "trace";
    case spdlog::level::debug: return "debug";
    case spdlog::level::info: return "info";
    case spdlog::level::warn: return "warn";
    case spdlog::level::err: return "error";
    case spdlog::level::critical: return "critical";
    default: return "off";
  }
}

int SyslogPriority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return 7;
    case spdlog::level::info: return 6;
    case spdlog::level::warn: return 4;
    case spdlog::level::err: return 3;
    case spdlog::level::critical: return 2;
    default: return 6;
  }
}

bool StderrIsJournal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  unsigned long long device = 0;
  unsigned long long inode = 0;
  if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
  struct stat st{};
  if (fstat(STDERR_FILENO, &st) != 0) return false;
  return st.st_dev == device && st.st_ino == inode;
}

std::string LogPattern(bool journal) {
  return journal ? "%*%v" : "[%Y-%m-%d %H:%M:%S.%e] [%l] %v";
}

Status SetUpLogging(spdlog::level::level_enum level, const std::string& log_file) {
  spdlog::sink_ptr sink;
  bool journal = false;
  if (log_file.empty()) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    journal = StderrIsJournal();
  } else {
    try {
      sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(log_file, kLogFileMaxBytes,
                                                                    kLogFileCount);
    } catch (const spdlog::spdlog_ex& e) {
      return Status::IOError("cannot open log file " + log_file + ": " + e.what());
    }
  }
  auto logger = std::make_shared<spdlog::logger>("duband", std::move(sink));
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<SyslogPriorityFlag>('*').set_pattern(LogPattern(journal));
  logger->set_formatter(std::move(formatter));
  logger->set_level(level);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
  return Status::OK();
}

Status SetLogLevel(std::string_view name) {
  Result<spdlog::level::level_enum> level = ParseLogLevel(name);
  if (!level.ok()) return level.status();
  spdlog::set_level(*level);
  return Status::OK();
}

}  // namespace duban
