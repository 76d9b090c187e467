// SqliteStore targets (指标): proposals stored once per matched text and never proposed again
// after the office confirmed, edited or rejected them; name clashes suffixed; the state
// moves and their refusals; hand-entered targets and edits checked; every change audited
// under the task's ref.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::OpenStore;
using testing::SamplePlan;

constexpr int64_t kT0 = 1'700'000'000;

std::unique_ptr<SqliteStore> SampleStore() {
  auto store = OpenStore();
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  return store;
}

Target Proposal(const std::string& ref, const std::string& name, double value,
                const std::string& matched) {
  Target target;
  target.task_ref = ref;
  target.name = name;
  target.unit = "%";
  target.value = value;
  target.matched_text = matched;
  return target;
}

std::vector<std::string> Names(const std::vector<Target>& targets) {
  std::vector<std::string> names;
  for (const Target& target : targets) names.push_back(target.name);
  return names;
}

std::vector<Target> List(Store& store, const std::string& ref, const std::string& state = "") {
  auto listed = store.ListTargets(ref, state);
  INFO(listed.status().ToString());
  REQUIRE(listed.ok());
  return *listed;
}

TEST_CASE("Targets: proposals are stored once and never proposed again", "[target]") {
  auto store = SampleStore();
  const std::vector<Target> proposals = {
      Proposal("3", "研发投入比重", 2.5, "研发投入占生产总值比重达到2.5%"),
      Proposal("1", "工业增加值增长", 8, "工业增加值增长8%以上"),
      Proposal("1", "利用外资", 100, "利用外资100亿美元")};
  auto stored = store->RecordTargetProposals(proposals, "importer", kT0 + 10);
  REQUIRE(stored.ok());
  REQUIRE(stored->size() == 3);
  for (const Target& target : *stored) {
    CHECK(target.id > 0);
    CHECK(target.state == TargetState::kProposed);
    CHECK(target.created_at == kT0 + 10);
  }
  // Listed in plan order (task 1 before task 3), then by id.
  CHECK(Names(List(*store, "")) ==
        std::vector<std::string>{"工业增加值增长", "利用外资", "研发投入比重"});
  CHECK(*store->GetTarget((*stored)[0].id) == (*stored)[0]);

  // The office confirms one, edits one and rejects the third; a re-import proposes the same
  // three again and nothing is stored.
  const int64_t confirm_id = (*stored)[1].id;
  const int64_t edit_id = (*stored)[2].id;
  const int64_t reject_id = (*stored)[0].id;
  REQUIRE(store->SetTargetState(confirm_id, TargetState::kConfirmed, "", "alice", kT0 + 20).ok());
  Target edited = (*stored)[2];
  edited.name = "实际利用外资";
  edited.unit = "亿美元";
  REQUIRE(store->UpdateTarget(edited, "alice", kT0 + 21).ok());
  REQUIRE(store->SetTargetState(reject_id, TargetState::kRejected, "不是考核指标", "alice",
                                kT0 + 22)
              .ok());
  auto again = store->RecordTargetProposals(proposals, "importer", kT0 + 30);
  REQUIRE(again.ok());
  CHECK(again->empty());
  CHECK(List(*store, "").size() == 3);
  CHECK(store->GetTarget(edit_id)->name == "实际利用外资");
  CHECK(store->GetTarget(edit_id)->state == TargetState::kConfirmed);
  CHECK(store->GetTarget(edit_id)->matched_text == "利用外资100亿美元");  // kept: its identity
  CHECK(Names(List(*store, "1", "confirmed")) ==
        std::vector<std::string>{"工业增加值增长", "实际利用外资"});
  CHECK(Names(List(*store, "3", "rejected")) == std::vector<std::string>{"研发投入比重"});
  // Nothing new, no audit entry for the second import.
  CHECK(testing::CountActions(testing::Audit(*store), "target.propose") == 2);

  // A proposal repeated within one batch is stored once.
  auto twice = store->RecordTargetProposals(
      {Proposal("2", "资产总额", 1, "资产总额1万亿元"), Proposal("2", "资产总额", 1, "资产总额1万亿元")},
      "importer", kT0 + 40);
  REQUIRE(twice.ok());
  CHECK(twice->size() == 1);
}

