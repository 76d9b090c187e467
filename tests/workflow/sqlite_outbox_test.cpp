// SqliteStore's outbox: RecordDecisions (unique keys, the evaluation mark, all or nothing),
// EvaluatedUntil, ListOutbox and its filters.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::TempDir;
using Strings = std::vector<std::string>;

constexpr int64_t kT0 = 1'780'000'000;

using testing::OpenStore;

Action MakeAction(const std::string& ref, const std::string& agency, const std::string& step,
                  int64_t at, int repeat = 0) {
  Action action;
  action.task_ref = ref;
  action.agency = agency;
  action.role = Role::kLead;
  action.occurrence = "2026-Q3";
  action.due = *ParseCivilDate("2026-10-12");
  action.level = step.rfind("remind", 0) == 0 ? Level::kRemind : Level::kUrge;
  action.step = step;
  action.repeat = repeat;
  action.recipients = {Recipient::kContact};
  action.channels = {Channel::kEmail};
  action.at = at;
  action.reason = "3 working days before the 2026-Q3 report due 2026-10-12";
  action.key = ref + "|" + agency + "|lead|2026-Q3|" + step + "|" + std::to_string(repeat);
  return action;
}

int Record(Store& store, const std::vector<Action>& decided, const std::vector<Action>& skipped,
           int64_t until) {
  auto recorded = store.RecordDecisions(decided, skipped, until, until + 1);
  INFO(recorded.status().ToString());
  REQUIRE(recorded.ok());
  return *recorded;
}

std::vector<OutboxRow> List(Store& store, OutboxFilter filter) {
  auto rows = store.ListOutbox(filter);
  INFO(rows.status().ToString());
  REQUIRE(rows.ok());
  return *rows;
}

Strings Keys(const std::vector<OutboxRow>& rows) {
  Strings keys;
  for (const auto& row : rows) keys.push_back(row.action.key);
  return keys;
}

std::optional<int64_t> Mark(Store& store) {
  auto mark = store.EvaluatedUntil();
  REQUIRE(mark.ok());
  return *mark;
}

TEST_CASE("Outbox: every field of an action round-trips", "[sqlite_outbox]") {
  auto store = OpenStore();
  Action action = MakeAction("22", "省发改委", "supervise", kT0 + 60, 2);
  action.role = Role::kParticipant;
  action.level = Level::kSupervise;
  action.occurrence = "final";
  action.due = *ParseCivilDate("2026-12-31");
  action.recipients = {Recipient::kLeadership, Recipient::kOffice, Recipient::kLeadingGroup};
  action.channels = {Channel::kEmail, Channel::kWebhook};
  action.reason = "督办: 5 working days after the final due 2026-12-31";
  CHECK(Record(*store, {action}, {}, kT0 + 100) == 1);

  std::vector<OutboxRow> rows = List(*store, {});
  REQUIRE(rows.size() == 1);
  const OutboxRow& row = rows[0];
  CHECK(row.id > 0);
  CHECK(row.state == "pending");
  CHECK(row.attempts == 0);
  CHECK(row.last_error.empty());
  CHECK(row.created_at == kT0 + 101);
  CHECK(row.updated_at == kT0 + 101);
  const Action& got = row.action;
  CHECK(got.key == action.key);
  CHECK(got.task_ref == "22");
  CHECK(got.agency == "省发改委");
  CHECK(got.role == Role::kParticipant);
  CHECK(got.occurrence == "final");
  CHECK(got.due == action.due);
  CHECK(got.level == Level::kSupervise);
  CHECK(got.step == "supervise");
  CHECK(got.repeat == 2);
  CHECK(got.recipients == action.recipients);
  CHECK(got.channels == action.channels);
  CHECK(got.at == kT0 + 60);
  CHECK(got.reason == action.reason);
}

