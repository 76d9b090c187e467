#include "workflow/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"

namespace duban {
namespace {

using testing::MakeTask;
using testing::SamplePlan;
using testing::TempDir;
using testing::Audit;
using testing::SampleAgencies;
using testing::Count;
using testing::CountActions;
using testing::FindAction;
using testing::Get;
using testing::GetAgency;
using testing::List;
using testing::OpenStore;
using testing::Refs;
using testing::Strings;
using testing::Summarise;

constexpr int64_t kT0 = 1'700'000'000;
constexpr int64_t kT1 = kT0 + 3600;
constexpr int64_t kT2 = kT0 + 7200;

void CheckSameTask(const Task& got, const Task& want) {
  INFO("task " << want.ref);
  CHECK(got.ref == want.ref);
  CHECK(got.number == want.number);
  CHECK(got.label == want.label);
  CHECK(got.section == want.section);
  CHECK(got.text == want.text);
  CHECK(got.assignment == want.assignment);
  CHECK(got.lead == want.lead);
  CHECK(got.participants == want.participants);
  CHECK(got.responsible == want.responsible);
  CHECK(got.officials == want.officials);
  CHECK(got.due == want.due);
  CHECK(got.line == want.line);
  CHECK(got.confidence == want.confidence);
  CHECK(got.doubts == want.doubts);
  CHECK(got.truncated == want.truncated);
}

void CheckSamePlan(const Plan& got, const Plan& want) {
  CHECK(got.title == want.title);
  CHECK(got.source == want.source);
  REQUIRE(got.sections.size() == want.sections.size());
  for (size_t i = 0; i < want.sections.size(); ++i) {
    CHECK(got.sections[i].number == want.sections[i].number);
    CHECK(got.sections[i].label == want.sections[i].label);
    CHECK(got.sections[i].title == want.sections[i].title);
  }
  REQUIRE(got.tasks.size() == want.tasks.size());
  for (size_t i = 0; i < want.tasks.size(); ++i) CheckSameTask(got.tasks[i], want.tasks[i]);
}

int64_t TaskId(const std::string& path, const std::string& ref) {
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  SQLite::Statement query(raw, "SELECT id FROM tasks WHERE ref = ?");
  query.bind(1, ref);
  REQUIRE(query.executeStep());
  return query.getColumn(0).getInt64();
}


TEST_CASE("SqliteStore: a new store is empty", "[sqlite_store]") {
  auto store = OpenStore();
  StoreSummary summary = Summarise(*store);
  CHECK(summary.schema_version == SqliteStore::kSchemaVersion);
  CHECK(summary.plan_imported_at == 0);
  CHECK(summary.active_tasks == 0);
  CHECK(summary.agencies == 0);
  CHECK(summary.audit_entries == 0);
  auto plan = store->LoadPlan();
  REQUIRE(plan.ok());
  CHECK(plan->tasks.empty());
  CHECK(plan->title.empty());
  CHECK(List(*store, {}).empty());
  CHECK(store->GetTask("1").status().code() == Status::Code::kNotFound);
  CHECK(store->GetAgency("省发改委").status().code() == Status::Code::kNotFound);
  auto agencies = store->ListAgencies();
  REQUIRE(agencies.ok());
  CHECK(agencies->empty());
}

TEST_CASE("SqliteStore: first import stores the plan as given", "[sqlite_store]") {
  auto store = OpenStore();
  Plan plan = SamplePlan();
  auto diff = store->ApplyPlan(plan, "uid 1000 (alice)", kT0);
  INFO(diff.status().ToString());
  REQUIRE(diff.ok());
  CHECK(diff->added == Strings{"1", "2", "3", "4"});
  CHECK(diff->removed.empty());
  CHECK(diff->changed.empty());
  CHECK(diff->unchanged == 0);
  CHECK(diff->title_changed);
  CHECK(diff->sections_changed);

  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CheckSamePlan(*loaded, plan);

  TaskRecord record = Get(*store, "3");
  CHECK(record.state == "active");
  CHECK(record.created_at == kT0);
  CHECK(record.updated_at == kT0);

  StoreSummary summary = Summarise(*store);
  CHECK(summary.plan_title == plan.title);
  CHECK(summary.plan_source == "plan.txt");
  CHECK(summary.plan_imported_at == kT0);
  CHECK(summary.sections == 2);
  CHECK(summary.active_tasks == 4);
  CHECK(summary.removed_tasks == 0);
  CHECK(summary.agencies == 8);

  auto audit = Audit(*store);
  CHECK(CountActions(audit, "task.add") == 4);
  CHECK(CountActions(audit, "plan.import") == 1);
  CHECK(summary.audit_entries == 5);
  for (const auto& entry : audit) {
    CHECK(entry.at == kT0);
    CHECK(entry.actor == "uid 1000 (alice)");
  }
  const AuditEntry* import = FindAction(audit, "plan.import", "plan");
  REQUIRE(import != nullptr);
  auto detail = nlohmann::json::parse(import->detail);
  CHECK(detail["added"] == 4);
  CHECK(detail["removed"] == 0);
  CHECK(detail["agencies_created"] == 8);
  CHECK(audit.back().action == "plan.import");
}

TEST_CASE("SqliteStore: agencies are created on demand, collective ones marked",
          "[sqlite_store]") {
  auto store = OpenStore();
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  auto agencies = store->ListAgencies();
  REQUIRE(agencies.ok());
  Strings names;
  for (const auto& agency : *agencies) names.push_back(agency.name);
  Strings sorted = names;
  std::sort(sorted.begin(), sorted.end());
  CHECK(names == sorted);
  CHECK(names.size() == 8);

  AgencyRecord group = GetAgency(*store, "各设区市政府");
  CHECK(group.collective);
  CHECK(group.participant_tasks == 1);
  AgencyRecord ndrc = GetAgency(*store, "省发改委");
  CHECK_FALSE(ndrc.collective);
  CHECK(ndrc.lead_tasks == 1);
  CHECK(ndrc.participant_tasks == 1);
  CHECK(ndrc.responsible_tasks == 0);
  AgencyRecord eitc = GetAgency(*store, "省经信委");
  CHECK(eitc.lead_tasks == 1);
  CHECK(eitc.responsible_tasks == 1);
  CHECK(eitc.email.empty());
  CHECK(eitc.aliases.empty());
}

TEST_CASE("SqliteStore: importing the same plan again changes nothing", "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  auto store = OpenStore(path);
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  const int audit_before = Summarise(*store).audit_entries;
  const int64_t id = TaskId(path, "3");

  auto again = store->ApplyPlan(plan, "someone else", kT1);
  REQUIRE(again.ok());
  CHECK(again->empty());
  CHECK(again->unchanged == 4);
  CHECK(again->added.empty());

  StoreSummary summary = Summarise(*store);
  CHECK(summary.audit_entries == audit_before);
  CHECK(summary.plan_imported_at == kT0);
  for (const auto& record : List(*store, {})) {
    CHECK(record.updated_at == kT0);
    CHECK(record.created_at == kT0);
  }
  CHECK(TaskId(path, "3") == id);
  CHECK(Count(path, "SELECT count(*) FROM task_revisions") == 0);

  // A different file name with the same content is still the same plan.
  plan.source = "copy.txt";
  auto copy = store->ApplyPlan(plan, "test", kT2);
  REQUIRE(copy.ok());
  CHECK(copy->empty());
  CHECK(Summarise(*store).audit_entries == audit_before);
}

TEST_CASE("SqliteStore: a revised plan reports exactly what changed", "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  auto store = OpenStore(path);
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "alice", kT0).ok());
  const int64_t id1 = TaskId(path, "1");
  const int64_t id3 = TaskId(path, "3");
  const int audit_before = Summarise(*store).audit_entries;

