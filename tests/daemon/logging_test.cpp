#include "daemon/duband/logging.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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

TEST_CASE("SetUpLogging: a log file gets timestamped lines, a bad path is an error naming it",
          "[logging]") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("duban-logging-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "duband.log").string();
  auto saved = spdlog::default_logger();
  REQUIRE(SetUpLogging(spdlog::level::info, path).ok());
  spdlog::debug("below the level");
  spdlog::warn("written to the file: 省发改委");
  spdlog::default_logger()->flush();
  spdlog::set_default_logger(saved);  // closes nothing the test still needs
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  // "[2026-11-21 18:10:00.123] [warning] ...": the file pattern, no journald "<4>" prefix.
  CHECK_THAT(text.str(), Catch::Matches(R"(\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[warning\] written to the file: 省发改委\n)"));
  CHECK_THAT(text.str(), !Catch::Contains("below the level"));

  // spdlog creates missing folders, so the bad path goes through a regular file.
  std::ofstream(dir / "plain-file") << "not a folder";
  const std::string missing = (dir / "plain-file" / "duband.log").string();
  Status bad = SetUpLogging(spdlog::level::info, missing);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.code() == Status::Code::kIOError);
  CHECK_THAT(bad.message(), Catch::StartsWith("cannot open log file " + missing + ": "));
  CHECK(spdlog::default_logger() == saved);  // left as it was
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace duban
