// SqliteStore's tracking methods: feedback, lifecycle states (and how re-imports treat
// them), run-time deadline patches, LoadTracking.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::MakeTask;
using testing::SamplePlan;
using testing::TempDir;
using Strings = std::vector<std::string>;
using nlohmann::json;

constexpr int64_t kT0 = 1'700'000'000;
constexpr int64_t kT1 = kT0 + 3600;
constexpr int64_t kT2 = kT0 + 7200;
constexpr int64_t kT3 = kT0 + 10800;

using testing::OpenStore;

// The sample plan, with 省发改委 also known as 省发展改革委.
std::unique_ptr<SqliteStore> SampleStore(const std::string& path = ":memory:") {
  auto store = OpenStore(path);
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  REQUIRE(store->SyncAgencies({AgencyInfo{"省发改委", {"省发展改革委"}, "", "", ""}}, "test", kT0)
              .ok());
  return store;
}

std::vector<AuditEntry> AuditOf(Store& store, const std::string& action) {
  auto entries = store.ListAudit(0, 1'000'000);
  REQUIRE(entries.ok());
  std::vector<AuditEntry> found;
  for (auto& entry : *entries) {
    if (entry.action == action) found.push_back(entry);
  }
  return found;
}

Feedback MakeFeedback(const std::string& ref, const std::string& agency, int64_t at,
                      const std::string& text, std::optional<int> percent = {},
                      bool done = false) {
  Feedback feedback;
  feedback.task_ref = ref;
  feedback.agency = agency;
  feedback.at = at;
  feedback.text = text;
  feedback.percent = percent;
  feedback.done = done;
  return feedback;
}

Feedback Add(Store& store, const Feedback& feedback, const std::string& actor = "uid 0 (root)") {
  auto added = store.AddFeedback(feedback, actor, feedback.at + 5);
  INFO(added.status().ToString());
  REQUIRE(added.ok());
  return *added;
}

std::vector<Feedback> ListFeedback(Store& store, const std::string& ref,
                                   const std::string& agency) {
  auto listed = store.ListFeedback(ref, agency);
  INFO(listed.status().ToString());
  REQUIRE(listed.ok());
  return *listed;
}

Strings Texts(const std::vector<Feedback>& feedback) {
  Strings texts;
  for (const auto& item : feedback) texts.push_back(item.text);
  return texts;
}

TaskRecord Get(Store& store, const std::string& ref) {
  auto record = store.GetTask(ref);
  INFO(record.status().ToString());
  REQUIRE(record.ok());
  return *record;
}

std::vector<TrackingRecord> Load(Store& store) {
  auto loaded = store.LoadTracking();
  INFO(loaded.status().ToString());
  REQUIRE(loaded.ok());
  return *loaded;
}

Strings Refs(const std::vector<TrackingRecord>& records) {
  Strings refs;
  for (const auto& record : records) refs.push_back(record.record.task.ref);
  return refs;
}

DeadlinePatch QuarterlyPatch() {
  DeadlinePatch patch;
  patch.final_due = ParseCivilDate("2026-12-31");
  patch.cycle = ReportCycle::kQuarterly;
  patch.report_due = ReportDue{3, 0};
  patch.participant_lead_days = 2;
  return patch;
}