  Plan revised = plan;
  revised.tasks.erase(revised.tasks.begin() + 1);  // 2 removed
  Task& t1 = revised.tasks[0];
  t1.text = "编制工业转型升级规划。(省发改委牵头,省财政厅参加)";
  t1.lead = {"省发改委"};
  t1.participants = {"省财政厅"};
  revised.tasks[1].due = "2024-12-31";                           // 3 changed
  revised.tasks.push_back(MakeTask("5", "二", "新增任务。", {"省商务厅"}));  // 5 added

  auto preview = store->PreviewPlan(revised);
  REQUIRE(preview.ok());
  CHECK(Summarise(*store).audit_entries == audit_before);  // preview writes nothing

  auto diff = store->ApplyPlan(revised, "bob", kT1);
  INFO(diff.status().ToString());
  REQUIRE(diff.ok());
  CHECK(diff->added == Strings{"5"});
  CHECK(diff->removed == Strings{"2"});
  REQUIRE(diff->changed.size() == 2);
  CHECK(diff->changed[0].ref == "1");
  CHECK(diff->changed[0].fields == Strings{"text", "lead", "participants"});
  CHECK(diff->changed[1].ref == "3");
  CHECK(diff->changed[1].fields == Strings{"due"});
  CHECK(diff->unchanged == 1);
  CHECK_FALSE(diff->title_changed);
  CHECK_FALSE(diff->sections_changed);