TEST_CASE("Targets: a proposal's name clashing with a stored target gets a suffix", "[target]") {
  auto store = SampleStore();
  Target manual = Proposal("1", "增长", 7, "");
  REQUIRE(store->AddTarget(manual, "alice", kT0).ok());
  auto stored = store->RecordTargetProposals({Proposal("1", "增长", 8, "增长8%以上"),
                                              Proposal("1", "增长", 9, "增长9%左右"),
                                              Proposal("3", "增长", 5, "增长5%")},
                                             "importer", kT0 + 1);
  REQUIRE(stored.ok());
  CHECK(Names(*stored) == std::vector<std::string>{"增长(2)", "增长(3)", "增长"});
  // A rejected target's name still counts: a later proposal does not take it either.
  REQUIRE(store->SetTargetState((*stored)[1].id, TargetState::kRejected, "重复", "a", kT0 + 2)
              .ok());
  auto later = store->RecordTargetProposals({Proposal("1", "增长", 10, "增长10%")}, "importer",
                                            kT0 + 3);
  REQUIRE(later.ok());
  CHECK(Names(*later) == std::vector<std::string>{"增长(4)"});
}

TEST_CASE("Targets: proposals are checked, all or nothing", "[target]") {
  auto store = SampleStore();
  auto unknown = store->RecordTargetProposals(
      {Proposal("1", "增长", 8, "增长8%"), Proposal("99", "增长", 8, "增长8%")}, "i", kT0);
  CHECK(unknown.status().code() == Status::Code::kNotFound);
  CHECK(unknown.status().message() == "no task 99");
  auto unmatched = store->RecordTargetProposals({Proposal("1", "增长", 8, "")}, "i", kT0);
  CHECK(unmatched.status().code() == Status::Code::kInvalidArgument);
  CHECK(unmatched.status().message() ==
        "proposal 1 of 1 (task 1): a proposal needs its matched text");
  auto bad_name = store->RecordTargetProposals(
      {Proposal("1", "增长", 8, "增长8%"), Proposal("1", "a=b", 8, "a=b 8%")}, "i", kT0);
  CHECK(bad_name.status().code() == Status::Code::kInvalidArgument);
  CHECK(bad_name.status().message().rfind("proposal 2 of 2 (task 1): name", 0) == 0);
  CHECK(List(*store, "").empty());
  CHECK(testing::CountActions(testing::Audit(*store), "target.propose") == 0);

  // A removed task takes no proposals.
  Plan smaller = SamplePlan();
  smaller.tasks.pop_back();
  REQUIRE(store->ApplyPlan(smaller, "test", kT0 + 1).ok());
  auto removed = store->RecordTargetProposals({Proposal("4", "增长", 8, "增长8%")}, "i", kT0 + 2);
  CHECK(removed.status().code() == Status::Code::kFailedPrecondition);
}