TEST_CASE("Tracking: feedback is stored under the canonical name, audited, listed oldest first",
          "[sqlite_tracking]") {
  auto store = SampleStore();
  Feedback first = Add(*store, MakeFeedback("1", "省发展改革委", kT2, "规划初稿已完成", 40));
  CHECK(first.id > 0);
  CHECK(first.agency == "省发改委");  // alias → canonical
  CHECK(first.actor == "uid 0 (root)");
  CHECK(first.percent == std::optional<int>(40));
  Feedback earlier = Add(*store, MakeFeedback("1", "省财政厅", kT1, "资金已安排"));
  Feedback other = Add(*store, MakeFeedback("3", "省发改委", kT3, "已配合", std::nullopt, true));
  CHECK(earlier.id != first.id);

  std::vector<Feedback> all = ListFeedback(*store, "", "");
  CHECK(Texts(all) == Strings{"资金已安排", "规划初稿已完成", "已配合"});
  CHECK(Texts(ListFeedback(*store, "1", "")) == Strings{"资金已安排", "规划初稿已完成"});
  CHECK(Texts(ListFeedback(*store, "", "省发展改革委")) == Strings{"规划初稿已完成", "已配合"});
  CHECK(Texts(ListFeedback(*store, "3", "省发改委")) == Strings{"已配合"});

  const Feedback& read = all[2];
  CHECK(read.id == other.id);
  CHECK(read.task_ref == "3");
  CHECK(read.agency == "省发改委");
  CHECK(read.at == kT3);
  CHECK(read.actor == "uid 0 (root)");
  CHECK_FALSE(read.percent.has_value());
  CHECK(read.done);
  CHECK(all[1].percent == std::optional<int>(40));
  CHECK_FALSE(all[1].done);

  std::vector<AuditEntry> audit = AuditOf(*store, "feedback.add");
  REQUIRE(audit.size() == 3);
  auto entry = std::find_if(audit.begin(), audit.end(), [&](const AuditEntry& e) {
    return json::parse(e.detail)["feedback_id"] == first.id;
  });
  REQUIRE(entry != audit.end());
  CHECK(entry->subject == "task 1");
  CHECK(entry->actor == "uid 0 (root)");
  CHECK(entry->at == kT2 + 5);
  json detail = json::parse(entry->detail);
  CHECK(detail["agency"] == "省发改委");
  CHECK(detail["text"] == "规划初稿已完成");
  CHECK(detail["percent"] == 40);
  CHECK(detail["feedback_id"] == first.id);
}

TEST_CASE("Tracking: feedback that cannot be recorded changes nothing", "[sqlite_tracking]") {
  auto store = SampleStore();
  const size_t audit_before = store->ListAudit(0, 1'000'000)->size();
  struct Case {
    const char* name;
    Feedback feedback;
    Status::Code code;
    const char* mentions;
  };
  const Case cases[] = {
      {"unknown task", MakeFeedback("99", "省发改委", kT1, "x"), Status::Code::kNotFound, "99"},
      {"unknown agency", MakeFeedback("1", "省外星局", kT1, "x"), Status::Code::kNotFound,
       "省外星局"},
      {"agency without a role", MakeFeedback("2", "省发改委", kT1, "x"),
       Status::Code::kInvalidArgument, "no role"},
      {"percent above 100", MakeFeedback("1", "省发改委", kT1, "x", 101),
       Status::Code::kInvalidArgument, "101"},
      {"negative percent", MakeFeedback("1", "省发改委", kT1, "x", -1),
       Status::Code::kInvalidArgument, "-1"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    auto added = store->AddFeedback(c.feedback, "test", kT1);
    REQUIRE_FALSE(added.ok());
    CHECK(added.status().code() == c.code);
    CHECK(added.status().message().find(c.mentions) != std::string::npos);
  }
  CHECK(ListFeedback(*store, "", "").empty());
  CHECK(store->ListAudit(0, 1'000'000)->size() == audit_before);

  // Boundaries are accepted.
  Add(*store, MakeFeedback("1", "省发改委", kT1, "零", 0));
  Add(*store, MakeFeedback("1", "省发改委", kT1, "满", 100));
  CHECK(ListFeedback(*store, "1", "").size() == 2);

  CHECK(store->ListFeedback("99", "").status().code() == Status::Code::kNotFound);
  CHECK(store->ListFeedback("", "省外星局").status().code() == Status::Code::kNotFound);
}

// The counts come from task_state_counts, kept by triggers (schema v6): they must follow
// every way a task's state changes.
TEST_CASE("Tracking: the summary's task counts follow imports, removals and state changes",
          "[sqlite_tracking]") {
  auto store = SampleStore();
  auto counts = [&] {
    StoreSummary summary = *store->Summary();
    return std::vector<int>{summary.active_tasks, summary.suspended_tasks,
                            summary.completed_tasks, summary.removed_tasks};
  };
  CHECK(counts() == std::vector<int>{4, 0, 0, 0});
  REQUIRE(store->SetTaskState("2", TaskState::kSuspended, "暂缓", "admin", kT1).ok());
  REQUIRE(store->SetTaskState("4", TaskState::kCompleted, "已办结", "admin", kT1).ok());
  CHECK(counts() == std::vector<int>{2, 1, 1, 0});
  REQUIRE(store->SetTaskState("2", TaskState::kSuspended, "另一个原因", "admin", kT1).ok());
  CHECK(counts() == std::vector<int>{2, 1, 1, 0});  // a new reason is no new state
  Plan revised = SamplePlan();
  revised.tasks.erase(revised.tasks.begin() + 2);  // task 3 dropped
  REQUIRE(store->ApplyPlan(revised, "test", kT2).ok());
  CHECK(counts() == std::vector<int>{1, 1, 1, 1});
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT3).ok());  // back, active again
  CHECK(counts() == std::vector<int>{2, 1, 1, 0});
  REQUIRE(store->SetTaskState("2", TaskState::kActive, "恢复", "admin", kT3).ok());
  CHECK(counts() == std::vector<int>{3, 0, 1, 0});
  // The same as counting the tasks themselves.
  std::vector<int> listed;
  for (const char* state : {"active", "suspended", "completed"}) {
    listed.push_back(static_cast<int>(store->ListTasks({"", {}, "", state})->size()));
  }
  listed.push_back(static_cast<int>(store->ListTasks({"", {}, "", "all"})->size()) -
                   listed[0] - listed[1] - listed[2]);
  CHECK(counts() == listed);
}