  // The preview said the same.
  CHECK(preview->added == diff->added);
  CHECK(preview->removed == diff->removed);
  REQUIRE(preview->changed.size() == diff->changed.size());
  CHECK(preview->changed[0].fields == diff->changed[0].fields);
  CHECK(preview->unchanged == diff->unchanged);

  // Continuing tasks keep their row and creation time; changed ones are updated.
  CHECK(TaskId(path, "1") == id1);
  CHECK(TaskId(path, "3") == id3);
  TaskRecord r1 = Get(*store, "1");
  CHECK(r1.created_at == kT0);
  CHECK(r1.updated_at == kT1);
  CheckSameTask(r1.task, t1);
  TaskRecord r4 = Get(*store, "4");
  CHECK(r4.updated_at == kT0);  // unchanged
  TaskRecord r2 = Get(*store, "2");
  CHECK(r2.state == "removed");
  CHECK(r2.updated_at == kT1);
  CHECK(r2.task.responsible == Strings{"省国资委"});  // history kept

  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CheckSamePlan(*loaded, revised);

  // The previous version of task 1 is kept as a revision.
  {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement revision(raw,
                               "SELECT task_id, revised_at, actor, reason, old_text, old_due, "
                               "old_agencies FROM task_revisions ORDER BY id");
    REQUIRE(revision.executeStep());
    CHECK(revision.getColumn(0).getInt64() == id1);
    CHECK(revision.getColumn(1).getInt64() == kT1);
    CHECK(revision.getColumn(2).getString() == "bob");
    CHECK(revision.getColumn(3).getString() == "change");
    CHECK(revision.getColumn(4).getString() == plan.tasks[0].text);
    auto old_agencies = nlohmann::json::parse(revision.getColumn(6).getString());
    CHECK(old_agencies["lead"] == Strings{"省发改委", "省经信委"});
    CHECK(old_agencies["participants"] == Strings{"省财政厅", "各设区市政府"});
    REQUIRE(revision.executeStep());
    CHECK(revision.getColumn(0).getInt64() == id3);
    CHECK(revision.getColumn(5).getString() == "2024-06-30");
    CHECK_FALSE(revision.executeStep());
  }

  auto audit = Audit(*store);
  CHECK(static_cast<int>(audit.size()) == audit_before + 5);  // 2 changes, add, remove, import
  const AuditEntry* change = FindAction(audit, "task.change", "task 3");
  REQUIRE(change != nullptr);
  CHECK(change->actor == "bob");
  auto detail = nlohmann::json::parse(change->detail);
  CHECK(detail["fields"] == Strings{"due"});
  CHECK(detail["before"]["due"] == "2024-06-30");
  CHECK(detail["after"]["due"] == "2024-12-31");
  CHECK(FindAction(audit, "task.add", "task 5") != nullptr);
  CHECK(FindAction(audit, "task.remove", "task 2") != nullptr);
  auto import = nlohmann::json::parse(audit.back().detail);
  CHECK(audit.back().action == "plan.import");
  CHECK(import["added"] == 1);
  CHECK(import["removed"] == 1);
  CHECK(import["changed"] == 2);
  CHECK(import["unchanged"] == 1);

