// Values reported with feedback (Feedback::values): stored for confirmed targets only, a
// name once per feedback, read back in the order given by ListFeedback and LoadTracking
// (which also carries each task's confirmed targets), audited; a sheet's repeat is still a
// repeat when its values differ.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::OpenStore;
using testing::SamplePlan;

constexpr int64_t kT0 = 1'700'000'000;

Target Confirmed(const std::string& ref, const std::string& name, double value) {
  Target target;
  target.task_ref = ref;
  target.name = name;
  target.unit = "%";
  target.value = value;
  return target;
}

std::vector<std::string> Names(const std::vector<Target>& targets) {
  std::vector<std::string> names;
  for (const Target& target : targets) names.push_back(target.name);
  return names;
}

// Task 1 with confirmed 增加值增长 and 投资增长 and a proposal 出口增长 still waiting.
std::unique_ptr<SqliteStore> StoreWithTargets() {
  auto store = OpenStore();
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  REQUIRE(store->AddTarget(Confirmed("1", "增加值增长", 8), "alice", kT0).ok());
  REQUIRE(store->AddTarget(Confirmed("1", "投资增长", 10), "alice", kT0).ok());
  Target proposal = Confirmed("1", "出口增长", 5);
  proposal.matched_text = "出口增长5%";
  REQUIRE(store->RecordTargetProposals({proposal}, "importer", kT0).ok());
  return store;
}

Feedback Reply(const std::string& ref, const std::string& agency,
               std::vector<ReportedValue> values, int64_t at = kT0 + 100) {
  Feedback feedback;
  feedback.task_ref = ref;
  feedback.agency = agency;
  feedback.text = "一季度进展";
  feedback.at = at;
  feedback.values = std::move(values);
  return feedback;
}

TEST_CASE("Target values: stored with feedback and read back in the order given", "[target]") {
  auto store = StoreWithTargets();
  auto added = store->AddFeedback(Reply("1", "省发改委", {{"投资增长", 9.5}, {"增加值增长", 7.25}}),
                                  "alice", kT0 + 200);
  REQUIRE(added.ok());
  CHECK(added->values == std::vector<ReportedValue>{{"投资增长", 9.5}, {"增加值增长", 7.25}});
  REQUIRE(store->AddFeedback(Reply("1", "省经信委", {}, kT0 + 150), "alice", kT0 + 200).ok());
  auto listed = store->ListFeedback("1", "");
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 2);
  CHECK((*listed)[0].values == std::vector<ReportedValue>{{"投资增长", 9.5}, {"增加值增长", 7.25}});
  CHECK((*listed)[1].values.empty());  // received later, reported no values

  const std::vector<AuditEntry> audit = testing::Audit(*store);
  const AuditEntry* entry = testing::FindAction(audit, "feedback.add", "task 1");
  REQUIRE(entry != nullptr);
  json detail = json::parse(entry->detail);
  CHECK(detail["values"]["投资增长"] == 9.5);
  CHECK(detail["values"]["增加值增长"] == 7.25);
}

TEST_CASE("Target values: only for the task's confirmed targets, each once", "[target]") {
  auto store = StoreWithTargets();
  using Code = Status::Code;
  auto proposed = store->AddFeedback(Reply("1", "省发改委", {{"出口增长", 4}}), "a", kT0 + 200);
  CHECK(proposed.status().code() == Code::kInvalidArgument);
  CHECK(proposed.status().message() ==
        "task 1 has no confirmed target named '出口增长' (confirmed: 增加值增长, 投资增长)");
  auto none = store->AddFeedback(Reply("3", "省科技厅", {{"增加值增长", 4}}), "a", kT0 + 200);
  CHECK(none.status().message() ==
        "task 3 has no confirmed target named '增加值增长' (it has no confirmed targets)");
  auto twice = store->AddFeedback(Reply("1", "省发改委", {{"投资增长", 4}, {"投资增长", 5}}), "a",
                                  kT0 + 200);
  CHECK(twice.status().code() == Code::kInvalidArgument);
  CHECK(twice.status().message() == "value '投资增长' is given twice");
  CHECK(store->ListFeedback("", "")->empty());

  // A rejected target takes no more values.
  const Target confirmed = store->ListTargets("1", "confirmed")->front();
  REQUIRE(store->SetTargetState(confirmed.id, TargetState::kRejected, "取消", "a", kT0 + 300).ok());
  CHECK(store->AddFeedback(Reply("1", "省发改委", {{confirmed.name, 1}}), "a", kT0 + 300)
            .status()
            .code() == Code::kInvalidArgument);

  // In a batch the position is named and nothing is stored.
  auto batch = store->AddFeedbackBatch(
      {Reply("1", "省发改委", {{"投资增长", 4}}), Reply("1", "省经信委", {{"出口", 1}})}, "s.csv",
      "a", kT0 + 400, false);
  CHECK(batch.status().code() == Code::kInvalidArgument);
  CHECK(batch.status().message() ==
        "feedback 2 of 2: task 1 has no confirmed target named '出口' (confirmed: 投资增长)");
  CHECK(store->ListFeedback("", "")->empty());
}

