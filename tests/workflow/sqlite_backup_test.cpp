// CopyStoreFile and CheckStoreFile on real SQLite files: the copy opens as a store with the
// same plan, feedback and audit; it is one snapshot (a write made while the copy runs is
// not in it); it is private (0600) and self-contained (not WAL); damaged, foreign and
// future files are refused with the reason.
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_backup.h"
#include "workflow/sqlite_schema.h"

namespace duban::testing {
namespace {

using Catch::Contains;

constexpr int64_t kT0 = 1'790'000'000;

Feedback MakeFeedback(const std::string& ref, const std::string& agency, const std::string& text) {
  Feedback feedback;
  feedback.task_ref = ref;
  feedback.agency = agency;
  feedback.at = kT0;
  feedback.text = text;
  return feedback;
}

// A store file with the sample plan and one feedback.
std::unique_ptr<SqliteStore> FilledStore(const std::string& path) {
  auto store = OpenStore(path);
  REQUIRE(store->ApplyPlan(SamplePlan(), "admin", kT0).ok());
  REQUIRE(store->AddFeedback(MakeFeedback("1", "省发改委", "规划已起草"), "admin", kT0).ok());
  return store;
}

std::vector<std::string> FeedbackTexts(Store& store) {
  auto feedback = store.ListFeedback("", "");
  REQUIRE(feedback.ok());
  std::vector<std::string> texts;
  for (const Feedback& entry : *feedback) texts.push_back(entry.text);
  return texts;
}

void Truncate(const std::string& path, std::uintmax_t size) {
  std::filesystem::resize_file(path, size);
}

TEST_CASE("CopyStoreFile copies the store into a file that opens with the same state",
          "[sqlite][backup]") {
  TempDir dir;
  auto store = FilledStore(dir.File("duban.db"));
  const std::string copy = dir.File("copy.db");

  Status status = CopyStoreFile(dir.File("duban.db"), copy, {});
  INFO(status.ToString());
  REQUIRE(status.ok());

  struct stat info {};
  REQUIRE(::stat(copy.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  {
    SQLite::Database raw(copy, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "delete");
  }
  auto restored = OpenStore(copy);
  TaskFilter every;
  every.state = "all";
  CHECK(Refs(List(*restored, every)) == Strings{"1", "2", "3", "4"});
  CHECK(restored->LoadPlan()->title == SamplePlan().title);
  CHECK(FeedbackTexts(*restored) == Strings{"规划已起草"});
  CHECK(Audit(*restored).size() == Audit(*store).size());
}

TEST_CASE("CopyStoreFile is one snapshot: a write during the copy is not in it",
          "[sqlite][backup]") {
  TempDir dir;
  auto store = FilledStore(dir.File("duban.db"));
  // Enough pages that a one-page step leaves work after the first step.
  for (int i = 0; i < 40; ++i) {
    REQUIRE(store->AddFeedback(MakeFeedback("3", "省科技厅", std::string(2000, 'x')), "admin", kT0)
                .ok());
  }
  BackupOptions options;
  options.pages_per_step = 1;
  int steps = 0;
  bool wrote = false;
  options.progress = [&](const BackupProgress& progress) {
    ++steps;
    CHECK(progress.pages_total > 1);
    if (!wrote) {
      // The daemon's own connection commits while the copy holds its snapshot.
      wrote = store->AddFeedback(MakeFeedback("1", "省经信委", "during the copy"), "admin", kT0)
                  .ok();
    }
  };
  Status status = CopyStoreFile(dir.File("duban.db"), dir.File("copy.db"), options);
  INFO(status.ToString());
  REQUIRE(status.ok());
  REQUIRE(wrote);
  CHECK(steps > 1);

  auto copy = OpenStore(dir.File("copy.db"));
  CHECK(FeedbackTexts(*copy).size() == 41);
  CHECK(FeedbackTexts(*store).size() == 42);
  CHECK(FeedbackTexts(*store).back() == "during the copy");
}

TEST_CASE("CopyStoreFile refuses an existing target, a missing source and stops when cancelled",
          "[sqlite][backup]") {
  TempDir dir;
  auto store = FilledStore(dir.File("duban.db"));

  std::ofstream(dir.File("taken.db")) << "keep me";
  Status taken = CopyStoreFile(dir.File("duban.db"), dir.File("taken.db"));
  CHECK(taken.code() == Status::Code::kConflict);
  CHECK_THAT(taken.message(), Contains("taken.db"));
  std::string kept;
  std::getline(std::ifstream(dir.File("taken.db")), kept);
  CHECK(kept == "keep me");

  Status missing = CopyStoreFile(dir.File("nothing.db"), dir.File("copy.db"));
  CHECK(missing.code() == Status::Code::kNotFound);
  CHECK_FALSE(std::filesystem::exists(dir.File("copy.db")));

  std::atomic<bool> cancel{true};
  BackupOptions options;
  options.cancel = &cancel;
  Status cancelled = CopyStoreFile(dir.File("duban.db"), dir.File("copy.db"), options);
  CHECK(cancelled.code() == Status::Code::kFailedPrecondition);
  CHECK_FALSE(std::filesystem::exists(dir.File("copy.db")));
}

TEST_CASE("CheckStoreFile summarises a good copy", "[sqlite][backup]") {
  TempDir dir;
  auto store = FilledStore(dir.File("duban.db"));
  REQUIRE(CopyStoreFile(dir.File("duban.db"), dir.File("copy.db")).ok());

  auto check = CheckStoreFile(dir.File("copy.db"));
  INFO(check.status().ToString());
  REQUIRE(check.ok());
  CHECK(check->schema_version == SqliteStore::kSchemaVersion);
  CHECK(check->newest_schema_version == SqliteStore::kSchemaVersion);
  CHECK(check->rows.at("tasks") == 4);
  CHECK(check->rows.at("feedback") == 1);
  CHECK(check->rows.at("targets") == 0);  // schema v5: counted, none stored here
  CHECK(check->size_bytes == check->page_size * check->page_count);
  CHECK(check->size_bytes == static_cast<int64_t>(std::filesystem::file_size(dir.File("copy.db"))));
}

TEST_CASE("CheckStoreFile refuses damaged, foreign, future and missing files", "[sqlite][backup]") {
  TempDir dir;
  auto store = FilledStore(dir.File("duban.db"));
  REQUIRE(CopyStoreFile(dir.File("duban.db"), dir.File("copy.db")).ok());
  const auto size = std::filesystem::file_size(dir.File("copy.db"));

  SECTION("truncated") {
    Truncate(dir.File("copy.db"), size / 2);
    auto check = CheckStoreFile(dir.File("copy.db"));
    CHECK(check.status().code() == Status::Code::kCorruption);
    CHECK_THAT(check.status().message(), Contains("copy.db"));
  }
  SECTION("not a database") {
    std::ofstream(dir.File("copy.db"), std::ios::trunc) << std::string(4096, 'z');
    auto check = CheckStoreFile(dir.File("copy.db"));
    CHECK(check.status().code() == Status::Code::kCorruption);
  }
  SECTION("an SQLite database that is not duban's") {
    { SQLite::Database other(dir.File("other.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      other.exec("CREATE TABLE t (x)"); }
    auto check = CheckStoreFile(dir.File("other.db"));
    CHECK(check.status().code() == Status::Code::kCorruption);
    CHECK_THAT(check.status().message(), Contains("not a duban store"));
  }
  SECTION("a schema newer than this binary") {
    { SQLite::Database raw(dir.File("copy.db"), SQLite::OPEN_READWRITE);
      raw.exec("PRAGMA user_version = 99"); }
    auto check = CheckStoreFile(dir.File("copy.db"));
    CHECK(check.status().code() == Status::Code::kCorruption);
    CHECK_THAT(check.status().message(), Contains("schema version 99"));
  }
  SECTION("missing") {
    CHECK(CheckStoreFile(dir.File("none.db")).status().code() == Status::Code::kNotFound);
  }
}

}  // namespace
}  // namespace duban::testing