  // Counts follow active tasks only: 省经信委 lost its lead on task 1.
  AgencyRecord eitc = GetAgency(*store, "省经信委");
  CHECK(eitc.lead_tasks == 0);
  CHECK(eitc.responsible_tasks == 1);
  AgencyRecord sasac = GetAgency(*store, "省国资委");  // only on removed task 2
  CHECK(sasac.responsible_tasks == 0);
}

TEST_CASE("SqliteStore: a removed task comes back with its identity", "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  auto store = OpenStore(path);
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  const int64_t id2 = TaskId(path, "2");

  Plan without = plan;
  without.tasks.erase(without.tasks.begin() + 1);
  REQUIRE(store->ApplyPlan(without, "test", kT1).ok());
  CHECK(Get(*store, "2").state == "removed");
  CHECK(Refs(List(*store, {})) == Strings{"1", "3", "4"});
  CHECK(Summarise(*store).removed_tasks == 1);

  SECTION("unchanged") {
    auto diff = store->ApplyPlan(plan, "test", kT2);
    REQUIRE(diff.ok());
    CHECK(diff->added == Strings{"2"});
    CHECK(diff->removed.empty());
    CHECK(diff->unchanged == 3);
    TaskRecord r2 = Get(*store, "2");
    CHECK(r2.state == "active");
    CHECK(r2.created_at == kT0);
    CHECK(r2.updated_at == kT2);
    CheckSameTask(r2.task, plan.tasks[1]);
    CHECK(TaskId(path, "2") == id2);
    auto audit = Audit(*store);
    const AuditEntry* restore = FindAction(audit, "task.restore", "task 2");
    REQUIRE(restore != nullptr);
    CHECK(CountActions(audit, "task.add") == 4);  // only the first import's
    CHECK(Count(path, "SELECT count(*) FROM task_revisions") == 0);
    CHECK(Refs(List(*store, {})) == Strings{"1", "2", "3", "4"});
  }
  SECTION("with new content") {
    Plan changed = plan;
    changed.tasks[1].responsible = {"省国资委", "省财政厅"};
    REQUIRE(store->ApplyPlan(changed, "test", kT2).ok());
    TaskRecord r2 = Get(*store, "2");
    CHECK(r2.state == "active");
    CHECK(r2.task.responsible == Strings{"省国资委", "省财政厅"});
    CHECK(Count(path, "SELECT count(*) FROM task_revisions WHERE reason = 'restore'") == 1);
    auto audit = Audit(*store);
    auto restore = FindAction(audit, "task.restore", "task 2");
    REQUIRE(restore != nullptr);
    CHECK(nlohmann::json::parse(restore->detail)["fields"] == Strings{"responsible"});
  }
}

TEST_CASE("SqliteStore: fields outside the diff are kept current quietly", "[sqlite_store]") {
  auto store = OpenStore();
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  const int audit_before = Summarise(*store).audit_entries;

  Plan moved = plan;
  for (auto& task : moved.tasks) task.line += 3;
  std::swap(moved.tasks[2], moved.tasks[3]);
  moved.tasks[0].doubts = {"reconsidered"};
  moved.tasks[0].confidence = Confidence::kDoubtful;
  moved.tasks[0].officials = {"王秘书长"};
  moved.tasks[3].officials.clear();  // task 3, after the swap
  moved.tasks[1].label = "2、";
  moved.tasks[1].assignment = "";
  auto diff = store->ApplyPlan(moved, "test", kT1);
  REQUIRE(diff.ok());
  CHECK(diff->empty());
  CHECK(Summarise(*store).audit_entries == audit_before);

  TaskRecord r1 = Get(*store, "1");
  CHECK(r1.task.line == plan.tasks[0].line + 3);
  CHECK(r1.task.doubts == Strings{"reconsidered"});
  CHECK(r1.task.confidence == Confidence::kDoubtful);
  CHECK(r1.task.officials == Strings{"王秘书长"});
  CHECK(r1.updated_at == kT0);
  CHECK(Get(*store, "3").task.officials.empty());
  TaskRecord r2 = Get(*store, "2");
  CHECK(r2.task.label == "2、");
  CHECK(r2.task.assignment.empty());
  CHECK(Refs(List(*store, {})) == Strings{"1", "2", "4", "3"});
  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CheckSamePlan(*loaded, moved);
}