TEST_CASE("Target values: a batch stores them, a repeat with other values is skipped",
          "[target]") {
  auto store = StoreWithTargets();
  std::vector<Feedback> sheet = {Reply("1", "省发改委", {{"投资增长", 4}}),
                                 Reply("1", "省经信委", {{"投资增长", 6}, {"增加值增长", 3}})};
  auto first = store->AddFeedbackBatch(sheet, "s.csv", "a", kT0 + 400, false);
  REQUIRE(first.ok());
  CHECK(first->stored.size() == 2);
  sheet[0].values = {{"投资增长", 4.5}};  // corrected figure, same reply otherwise
  auto second = store->AddFeedbackBatch(sheet, "s.csv", "a", kT0 + 500, false);
  REQUIRE(second.ok());
  CHECK(second->stored.empty());
  CHECK(second->skipped.size() == 2);
  auto listed = store->ListFeedback("1", "省发改委");
  REQUIRE(listed->size() == 1);
  CHECK((*listed)[0].values == std::vector<ReportedValue>{{"投资增长", 4}});
}

TEST_CASE("Target values: LoadTracking gives confirmed targets and the values", "[target]") {
  auto store = StoreWithTargets();
  REQUIRE(store->AddTarget(Confirmed("3", "研发投入", 2.5), "a", kT0).ok());
  Target dropped = Confirmed("3", "专利", 100);
  auto added = store->AddTarget(dropped, "a", kT0);
  REQUIRE(added.ok());
  REQUIRE(store->SetTargetState(added->id, TargetState::kRejected, "不考核", "a", kT0 + 1).ok());
  REQUIRE(store->AddFeedback(Reply("1", "省发改委", {{"增加值增长", 7.5}}), "a", kT0 + 200).ok());
  REQUIRE(store->AddFeedback(Reply("3", "省科技厅", {{"研发投入", 2.1}}), "a", kT0 + 200).ok());

  auto loaded = store->LoadTracking();
  REQUIRE(loaded.ok());
  REQUIRE(loaded->size() == 4);
  const TrackingRecord& task1 = (*loaded)[0];
  REQUIRE(task1.record.task.ref == "1");
  CHECK(Names(task1.targets) == std::vector<std::string>{"增加值增长", "投资增长"});  // no proposal
  REQUIRE(task1.feedback.size() == 1);
  CHECK(task1.feedback[0].values == std::vector<ReportedValue>{{"增加值增长", 7.5}});
  const TrackingRecord& task3 = (*loaded)[2];
  REQUIRE(task3.record.task.ref == "3");
  REQUIRE(task3.targets.size() == 1);  // the rejected one is not tracked
  CHECK(task3.targets[0].name == "研发投入");
  CHECK(task3.targets[0].value == 2.5);
  CHECK(task3.targets[0].task_ref == "3");
  CHECK(task3.feedback[0].values == std::vector<ReportedValue>{{"研发投入", 2.1}});
  CHECK((*loaded)[1].targets.empty());
}

}  // namespace
}  // namespace duban