TEST_CASE("Tracking: state changes are stored, audited and filtered", "[sqlite_tracking]") {
  auto store = SampleStore();
  Status suspended = store->SetTaskState("2", TaskState::kSuspended, "等待国务院批复", "admin", kT1);
  INFO(suspended.ToString());
  REQUIRE(suspended.ok());
  REQUIRE(store->SetTaskState("4", TaskState::kCompleted, "已办结", "admin", kT2).ok());

  TaskRecord two = Get(*store, "2");
  CHECK(two.state == "suspended");
  CHECK(two.state_reason == "等待国务院批复");
  CHECK(two.updated_at == kT1);
  CHECK(Get(*store, "1").state_reason.empty());

  auto refs = [&](const std::string& state) {
    auto listed = store->ListTasks({"", {}, "", state});
    REQUIRE(listed.ok());
    Strings found;
    for (const auto& record : *listed) found.push_back(record.task.ref);
    return found;
  };
  CHECK(refs("") == Strings{"1", "3"});
  CHECK(refs("active") == Strings{"1", "3"});
  CHECK(refs("suspended") == Strings{"2"});
  CHECK(refs("completed") == Strings{"4"});
  CHECK(refs("all") == Strings{"1", "2", "3", "4"});
  CHECK(store->ListTasks({"", {}, "", "paused"}).status().code() ==
        Status::Code::kInvalidArgument);

  StoreSummary summary = *store->Summary();
  CHECK(summary.active_tasks == 2);
  CHECK(summary.suspended_tasks == 1);
  CHECK(summary.completed_tasks == 1);
  CHECK(store->LoadPlan()->tasks.size() == 4);  // still part of the plan

  std::vector<AuditEntry> audit = AuditOf(*store, "task.state");
  REQUIRE(audit.size() == 2);
  json detail = json::parse(audit[0].detail);
  CHECK(audit[0].subject == "task 2");
  CHECK(audit[0].actor == "admin");
  CHECK(detail["from"] == "active");
  CHECK(detail["to"] == "suspended");
  CHECK(detail["reason"] == "等待国务院批复");

  // Resume; the same change again writes nothing.
  REQUIRE(store->SetTaskState("2", TaskState::kActive, "批复已下达", "admin", kT3).ok());
  REQUIRE(store->SetTaskState("2", TaskState::kActive, "批复已下达", "admin", kT3).ok());
  CHECK(Get(*store, "2").state == "active");
  CHECK(Get(*store, "2").state_reason == "批复已下达");
  audit = AuditOf(*store, "task.state");
  REQUIRE(audit.size() == 3);
  CHECK(json::parse(audit[2].detail)["from"] == "suspended");

  CHECK(store->SetTaskState("99", TaskState::kActive, "", "admin", kT3).code() ==
        Status::Code::kNotFound);
  CHECK(store->SetTaskState("1", TaskState::kRemoved, "", "admin", kT3).code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("Tracking: re-imports keep suspended and completed tasks, removal still wins",
          "[sqlite_tracking]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  auto store = SampleStore(path);
  REQUIRE(store->SetTaskState("2", TaskState::kSuspended, "等待", "admin", kT1).ok());
  REQUIRE(store->SetTaskState("3", TaskState::kCompleted, "办结", "admin", kT1).ok());

  SECTION("the same plan again") {
    auto diff = store->ApplyPlan(SamplePlan(), "test", kT2);
    REQUIRE(diff.ok());
    CHECK(diff->empty());
    auto preview = store->PreviewPlan(SamplePlan());
    REQUIRE(preview.ok());
    CHECK(preview->empty());
  }
  SECTION("a revised plan that changes the tasks' text") {
    Plan revised = SamplePlan();
    revised.tasks[1].text += "(修订)";
    revised.tasks[2].text += "(修订)";
    auto diff = store->ApplyPlan(revised, "test", kT2);
    REQUIRE(diff.ok());
    CHECK(diff->changed.size() == 2);
  }
  SECTION("after reopening the file") {
    store.reset();
    store = OpenStore(path);
    REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT2).ok());
  }
  CHECK(Get(*store, "2").state == "suspended");
  CHECK(Get(*store, "2").state_reason == "等待");
  CHECK(Get(*store, "3").state == "completed");
  CHECK(Get(*store, "3").state_reason == "办结");

  // Dropped from the plan: removed, whatever its state; back: active.
  Plan without = SamplePlan();
  without.tasks.erase(without.tasks.begin() + 1);  // task 2
  REQUIRE(store->ApplyPlan(without, "test", kT3).ok());
  CHECK(Get(*store, "2").state == "removed");
  CHECK(store->SetTaskState("2", TaskState::kActive, "", "admin", kT3).code() ==
        Status::Code::kFailedPrecondition);
  CHECK(store->AddFeedback(MakeFeedback("2", "省国资委", kT3, "x"), "admin", kT3)
            .status()
            .code() == Status::Code::kFailedPrecondition);
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT3 + 1).ok());
  CHECK(Get(*store, "2").state == "active");
  CHECK(Get(*store, "2").state_reason.empty());
  CHECK(Get(*store, "3").state == "completed");
}

