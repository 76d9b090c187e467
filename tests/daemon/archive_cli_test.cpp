// dubanctl export and backup through the real command line (RunCli) against a scripted
// daemon: the requests sent, the file written (whole, 0600, atomically), and a backup
// whose bytes do not match the daemon's size and SHA-256 refused, leaving no file (and an
// existing file as it was).
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "daemon/archive_codec.h"
#include "daemon/dubanctl/cli.h"
#include "tests/daemon/duband_test_util.h"
#include "tests/daemon/scripted_daemon.h"

namespace duban::ctl {
namespace {

using Catch::Contains;
using nlohmann::json;

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
  std::vector<json> requests;
};

CliRun RunScripted(std::vector<std::string> args, std::vector<json> results) {
  ScriptedDaemon daemon(std::move(results));
  args.insert(args.begin(), {"dubanctl", "--socket", daemon.path()});
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str();
  run.err = err.str();
  run.requests = daemon.Finish();
  return run;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int Mode(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return static_cast<int>(info.st_mode & 0777);
}

std::vector<std::string> Names(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Sha(const std::string& bytes) {
  Sha256 hash;
  hash.Update(bytes);
  return hash.HexDigest();
}

json ExportDocument() {
  return {{"format", "duban-state-export"},
          {"format_version", 1},
          {"plan", {{"title", "测试分工方案"}, {"tasks", json::array()}}},
          {"agencies", {{{"name", "省发改委"}, {"email", "fgw@example.gov.cn"}}}},
          {"counts", {{"tasks", 47}, {"feedback", 1}, {"audit", 12}}}};
}

// A ready backup.read reply: `bytes` at `offset` of a copy of `size` bytes and `sha`.
json Chunk(int64_t offset, const std::string& bytes, int64_t size, const std::string& sha,
           bool eof) {
  return {{"id", 3},          {"state", "ready"},     {"pages_done", 1},
          {"pages_total", 1}, {"created_at", 1'790'000'000},
          {"size", size},     {"sha256", sha},        {"offset", offset},
          {"length", bytes.size()}, {"data", Base64Encode(bytes)}, {"eof", eof}};
}

const json kRunning = {{"id", 3},          {"state", "running"}, {"pages_done", 0},
                       {"pages_total", 2}, {"created_at", 1'790'000'000},
                       {"offset", 0},      {"length", 0},        {"data", ""},
                       {"eof", false}};

TEST_CASE("export writes the daemon's document to a private file", "[dubanctl][archive]") {
  testing::TempDir dir;
  const auto file = dir.path() / "state.json";
  CliRun run = RunScripted({"export", file.string()}, {ExportDocument()});
  INFO(run.err);
  CHECK(run.code == 0);
  REQUIRE(run.requests.size() == 1);
  CHECK(run.requests[0]["cmd"] == "state.export");
  CHECK(run.requests[0]["args"] == json{{"message_bodies", false}});
  CHECK(json::parse(ReadFile(file)) == ExportDocument());
  CHECK(ReadFile(file).find("测试分工方案") != std::string::npos);  // UTF-8, not \u escapes
  CHECK(Mode(file) == 0600);
  CHECK_THAT(run.out, Contains("47 tasks, 1 feedback, 12 audit entries"));
  CHECK(Names(dir.path()) == std::vector<std::string>{"state.json"});
}

TEST_CASE("export - prints the document; --message-bodies asks for bodies",
          "[dubanctl][archive]") {
  CliRun run = RunScripted({"export", "-", "--message-bodies"}, {ExportDocument()});
  CHECK(run.code == 0);
  CHECK(json::parse(run.out) == ExportDocument());
  CHECK(run.requests[0]["args"] == json{{"message_bodies", true}});
}

TEST_CASE("export to a directory that does not exist is a usage error naming the file",
          "[dubanctl][archive]") {
  CliRun run = RunScripted({"export", "/nonexistent/dir/state.json"}, {ExportDocument()});
  CHECK(run.code == 2);
  CHECK_THAT(run.err, Contains("/nonexistent/dir/state.json"));
}

TEST_CASE("backup waits for the copy, reads it in chunks and checks it", "[dubanctl][archive]") {
  testing::TempDir dir;
  const auto file = dir.path() / "duban-backup.db";
  const std::string bytes = "SQLite format 3 and the rest, in two chunks";
  const std::string first = bytes.substr(0, 10), rest = bytes.substr(10);
  const int64_t size = static_cast<int64_t>(bytes.size());
  CliRun run = RunScripted({"backup", file.string()},
                           {kRunning, kRunning, Chunk(0, first, size, Sha(bytes), false),
                            Chunk(10, rest, size, Sha(bytes), true)});
  INFO(run.err);
  CHECK(run.code == 0);
  REQUIRE(run.requests.size() == 4);
  CHECK(run.requests[0]["cmd"] == "backup.create");
  CHECK(run.requests[1]["cmd"] == "backup.read");
  CHECK(run.requests[1]["args"] == json{{"id", 3}, {"offset", 0}, {"length", 1 << 20}});
  CHECK(run.requests[3]["args"] == json{{"id", 3}, {"offset", 10}, {"length", 1 << 20}});
  CHECK(ReadFile(file) == bytes);
  CHECK(Mode(file) == 0600);
  CHECK_THAT(run.out, Contains("backup 3 written to"));
  CHECK_THAT(run.out, Contains(Sha(bytes)));
  CHECK(Names(dir.path()) == std::vector<std::string>{"duban-backup.db"});
}

TEST_CASE("backup refuses a copy whose hash or size does not match, keeping the old file",
          "[dubanctl][archive]") {
  testing::TempDir dir;
  const auto file = dir.path() / "duban-backup.db";
  std::ofstream(file) << "yesterday's backup";
  const std::string bytes = "SQLite format 3 and the rest";
  const int64_t size = static_cast<int64_t>(bytes.size());

  SECTION("hash") {
    CliRun run = RunScripted({"backup", file.string()},
                             {kRunning, Chunk(0, bytes, size, Sha("something else"), true)});
    CHECK(run.code == 1);
    CHECK_THAT(run.err, Contains("arrived damaged"));
    CHECK_THAT(run.err, Contains("not written"));
  }
  SECTION("size") {
    CliRun run = RunScripted({"backup", file.string()},
                             {kRunning, Chunk(0, bytes, size + 5, Sha(bytes), true)});
    CHECK(run.code == 1);
    CHECK_THAT(run.err, Contains(std::to_string(size + 5) + " bytes"));
  }
  SECTION("a chunk that is not base64") {
    json bad = Chunk(0, bytes, size, Sha(bytes), true);
    bad["data"] = "not*base64!";
    CliRun run = RunScripted({"backup", file.string()}, {kRunning, bad});
    CHECK(run.code == 1);
    CHECK_THAT(run.err, Contains("base64"));
  }
  CHECK(ReadFile(file) == "yesterday's backup");
  CHECK(Names(dir.path()) == std::vector<std::string>{"duban-backup.db"});
}

TEST_CASE("backup needs a file it can write before asking the daemon", "[dubanctl][archive]") {
  CliRun dash = RunScripted({"backup", "-"}, {});
  CHECK(dash.code == 2);
  CHECK(dash.requests.empty());
  CliRun missing = RunScripted({"backup", "/nonexistent/dir/b.db"}, {});
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Contains("/nonexistent/dir/b.db"));
  CHECK(missing.requests.empty());
}

}  // namespace
}  // namespace duban::ctl
