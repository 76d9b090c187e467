// SqliteStore::AddFeedbackBatch (an imported sheet): all or nothing with a bad row at the
// end, duplicates of stored feedback and within the batch skipped, dry runs writing
// nothing, attachments and the received/recorded times kept, each row audited.
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
constexpr int64_t kReceived = kT0 - 86'400 * 3;  // replies come in days before they are entered
constexpr int64_t kNow = kT0 + 600;

std::unique_ptr<SqliteStore> SampleStore() {
  auto store = OpenStore();
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  REQUIRE(store->SyncAgencies({AgencyInfo{"省发改委", {"省发展改革委"}, "", "", ""}}, "test", kT0)
              .ok());
  return store;
}

Feedback Reply(const std::string& ref, const std::string& agency, const std::string& text,
               int64_t at = kReceived) {
  Feedback feedback;
  feedback.task_ref = ref;
  feedback.agency = agency;
  feedback.text = text;
  feedback.at = at;
  return feedback;
}

size_t FeedbackCount(Store& store) { return store.ListFeedback("", "")->size(); }

TEST_CASE("Feedback batch: a bad row at the end stores nothing", "[sqlite_feedback_batch]") {
  auto store = SampleStore();
  const size_t audit_before = testing::Audit(*store).size();
  std::vector<Feedback> batch = {Reply("1", "省发改委", "规划初稿已完成"),
                                 Reply("3", "省科技厅", "项目已立项"),
                                 Reply("2", "省财政厅", "省财政厅与任务 2 无关")};
  auto result = store->AddFeedbackBatch(batch, "replies.csv", "uid 1000 (alice)", kNow, false);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == Status::Code::kInvalidArgument);
  CHECK(result.status().message() == "feedback 3 of 3: 省财政厅 has no role in task 2");
  CHECK(FeedbackCount(*store) == 0);
  CHECK(testing::Audit(*store).size() == audit_before);

  batch[2] = Reply("99", "省国资委", "x");
  result = store->AddFeedbackBatch(batch, "replies.csv", "alice", kNow, false);
  CHECK(result.status().code() == Status::Code::kNotFound);
  CHECK(result.status().message() == "feedback 3 of 3: no task 99");
  batch[2] = Reply("2", "省国资委", "x");
  batch[2].percent = 101;
  CHECK(store->AddFeedbackBatch(batch, "replies.csv", "alice", kNow, false).status().code() ==
        Status::Code::kInvalidArgument);
  CHECK(FeedbackCount(*store) == 0);
}

TEST_CASE("Feedback batch: stored in one go, a second import skips every row",
          "[sqlite_feedback_batch]") {
  auto store = SampleStore();
  Feedback with_files = Reply("1", "省发展改革委", "规划初稿已完成");  // an alias
  with_files.attachments = {"/srv/反馈/fgw.pdf", "https://oa.example.gov.cn/d/1"};
  with_files.percent = 60;
  const std::vector<Feedback> batch = {with_files, Reply("3", "省科技厅", "项目已立项"),
                                       Reply("3", "省科技厅", "项目已立项")};  // repeated row

  SECTION("a dry run reports and writes nothing") {
    const size_t audit_before = testing::Audit(*store).size();
    auto dry = store->AddFeedbackBatch(batch, "replies.csv", "alice", kNow, true);
    REQUIRE(dry.ok());
    CHECK(dry->stored.size() == 2);
    CHECK(dry->stored[0].id == 0);
    CHECK(dry->stored[0].agency == "省发改委");
    REQUIRE(dry->skipped.size() == 1);
    CHECK(dry->skipped[0].index == 2);
    CHECK(dry->skipped[0].existing_id == 0);
    CHECK(dry->skipped[0].same_as == 1);
    CHECK(FeedbackCount(*store) == 0);
    CHECK(testing::Audit(*store).size() == audit_before);
  }

  SECTION("stored, audited, and skipped when imported again") {
    auto first = store->AddFeedbackBatch(batch, "replies.csv", "uid 1000 (alice)", kNow, false);
    REQUIRE(first.ok());
    REQUIRE(first->stored.size() == 2);
    CHECK(first->stored_index == std::vector<size_t>{0, 1});
    CHECK(first->skipped.size() == 1);

    auto found = store->ListFeedback("1", "");
    REQUIRE(found.ok());
    const std::vector<Feedback>& listed = *found;
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].agency == "省发改委");
    CHECK(listed[0].at == kReceived);
    CHECK(listed[0].recorded_at == kNow);
    CHECK(listed[0].actor == "uid 1000 (alice)");
    CHECK(listed[0].percent == 60);
    CHECK(listed[0].attachments == with_files.attachments);

    std::vector<AuditEntry> audit = testing::Audit(*store);
    CHECK(testing::CountActions(audit, "feedback.add") == 2);
    const AuditEntry* added = testing::FindAction(audit, "feedback.add", "task 1");
    REQUIRE(added != nullptr);
    CHECK(added->task_ref == "1");
    CHECK(added->agency == "省发改委");
    json detail = json::parse(added->detail);
    CHECK(detail["source"] == "replies.csv");
    CHECK(detail["at"] == kReceived);
    CHECK(detail["attachments"].size() == 2);
    const AuditEntry* summary = testing::FindAction(audit, "feedback.import", "feedback");
    REQUIRE(summary != nullptr);
    CHECK(json::parse(summary->detail) ==
          json{{"source", "replies.csv"}, {"rows", 3}, {"stored", 2}, {"skipped", 1}});

    auto again = store->AddFeedbackBatch(batch, "replies.csv", "alice", kNow + 60, false);
    REQUIRE(again.ok());
    CHECK(again->stored.empty());
    REQUIRE(again->skipped.size() == 3);
    CHECK(again->skipped[0].existing_id == first->stored[0].id);
    CHECK(again->skipped[1].existing_id == first->stored[1].id);
    CHECK(FeedbackCount(*store) == 2);

    // Another received time or text is new feedback.
    std::vector<Feedback> later = {Reply("3", "省科技厅", "项目已立项", kReceived + 1)};
    CHECK(store->AddFeedbackBatch(later, "", "alice", kNow, false)->stored.size() == 1);
  }
}

}  // namespace
}  // namespace duban