TEST_CASE("SqliteStore: title and sections", "[sqlite_store]") {
  auto store = OpenStore();
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  plan.title = "修订后的分工方案";
  plan.sections.push_back({"三", "三、", "加强组织领导"});
  auto diff = store->ApplyPlan(plan, "test", kT1);
  REQUIRE(diff.ok());
  CHECK(diff->title_changed);
  CHECK(diff->sections_changed);
  CHECK(diff->unchanged == 4);
  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CheckSamePlan(*loaded, plan);
  StoreSummary summary = Summarise(*store);
  CHECK(summary.plan_imported_at == kT1);
  CHECK(summary.sections == 3);
  CHECK(CountActions(Audit(*store), "plan.import") == 2);
}

TEST_CASE("SqliteStore: a plan without title or sections keeps the stored ones",
          "[sqlite_store]") {
  auto store = OpenStore();
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  const int audit_before = Summarise(*store).audit_entries;
  Plan csv = plan;  // what the CSV form carries
  csv.title.clear();
  csv.sections.clear();
  csv.source = "plan.csv";
  auto preview = store->PreviewPlan(csv);
  REQUIRE(preview.ok());
  CHECK(preview->empty());
  auto diff = store->ApplyPlan(csv, "test", kT1);
  REQUIRE(diff.ok());
  CHECK(diff->empty());
  CHECK(Summarise(*store).audit_entries == audit_before);

  csv.tasks[0].due = "2025-03-31";
  REQUIRE(store->ApplyPlan(csv, "test", kT2).ok());
  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CHECK(loaded->title == plan.title);
  CHECK(loaded->source == "plan.csv");
  CHECK(loaded->sections.size() == 2);
  CHECK(loaded->tasks[0].due == "2025-03-31");
}

TEST_CASE("SqliteStore: sections given by number only keep their stored headings",
          "[sqlite_store]") {
  auto store = OpenStore();
  Plan plan = SamplePlan();
  REQUIRE(plan.sections.size() >= 2);
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  Plan csv = plan;  // the CSV form rebuilds sections from the section column: numbers only
  csv.title.clear();
  for (Section& section : csv.sections) {
    section.label.clear();
    section.title.clear();
  }
  auto diff = store->ApplyPlan(csv, "test", kT1);
  REQUIRE(diff.ok());
  CHECK(diff->empty());
  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CHECK(loaded->sections[0].title == plan.sections[0].title);
  CHECK(loaded->sections[1].label == plan.sections[1].label);

  // A section number the store has not seen is a real change.
  csv.sections.push_back(Section{"九", "", ""});
  auto grown = store->PreviewPlan(csv);
  REQUIRE(grown.ok());
  CHECK(grown->sections_changed);
}