TEST_CASE("Targets: state moves and their refusals", "[target]") {
  auto store = SampleStore();
  auto stored = store->RecordTargetProposals({Proposal("1", "增长", 8, "增长8%以上")}, "i", kT0);
  REQUIRE(stored.ok());
  const int64_t id = (*stored)[0].id;
  auto code = [&](TargetState to, const std::string& reason) {
    return store->SetTargetState(id, to, reason, "alice", kT0 + 5).status().code();
  };
  using Code = Status::Code;
  CHECK(code(TargetState::kProposed, "") == Code::kFailedPrecondition);   // proposed already
  CHECK(code(TargetState::kRejected, "") == Code::kInvalidArgument);      // reason required
  CHECK(code(TargetState::kRejected, " \t") == Code::kInvalidArgument);   // blank is none
  CHECK(code(TargetState::kRejected, "\u3000") == Code::kInvalidArgument);  // full-width blank
  CHECK(store->GetTarget(id)->state == TargetState::kProposed);
  CHECK(code(TargetState::kConfirmed, "") == Code::kOk);
  CHECK(store->GetTarget(id)->updated_at == kT0 + 5);
  CHECK(code(TargetState::kConfirmed, "") == Code::kFailedPrecondition);  // confirmed already
  CHECK(code(TargetState::kProposed, "") == Code::kFailedPrecondition);   // no way back
  CHECK(code(TargetState::kRejected, "口径不符") == Code::kOk);
  CHECK(code(TargetState::kConfirmed, "") == Code::kFailedPrecondition);  // restore first
  Target edit = *store->GetTarget(id);
  CHECK(store->UpdateTarget(edit, "alice", kT0 + 6).status().code() == Code::kFailedPrecondition);

  // While it was rejected the office added its own 增长; restoring would clash.
  REQUIRE(store->AddTarget(Proposal("1", "增长", 7, ""), "alice", kT0 + 7).ok());
  auto clash = store->SetTargetState(id, TargetState::kProposed, "", "alice", kT0 + 8);
  CHECK(clash.status().code() == Code::kConflict);
  CHECK(clash.status().message().find("has a target named '增长' already") != std::string::npos);
  CHECK(store->SetTargetState(9999, TargetState::kConfirmed, "", "a", kT0).status().code() ==
        Code::kNotFound);
}

TEST_CASE("Targets: added and edited targets are checked", "[target]") {
  auto store = SampleStore();
  using Code = Status::Code;
  Target target = Proposal("3", "研发投入比重", 2.5, "");
  target.period = TargetPeriod::kByDate;
  target.by_date = "2025-12-31";
  target.state = TargetState::kProposed;  // ignored: entered by a person means confirmed
  auto added = store->AddTarget(target, "alice", kT0);
  REQUIRE(added.ok());
  CHECK(added->state == TargetState::kConfirmed);
  CHECK(added->id > 0);
  CHECK(store->AddTarget(target, "alice", kT0).status().code() == Code::kConflict);
  Target unknown = target;
  unknown.task_ref = "99";
  CHECK(store->AddTarget(unknown, "alice", kT0).status().code() == Code::kNotFound);
  Target bad = target;
  bad.name = "别的";
  bad.by_date = "2025-13-40";
  auto refused = store->AddTarget(bad, "alice", kT0);
  CHECK(refused.status().code() == Code::kInvalidArgument);
  CHECK(refused.status().message().rfind("target '别的' of task 3: by_date", 0) == 0);

  Target second = Proposal("3", "专利", 30, "");
  second.unit = "件";
  auto other = store->AddTarget(second, "alice", kT0 + 1);
  REQUIRE(other.ok());
  Target rename = *other;
  rename.name = "研发投入比重";
  CHECK(store->UpdateTarget(rename, "alice", kT0 + 2).status().code() == Code::kConflict);
  rename.name = "发明专利";
  rename.comparison = TargetComparison::kAbout;
  rename.tolerance = 2;
  auto updated = store->UpdateTarget(rename, "alice", kT0 + 2);
  REQUIRE(updated.ok());
  CHECK(updated->updated_at == kT0 + 2);
  CHECK(updated->created_at == kT0 + 1);
  CHECK(*store->GetTarget(other->id) == *updated);
  // The same edit again changes nothing and is not audited twice.
  const auto edits = testing::CountActions(testing::Audit(*store), "target.edit");
  CHECK(store->UpdateTarget(rename, "alice", kT0 + 3)->updated_at == kT0 + 2);
  CHECK(testing::CountActions(testing::Audit(*store), "target.edit") == edits);
  Target moved = rename;
  moved.task_ref = "1";
  CHECK(store->UpdateTarget(moved, "alice", kT0 + 4).status().code() == Code::kInvalidArgument);

  CHECK(store->ListTargets("99", "").status().code() == Code::kNotFound);
  CHECK(store->ListTargets("", "done").status().code() == Code::kInvalidArgument);
  CHECK(store->GetTarget(12345).status().code() == Code::kNotFound);
}

