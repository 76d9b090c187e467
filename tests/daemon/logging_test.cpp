#include "daemon/duband/logging.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace duban {
namespace {

TEST_CASE("ParseLogLevel: the config's names", "[logging]") {
  CHECK(*ParseLogLevel("debug") == spdlog::level::debug);
  CHECK(*ParseLogLevel("info") == spdlog::level::info);
  CHECK(*ParseLogLevel("warn") == spdlog::level::warn);
  CHECK(*ParseLogLevel("error") == spdlog::level::err);
  Result<spdlog::level::level_enum> bad = ParseLogLevel("loud");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("loud"));
}

TEST_CASE("SyslogPriority: journald's numbers", "[logging]") {
  CHECK(SyslogPriority(spdlog::level::debug) == 7);
  CHECK(SyslogPriority(spdlog::level::info) == 6);
  CHECK(SyslogPriority(spdlog::level::warn) == 4);
  CHECK(SyslogPriority(spdlog::level::err) == 3);
  CHECK(SyslogPriority(spdlog::level::critical) == 2);
}

TEST_CASE("LogPattern: no timestamp for the journal", "[logging]") {
  CHECK(LogPattern(true) == "%*%v");
  CHECK_THAT(LogPattern(false), Catch::Contains("%Y"));
}

TEST_CASE("StderrIsJournal: JOURNAL_STREAM must name stderr", "[logging]") {
  const char* saved = getenv("JOURNAL_STREAM");
  std::string saved_value = saved ? saved : "";
  struct stat st{};
  REQUIRE(fstat(STDERR_FILENO, &st) == 0);

  unsetenv("JOURNAL_STREAM");
  CHECK_FALSE(StderrIsJournal());
  std::string mine = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  setenv("JOURNAL_STREAM", mine.c_str(), 1);
  CHECK(StderrIsJournal());
  std::string other = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1);
  setenv("JOURNAL_STREAM", other.c_str(), 1);
  CHECK_FALSE(StderrIsJournal());

  if (saved) {
    setenv("JOURNAL_STREAM", saved_value.c_str(), 1);
  } else {
    unsetenv("JOURNAL_STREAM");
  }
}

}  // namespace
}  // namespace duban