TEST_CASE("SqliteStore: task filters", "[sqlite_store]") {
  auto store = OpenStore();
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());

  CHECK(Refs(List(*store, {})) == Strings{"1", "2", "3", "4"});
  CHECK(Refs(List(*store, {"省发改委", {}, "", ""})) == Strings{"1", "3"});
  CHECK(Refs(List(*store, {"省发改委", Role::kLead, "", ""})) == Strings{"1"});
  CHECK(Refs(List(*store, {"省发改委", Role::kParticipant, "", ""})) == Strings{"3"});
  CHECK(List(*store, {"省发改委", Role::kResponsible, "", ""}).empty());
  CHECK(Refs(List(*store, {"省经信委", {}, "", ""})) == Strings{"1", "4"});
  CHECK(Refs(List(*store, {"", Role::kResponsible, "", ""})) == Strings{"2", "4"});
  CHECK(Refs(List(*store, {"", Role::kLead, "", ""})) == Strings{"1", "3"});
  CHECK(Refs(List(*store, {"", {}, "二", ""})) == Strings{"3", "4"});
  CHECK(Refs(List(*store, {"省经信委", {}, "二", ""})) == Strings{"4"});
  CHECK(List(*store, {"", {}, "九", ""}).empty());

  // Filtered records are complete: every agency of the task, not just the one asked for.
  auto led = List(*store, {"省科技厅", Role::kLead, "", ""});
  REQUIRE(led.size() == 1);
  CheckSameTask(led[0].task, plan.tasks[2]);

  Plan without = plan;
  without.tasks.erase(without.tasks.begin());
  REQUIRE(store->ApplyPlan(without, "test", kT1).ok());
  CHECK(Refs(List(*store, {"省发改委", {}, "", ""})) == Strings{"3"});
  CHECK(Refs(List(*store, {"省发改委", {}, "", "active"})) == Strings{"3"});
  CHECK(Refs(List(*store, {"省发改委", {}, "", "removed"})) == Strings{"1"});
  CHECK(Refs(List(*store, {"省发改委", {}, "", "all"})) == Strings{"3", "1"});
  CHECK(Refs(List(*store, {"", {}, "", "all"})) == Strings{"2", "3", "4", "1"});

  auto unknown = store->ListTasks({"不存在的单位", {}, "", ""});
  CHECK(unknown.status().code() == Status::Code::kNotFound);
  CHECK(unknown.status().message().find("不存在的单位") != std::string::npos);
  CHECK(store->ListTasks({"", {}, "", "deleted"}).status().code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("SqliteStore: a bad plan fails and leaves the store unchanged", "[sqlite_store]") {
  auto store = OpenStore();
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  const StoreSummary before = Summarise(*store);

  SECTION("duplicate ref") {
    Plan bad = plan;
    bad.tasks[1].text = "被修改。";
    bad.tasks.push_back(MakeTask("9", "二", "新的。", {"省新单位"}));
    bad.tasks.push_back(MakeTask("3", "二", "重复编号。", {"省科技厅"}));
    auto diff = store->ApplyPlan(bad, "test", kT1);
    CHECK(diff.status().code() == Status::Code::kInvalidArgument);
    CHECK(diff.status().message().find("3") != std::string::npos);
    CHECK(store->PreviewPlan(bad).status().code() == Status::Code::kInvalidArgument);
  }
  SECTION("empty ref") {
    Plan bad = plan;
    bad.tasks[0].ref = "";
    CHECK(store->ApplyPlan(bad, "test", kT1).status().code() == Status::Code::kInvalidArgument);
  }
  SECTION("empty agency name") {
    Plan bad = plan;
    bad.tasks[0].participants.push_back("");
    CHECK(store->ApplyPlan(bad, "test", kT1).status().code() == Status::Code::kInvalidArgument);
  }
  StoreSummary after = Summarise(*store);
  CHECK(after.audit_entries == before.audit_entries);
  CHECK(after.agencies == before.agencies);
  CHECK(after.active_tasks == before.active_tasks);
  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CheckSamePlan(*loaded, plan);
}

TEST_CASE("SqliteStore: a failure inside the transaction rolls everything back",
          "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  Plan plan = SamplePlan();
  {
    auto store = OpenStore(path);
    REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
  }
  {
    // Fault injection: the store fails on the last write a revised plan needs.
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("CREATE TRIGGER fail_import BEFORE INSERT ON audit_log "
             "WHEN NEW.action = 'plan.import' BEGIN SELECT RAISE(ABORT, 'injected'); END");
  }
  auto store = OpenStore(path);
  const StoreSummary before = Summarise(*store);
  Plan revised = plan;
  revised.title = "修订";
  revised.tasks.erase(revised.tasks.begin());
  revised.tasks[0].text = "改了。";
  revised.tasks.push_back(MakeTask("7", "二", "新的。", {"省新单位"}));

  auto diff = store->ApplyPlan(revised, "test", kT1);
  REQUIRE_FALSE(diff.ok());
  CHECK(diff.status().code() == Status::Code::kIOError);
  CHECK(diff.status().message().find(path) != std::string::npos);
  CHECK(diff.status().message().find("injected") != std::string::npos);

  StoreSummary after = Summarise(*store);
  CHECK(after.audit_entries == before.audit_entries);
  CHECK(after.agencies == before.agencies);
  CHECK(after.active_tasks == 4);
  CHECK(after.removed_tasks == 0);
  CHECK(after.plan_title == plan.title);
  CHECK(store->GetTask("7").status().code() == Status::Code::kNotFound);
  CHECK(Count(path, "SELECT count(*) FROM task_revisions") == 0);
  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CheckSamePlan(*loaded, plan);

  // And the store still works afterwards.
  CHECK(store->ApplyPlan(plan, "test", kT2).ok());
}

TEST_CASE("SqliteStore: the audit log cannot be rewritten", "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  {
    auto store = OpenStore(path);
    REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  }
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(raw.exec("UPDATE audit_log SET actor = 'mallory'"),
                    Catch::Contains("append-only"));
  CHECK_THROWS_WITH(raw.exec("DELETE FROM audit_log WHERE action = 'task.add'"),
                    Catch::Contains("append-only"));
  CHECK(raw.execAndGet("SELECT count(*) FROM audit_log WHERE actor = 'test'").getInt() == 5);
}