TEST_CASE("Tracking: a deadline patch is set, read back, replaced and cleared",
          "[sqlite_tracking]") {
  auto store = SampleStore();
  const DeadlinePatch patch = QuarterlyPatch();
  Status set = store->SetDeadlinePatch("3", patch, "admin", kT1);
  INFO(set.ToString());
  REQUIRE(set.ok());

  auto runtime_of = [&](const std::string& ref) {
    for (const auto& record : Load(*store)) {
      if (record.record.task.ref == ref) return record.runtime_deadline;
    }
    FAIL("no task " << ref);
    return std::optional<DeadlinePatch>();
  };
  REQUIRE(runtime_of("3").has_value());
  CHECK(*runtime_of("3") == patch);
  CHECK_FALSE(runtime_of("1").has_value());

  DeadlinePatch clear_due;
  clear_due.clear_final_due = true;
  clear_due.report_due = ReportDue{0, 15};
  REQUIRE(store->SetDeadlinePatch("3", clear_due, "admin", kT2).ok());
  CHECK(*runtime_of("3") == clear_due);
  REQUIRE(store->SetDeadlinePatch("3", clear_due, "admin", kT2).ok());  // no change

  REQUIRE(store->SetDeadlinePatch("3", DeadlinePatch{}, "admin", kT3).ok());
  CHECK_FALSE(runtime_of("3").has_value());

  std::vector<AuditEntry> audit = AuditOf(*store, "task.due");
  REQUIRE(audit.size() == 3);
  json first = json::parse(audit[0].detail);
  CHECK(first["ref"] == "3");
  CHECK(first["before"].is_null());
  CHECK(first["after"] == json::parse(R"({"final_due":"2026-12-31","cycle":"quarterly",
      "report_due":{"working_days_after":3,"fixed_day":0},"participant_lead_days":2})"));
  json second = json::parse(audit[1].detail);
  CHECK(second["before"] == first["after"]);
  CHECK(second["after"] == json::parse(R"({"clear_final_due":true,
      "report_due":{"working_days_after":0,"fixed_day":15}})"));
  json third = json::parse(audit[2].detail);
  CHECK(third["after"].is_null());
  CHECK(audit[2].actor == "admin");

  CHECK(store->SetDeadlinePatch("99", patch, "admin", kT3).code() == Status::Code::kNotFound);
  DeadlinePatch bad;
  bad.participant_lead_days = -2;
  CHECK(store->SetDeadlinePatch("3", bad, "admin", kT3).code() ==
        Status::Code::kInvalidArgument);
  CHECK(AuditOf(*store, "task.due").size() == 3);
}