TEST_CASE("Outbox: a key is decided once, the mark moves every time", "[sqlite_outbox]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  auto store = OpenStore(path);
  CHECK_FALSE(Mark(*store).has_value());

  std::vector<Action> decided = {MakeAction("1", "省发改委", "remind-3", kT0 + 10),
                                 MakeAction("2", "省科技厅", "remind-3", kT0 + 20)};
  std::vector<Action> skipped = {MakeAction("1", "省发改委", "remind-10", kT0 + 5)};
  CHECK(Record(*store, decided, skipped, kT0 + 100) == 3);
  CHECK(Mark(*store) == std::optional<int64_t>(kT0 + 100));

  // The same keys again (a restart, a reload): nothing new, states untouched.
  CHECK(Record(*store, skipped, decided, kT0 + 200) == 0);
  CHECK(Mark(*store) == std::optional<int64_t>(kT0 + 200));
  std::vector<OutboxRow> rows = List(*store, {});
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].state == "pending");
  CHECK(rows[1].state == "pending");
  CHECK(rows[2].state == "skipped");
  CHECK(rows[0].created_at == kT0 + 101);

  // One new among old ones; duplicates inside one call count once.
  Action urge = MakeAction("1", "省发改委", "urge", kT0 + 300);
  CHECK(Record(*store, {decided[0], urge, urge}, {}, kT0 + 300) == 1);

  // An empty decision still moves the mark; it survives reopening.
  CHECK(Record(*store, {}, {}, kT0 + 400) == 0);
  store.reset();
  store = OpenStore(path);
  CHECK(Mark(*store) == std::optional<int64_t>(kT0 + 400));
  CHECK(List(*store, {}).size() == 4);
}

TEST_CASE("Outbox: a failure mid-way leaves neither rows nor mark", "[sqlite_outbox]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  {
    auto store = OpenStore(path);
    CHECK(Record(*store, {MakeAction("1", "省发改委", "remind-10", kT0)}, {}, kT0 + 10) == 1);
  }
  {
    // Fault injection: the 150th row of the next call fails (past two full batches).
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
             "WHEN NEW.task_ref = 'task-149' BEGIN SELECT RAISE(ABORT, 'injected'); END");
  }
  auto store = OpenStore(path);
  std::vector<Action> decided;
  for (int i = 0; i < 200; ++i) {
    decided.push_back(MakeAction("task-" + std::to_string(i), "省发改委", "urge", kT0 + 20 + i));
  }
  auto recorded = store->RecordDecisions(decided, {}, kT0 + 500, kT0 + 501);
  REQUIRE_FALSE(recorded.ok());
  CHECK(recorded.status().code() == Status::Code::kIOError);
  CHECK(recorded.status().message().find("injected") != std::string::npos);
  CHECK(Keys(List(*store, {})) == Strings{"1|省发改委|lead|2026-Q3|remind-10|0"});
  CHECK(Mark(*store) == std::optional<int64_t>(kT0 + 10));

  SECTION("the mark alone fails") {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER fail_outbox");
    raw.exec("CREATE TRIGGER fail_mark BEFORE UPDATE ON meta "
             "BEGIN SELECT RAISE(ABORT, 'mark injected'); END");
    auto again = store->RecordDecisions(decided, {}, kT0 + 500, kT0 + 501);
    REQUIRE_FALSE(again.ok());
    CHECK(again.status().message().find("mark injected") != std::string::npos);
    CHECK(List(*store, {}).size() == 1);
    CHECK(Mark(*store) == std::optional<int64_t>(kT0 + 10));
  }
  SECTION("and works once the fault is gone") {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER fail_outbox");
    CHECK(Record(*store, decided, {}, kT0 + 500) == 200);
  }
}

TEST_CASE("Outbox: actions without a key are refused", "[sqlite_outbox]") {
  auto store = OpenStore();
  Action keyless = MakeAction("1", "省发改委", "urge", kT0);
  keyless.key.clear();
  auto recorded = store->RecordDecisions({MakeAction("2", "省发改委", "urge", kT0)}, {keyless},
                                         kT0 + 10, kT0 + 10);
  REQUIRE_FALSE(recorded.ok());
  CHECK(recorded.status().code() == Status::Code::kInvalidArgument);
  CHECK(List(*store, {}).empty());
  CHECK_FALSE(Mark(*store).has_value());
}