TEST_CASE("SqliteStore: ListAudit by time and limit", "[sqlite_store]") {
  auto store = OpenStore();
  Plan plan = SamplePlan();
  REQUIRE(store->ApplyPlan(plan, "first", kT0).ok());
  plan.tasks.pop_back();
  REQUIRE(store->ApplyPlan(plan, "second", kT1).ok());
  auto since = store->ListAudit(kT1, 100);
  REQUIRE(since.ok());
  REQUIRE(since->size() == 2);
  CHECK((*since)[0].action == "task.remove");
  CHECK((*since)[0].subject == "task 4");
  CHECK((*since)[1].action == "plan.import");
  CHECK((*since)[0].id < (*since)[1].id);
  auto limited = store->ListAudit(0, 3);
  REQUIRE(limited.ok());
  REQUIRE(limited->size() == 3);
  CHECK((*limited)[0].actor == "first");
  CHECK(store->ListAudit(0, 0).status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("SqliteStore: state survives reopening", "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  Plan plan = SamplePlan();
  {
    auto store = OpenStore(path);
    REQUIRE(store->ApplyPlan(plan, "test", kT0).ok());
    REQUIRE(store->SyncAgencies(SampleAgencies(), "admin", kT1).ok());
  }
  auto store = OpenStore(path);
  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  CheckSamePlan(*loaded, plan);
  CHECK(GetAgency(*store, "省发展改革委").email == "fgw@example.gov.cn");
  StoreSummary summary = Summarise(*store);
  CHECK(summary.schema_version == SqliteStore::kSchemaVersion);
  CHECK(summary.plan_imported_at == kT0);
  auto again = store->ApplyPlan(plan, "test", kT2);
  REQUIRE(again.ok());
  CHECK(again->empty());
}

TEST_CASE("SqliteStore: doubts stored as plain text read back as one doubt",
          "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("duban.db");
  {
    auto store = OpenStore(path);
    REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE tasks SET doubts = 'assignment unclear' WHERE ref = '2'");
    raw.exec("UPDATE tasks SET doubts = '' WHERE ref = '4'");
  }
  auto store = OpenStore(path);
  CHECK(Get(*store, "2").task.doubts == Strings{"assignment unclear"});
  CHECK(Get(*store, "4").task.doubts.empty());
}

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// Correctness at some size; the timing test below runs only when asked ([.perf]).
TEST_CASE("SqliteStore: a large plan round-trips", "[sqlite_store]") {
  TempDir dir;
  const std::string path = dir.File("large.db");
  auto store = OpenStore(path);
  Plan plan = testing::LargePlan(5000, 4, 300);
  auto diff = store->ApplyPlan(plan, "test", kT0);
  REQUIRE(diff.ok());
  CHECK(diff->added.size() == 5000);
  // The bulk path dropped and rebuilt the agency index.
  CHECK(Count(path, "SELECT count(*) FROM sqlite_master WHERE name = 'assignments_by_agency'") ==
        1);
  CHECK(Count(path, "SELECT count(*) FROM audit_log WHERE action = 'task.add'") == 5000);
  auto loaded = store->LoadPlan();
  REQUIRE(loaded.ok());
  REQUIRE(loaded->tasks.size() == 5000);
  CheckSameTask(loaded->tasks[4321], plan.tasks[4321]);

  plan.tasks[10].text += "(修订)";
  plan.tasks.erase(plan.tasks.begin() + 20);
  auto again = store->ApplyPlan(plan, "test", kT1);
  REQUIRE(again.ok());
  CHECK(again->changed.size() == 1);
  CHECK(again->removed == Strings{"21"});
  CHECK(again->unchanged == 4998);

  auto agencies = store->ListAgencies();
  REQUIRE(agencies.ok());
  int leads = 0;
  for (const auto& agency : *agencies) leads += agency.lead_tasks;
  CHECK(leads == 4999);
}

// Run with: store_tests "[.perf]" (in a Release build for meaningful figures).
TEST_CASE("SqliteStore: 100,000 tasks import in well under 3 s", "[.perf][sqlite_store]") {
  TempDir dir;
  auto store = OpenStore(dir.File("perf.db"));
  Plan plan = testing::LargePlan(100'000, 4, 2000);

  // CPU time as well as wall time: the wall clock also counts whatever else the machine runs.
  std::clock_t cpu_start = std::clock();
  auto start = std::chrono::steady_clock::now();
  auto first = store->ApplyPlan(plan, "perf", kT0);
  double first_ms = MillisSince(start);
  double first_cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  REQUIRE(first.ok());
  CHECK(first->added.size() == 100'000);

  cpu_start = std::clock();
  start = std::chrono::steady_clock::now();
  auto again = store->ApplyPlan(plan, "perf", kT1);
  double again_ms = MillisSince(start);
  double again_cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  REQUIRE(again.ok());
  CHECK(again->empty());

  plan.tasks[500].text += "(修订)";
  plan.tasks.pop_back();
  start = std::chrono::steady_clock::now();
  auto revised = store->ApplyPlan(plan, "perf", kT2);
  double revised_ms = MillisSince(start);
  REQUIRE(revised.ok());
  CHECK(revised->changed.size() == 1);

  start = std::chrono::steady_clock::now();
  auto loaded = store->LoadPlan();
  double load_ms = MillisSince(start);
  REQUIRE(loaded.ok());
  CHECK(loaded->tasks.size() == 99'999);

  start = std::chrono::steady_clock::now();
  auto listed = store->ListTasks({"省单位7", {}, "", ""});
  double list_ms = MillisSince(start);
  REQUIRE(listed.ok());

  start = std::chrono::steady_clock::now();
  auto agencies = store->ListAgencies();
  double agencies_ms = MillisSince(start);
  REQUIRE(agencies.ok());

  std::printf("100k tasks: first import %.0f ms (cpu %.0f), same again %.0f ms (cpu %.0f), "
              "one change %.0f ms, LoadPlan %.0f ms, ListTasks(agency) %.1f ms (%zu tasks), "
              "ListAgencies %.0f ms\n",
              first_ms, first_cpu_ms, again_ms, again_cpu_ms, revised_ms, load_ms, list_ms,
              listed->size(), agencies_ms);
#ifdef NDEBUG  // the bound is for optimised builds; -O0 containers and JSON cost ~2.5x
  CHECK(first_cpu_ms < 3000 * testing::kCpuBoundScale);
  CHECK(again_cpu_ms < 3000 * testing::kCpuBoundScale);
#else
  WARN("Debug build: timings printed, not checked");
#endif
}

}  // namespace
}  // namespace duban