TEST_CASE("Tracking: LoadTracking gives the tasks in plan order with feedback and deadline",
          "[sqlite_tracking]") {
  auto store = SampleStore();
  Add(*store, MakeFeedback("3", "省发改委", kT3, "third"));
  Add(*store, MakeFeedback("1", "省经信委", kT2, "second"));
  Add(*store, MakeFeedback("3", "省科技厅", kT1, "first", 10));
  REQUIRE(store->SetDeadlinePatch("1", QuarterlyPatch(), "admin", kT1).ok());
  REQUIRE(store->SetTaskState("4", TaskState::kSuspended, "暂缓", "admin", kT1).ok());
  // Task 2 dropped: removed tasks are not tracked.
  Plan revised = SamplePlan();
  revised.tasks.erase(revised.tasks.begin() + 1);
  std::swap(revised.tasks[0], revised.tasks[1]);  // new order: 3, 1, 4
  REQUIRE(store->ApplyPlan(revised, "test", kT2).ok());

  std::vector<TrackingRecord> records = Load(*store);
  REQUIRE(Refs(records) == Strings{"3", "1", "4"});
  CHECK(Texts(records[0].feedback) == Strings{"first", "third"});
  CHECK(records[0].feedback[0].agency == "省科技厅");
  CHECK(records[0].feedback[0].percent == std::optional<int>(10));
  CHECK(Texts(records[1].feedback) == Strings{"second"});
  CHECK(records[2].feedback.empty());
  CHECK(records[1].runtime_deadline == std::optional<DeadlinePatch>(QuarterlyPatch()));
  CHECK_FALSE(records[0].runtime_deadline.has_value());
  CHECK(records[2].record.state == "suspended");
  CHECK(records[2].record.state_reason == "暂缓");
  CHECK(records[0].record.task.lead == Strings{"省科技厅"});
  CHECK(records[0].record.task.participants == Strings{"省发改委"});
  CHECK(records[0].record.task.due == "2024-06-30");
  CHECK(records[0].record.created_at == kT0);
}

// The lean form the daemon's model loads must agree with the full records field by field.
TEST_CASE("Tracking: LoadTrackingOutlines gives LoadTracking's tasks without their texts",
          "[sqlite_tracking]") {
  auto store = SampleStore();
  Add(*store, MakeFeedback("3", "省发改委", kT3, "third"));
  Add(*store, MakeFeedback("3", "省科技厅", kT1, "first", 10));
  REQUIRE(store->SetDeadlinePatch("1", QuarterlyPatch(), "admin", kT1).ok());
  REQUIRE(store->SetTaskState("4", TaskState::kSuspended, "暂缓", "admin", kT1).ok());
  Plan revised = SamplePlan();
  revised.tasks.erase(revised.tasks.begin() + 1);  // task 2 removed: not tracked
  std::swap(revised.tasks[0], revised.tasks[1]);
  REQUIRE(store->ApplyPlan(revised, "test", kT2).ok());

  std::vector<TrackingRecord> records = Load(*store);
  auto outlines = store->LoadTrackingOutlines();
  REQUIRE(outlines.ok());
  REQUIRE(outlines->size() == records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const Task& task = records[i].record.task;
    const TrackingOutline& outline = (*outlines)[i];
    INFO("task " << task.ref);
    CHECK(outline.task.ref == task.ref);
    CHECK(outline.task.section == task.section);
    for (Role role : {Role::kLead, Role::kParticipant, Role::kResponsible}) {
      std::span<const std::string_view> got = outline.task.agencies(role);
      CHECK(Strings(got.begin(), got.end()) == task.agencies(role));
    }
    CHECK(outline.due == task.due);
    CHECK(outline.state == records[i].record.state);
    CHECK(outline.created_at == records[i].record.created_at);
    CHECK(Texts(outline.feedback) == Texts(records[i].feedback));
    CHECK(outline.runtime_deadline == records[i].runtime_deadline);
    CHECK(outline.targets.size() == records[i].targets.size());
  }
  CHECK((*outlines)[1].runtime_deadline.has_value());  // task 1, as above
  CHECK((*outlines)[2].state == "suspended");
}