TEST_CASE("Targets: every change is audited under the task's ref", "[target]") {
  auto store = SampleStore();
  auto stored = store->RecordTargetProposals(
      {Proposal("1", "增长", 8, "增长8%以上"), Proposal("3", "比重", 20, "比重达到20%")}, "importer",
      kT0);
  REQUIRE(stored.ok());
  const int64_t id = (*stored)[0].id;
  REQUIRE(store->SetTargetState(id, TargetState::kRejected, "不考核", "alice", kT0 + 1).ok());
  REQUIRE(store->SetTargetState(id, TargetState::kProposed, "", "alice", kT0 + 2).ok());
  REQUIRE(store->SetTargetState(id, TargetState::kConfirmed, "", "alice", kT0 + 3).ok());
  Target edit = *store->GetTarget(id);
  edit.value = 9;
  REQUIRE(store->UpdateTarget(edit, "bob", kT0 + 4).ok());
  REQUIRE(store->AddTarget(Proposal("1", "投资", 500, ""), "bob", kT0 + 5).ok());

  AuditFilter filter;
  filter.task_ref = "1";
  filter.action_prefix = "target.";
  auto entries = store->ListAudit(filter);
  REQUIRE(entries.ok());
  std::vector<std::string> actions;
  for (const AuditEntry& entry : *entries) actions.push_back(entry.action);
  CHECK(actions == std::vector<std::string>{"target.propose", "target.reject", "target.restore",
                                            "target.confirm", "target.edit", "target.add"});
  const AuditEntry& propose = (*entries)[0];
  CHECK(propose.subject == "task 1");
  json proposed = json::parse(propose.detail);
  CHECK(proposed["count"] == 1);  // task 3's proposal has its own entry
  CHECK(proposed["targets"][0]["matched_text"] == "增长8%以上");
  const AuditEntry& reject = (*entries)[1];
  CHECK(reject.subject == "target " + std::to_string(id));
  CHECK(reject.actor == "alice");
  CHECK(json::parse(reject.detail)["reason"] == "不考核");
  CHECK(json::parse(reject.detail)["from"] == "proposed");
  json edited = json::parse((*entries)[4].detail);
  CHECK(edited["before"]["value"] == 8);
  CHECK(edited["after"]["value"] == 9);
  CHECK(edited["before"]["state"] == "confirmed");
  filter.task_ref = "3";
  CHECK(store->ListAudit(filter)->size() == 1);
}

TEST_CASE("Targets: proposals for a 100,000-task plan are recorded fast, twice",
          "[.perf][target_perf]") {
  testing::TempDir dir;
  auto store = OpenStore(dir.File("perf.db"));
  REQUIRE(store->ApplyPlan(testing::LargePlan(100'000, 4, 2000), "perf", kT0).ok());
  auto refs = store->ListTasks(TaskFilter{});
  REQUIRE(refs.ok());
  std::vector<Target> proposals;
  for (size_t i = 0; i < refs->size(); i += 3) {
    const std::string& ref = (*refs)[i].task.ref;
    proposals.push_back(Proposal(ref, "增长", 7, "增长7%以上"));
    proposals.push_back(Proposal(ref, "增长", 20, "比重达到20%"));  // clashes: 增长(2)
  }
  // CPU time: the machine running the tests may be busy with other work.
  auto timed = [&](std::vector<Target>* out) {
    const std::clock_t start = std::clock();
    auto stored = store->RecordTargetProposals(proposals, "importer", kT0 + 1);
    REQUIRE(stored.ok());
    *out = std::move(*stored);
    return 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  };
  std::vector<Target> first;
  std::vector<Target> second;
  const double first_ms = timed(&first);
  const double second_ms = timed(&second);
  CHECK(first.size() == proposals.size());
  CHECK(first[1].name == "增长(2)");
  CHECK(second.empty());
  std::printf("RecordTargetProposals %zu proposals on 100k tasks: cpu %.0f ms, again %.0f ms\n",
              proposals.size(), first_ms, second_ms);
#ifdef NDEBUG
  CHECK(first_ms < 3000);
  CHECK(second_ms < 1000);
#endif
}

}  // namespace
}  // namespace duban