TEST_CASE("Outbox: ListOutbox filters by state, task and agency, oldest first",
          "[sqlite_outbox]") {
  auto store = OpenStore();
  REQUIRE(store->ApplyPlan(testing::SamplePlan(), "test", kT0).ok());
  REQUIRE(store->SyncAgencies({AgencyInfo{"省发改委", {"省发展改革委"}, "", "", ""}}, "test", kT0)
              .ok());
  Record(*store,
         {MakeAction("1", "省发改委", "remind-3", kT0 + 30),
          MakeAction("1", "省经信委", "remind-3", kT0 + 30)},
         {MakeAction("3", "省发改委", "remind-10", kT0 + 10)}, kT0 + 100);
  Record(*store, {MakeAction("3", "省科技厅", "urge", kT0 + 5)}, {}, kT0 + 200);

  const std::string a = "1|省发改委|lead|2026-Q3|remind-3|0";
  const std::string b = "1|省经信委|lead|2026-Q3|remind-3|0";
  const std::string c = "3|省发改委|lead|2026-Q3|remind-10|0";
  const std::string d = "3|省科技厅|lead|2026-Q3|urge|0";
  CHECK(Keys(List(*store, {})) == Strings{a, b, c, d});  // in order of decision
  CHECK(Keys(List(*store, {"pending", "", "", 0, 1000})) == Strings{a, b, d});
  CHECK(Keys(List(*store, {"skipped", "", "", 0, 1000})) == Strings{c});
  CHECK(List(*store, {"sent", "", "", 0, 1000}).empty());
  CHECK(Keys(List(*store, {"", "3", "", 0, 1000})) == Strings{c, d});
  CHECK(Keys(List(*store, {"", "", "省发展改革委", 0, 1000})) == Strings{a, c});  // alias
  CHECK(Keys(List(*store, {"", "", "省发改委", 0, 1000})) == Strings{a, c});
  CHECK(Keys(List(*store, {"pending", "1", "省发改委", 0, 1000})) == Strings{a});
  CHECK(Keys(List(*store, {"", "", "", 0, 2})) == Strings{a, b});
  CHECK(List(*store, {"", "", "无此单位", 0, 1000}).empty());

  CHECK(store->ListOutbox({"lost", "", "", 0, 10}).status().code() ==
        Status::Code::kInvalidArgument);
  CHECK(store->ListOutbox({"", "", "", 0, 0}).status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("Outbox: 100,000 actions in one RecordDecisions in well under a second",
          "[.perf][sqlite_outbox]") {
  TempDir dir;
  auto store = OpenStore(dir.File("perf.db"));
  std::vector<Action> decided;
  decided.reserve(100'000);
  for (int i = 0; i < 100'000; ++i) {
    decided.push_back(MakeAction(std::to_string(i / 4 + 1), "省单位" + std::to_string(i % 2000),
                                 "remind-" + std::to_string(i % 4), kT0 + i));
  }
  // CPU time as well as wall time: the wall clock also counts whatever else the machine runs.
  auto timed = [&](int64_t until, int* added) {
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    *added = Record(*store, decided, {}, until);
    const double wall_ms = std::chrono::duration<double, std::milli>(
                               std::chrono::steady_clock::now() - start).count();
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    return std::pair{wall_ms, cpu_ms};
  };
  int first_added = 0;
  int again_added = 0;
  auto [first_ms, first_cpu_ms] = timed(kT0 + 200'000, &first_added);
  auto [again_ms, again_cpu_ms] = timed(kT0 + 300'000, &again_added);
  CHECK(first_added == 100'000);
  CHECK(again_added == 0);
  std::printf("100k actions: first %.0f ms (cpu %.0f), same again %.0f ms (cpu %.0f)\n",
              first_ms, first_cpu_ms, again_ms, again_cpu_ms);
#ifdef NDEBUG  // the bound is for optimised builds
  CHECK(first_cpu_ms < 1000 * testing::kCpuBoundScale);
  CHECK(again_cpu_ms < 1000 * testing::kCpuBoundScale);
#else
  WARN("Debug build: timings printed, not checked");
#endif
}

}  // namespace
}  // namespace duban