TEST_CASE("Tracking: LoadTracking of an empty store is empty", "[sqlite_tracking]") {
  auto store = OpenStore();
  CHECK(Load(*store).empty());
}

TEST_CASE("Tracking: LoadTracking of 100,000 tasks takes few queries and little time",
          "[.perf][sqlite_tracking]") {
  TempDir dir;
  const std::string path = dir.File("perf.db");
  auto store = OpenStore(path);
  REQUIRE(store->ApplyPlan(testing::LargePlan(100'000, 4, 2000), "perf", kT0).ok());
  {
    // Two feedback rows for every other task and a deadline for every tenth, written raw:
    // 100,000 AddFeedback transactions would time the setup, not the load.
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO feedback (task_id, agency_id, at, actor, text) "
             "SELECT a.task_id, a.agency_id, 1000 + a.task_id, 'perf', '进展' FROM assignments a "
             "WHERE a.task_id % 2 = 0 AND a.position < 2");
    raw.exec("INSERT INTO task_deadlines (task_id, patch, actor, at) "
             "SELECT id, '{\"cycle\":\"quarterly\"}', 'perf', 1 FROM tasks WHERE id % 10 = 0");
    // A confirmed target for every third task, a proposal for every fifth, and a value
    // with each of their feedback.
    raw.exec("INSERT INTO targets (task_id, name, comparison, value, period, state, "
             "created_at, updated_at) SELECT id, '增长', 'at_least', 7, 'yearly', "
             "'confirmed', 1, 1 FROM tasks WHERE id % 3 = 0");
    raw.exec("INSERT INTO targets (task_id, name, comparison, value, period, state, "
             "matched_text, created_at, updated_at) SELECT id, '比重', 'at_least', 20, "
             "'yearly', 'proposed', '比重20%', 1, 1 FROM tasks WHERE id % 5 = 0");
    raw.exec("INSERT INTO feedback_values (feedback_id, name, value, position) "
             "SELECT f.id, '增长', 7.5, 0 FROM feedback f WHERE f.task_id % 3 = 0");
  }
  std::clock_t plan_cpu_start = std::clock();
  REQUIRE(store->LoadPlan().ok());  // for comparison: the task rows alone
  const double plan_cpu_ms =
      1000.0 * static_cast<double>(std::clock() - plan_cpu_start) / CLOCKS_PER_SEC;
  const std::clock_t cpu_start = std::clock();
  const auto start = std::chrono::steady_clock::now();
  std::vector<TrackingRecord> records = Load(*store);
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  REQUIRE(records.size() == 100'000);
  size_t feedback = 0;
  size_t deadlines = 0;
  size_t targets = 0;
  size_t values = 0;
  for (const auto& record : records) {
    feedback += record.feedback.size();
    if (record.runtime_deadline) ++deadlines;
    targets += record.targets.size();
    for (const Feedback& reply : record.feedback) values += reply.values.size();
  }
  CHECK(feedback > 50'000);
  CHECK(deadlines == 10'000);
  CHECK(targets == 33'333);  // confirmed only: the proposals are not tracked
  CHECK(values > 10'000);
  std::printf("LoadTracking 100k tasks, %zu feedback: %.0f ms (cpu %.0f; LoadPlan cpu %.0f)\n",
              feedback, wall_ms, cpu_ms, plan_cpu_ms);
#ifdef NDEBUG  // the bound is for optimised builds
  CHECK(cpu_ms < 2000 * testing::kCpuBoundScale);
#else
  WARN("Debug build: timings printed, not checked");
#endif
}

}  // namespace
}  // namespace duban
