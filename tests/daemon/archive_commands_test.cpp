// The archive commands through CommandHandler on a real store file: state.export's
// document (every part, hand-checked against what the test put in the store), and
// backup.create / backup.read with a real BackupManager (the copy made on its worker
// thread, read back in chunks, bounds and unknown ids refused, the copy deleted after the
// last chunk and when a newer backup starts, admin only).
#include "daemon/duband/command_handler.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "daemon/archive_codec.h"
#include "daemon/duband/backup_manager.h"
#include "tests/daemon/tracking_test_util.h"
#include "workflow/sqlite_backup.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using Catch::Contains;
using nlohmann::json;
using testing::Local;
using testing::OutsiderPeer;
using testing::RootPeer;

const int64_t kNow = Local(2026, 3, 18, 10, 0);

class Fixture {
 public:
  explicit Fixture(bool with_backups = true, int pages_per_step = 256)
      : store_path_((dir_.path() / "duban.db").string()),
        backups_(dir_.path() / "backups", store_path_, pages_per_step) {
    auto opened = SqliteStore::Open(store_path_);
    REQUIRE(opened.ok());
    store_ = std::move(opened).value();
    std::vector<AgencyInfo> agencies = {
        {"省发改委", {"省发展改革委"}, "fgw@example.gov.cn", "", ""},
        {"省科技厅", {}, "kjt@example.gov.cn", "kjt-lead@example.gov.cn", ""}};
    REQUIRE(store_->SyncAgencies(agencies, "test", testing::kCreatedAt).ok());
    REQUIRE(store_->ApplyPlan(testing::TrackingPlan(), "test", testing::kCreatedAt).ok());
    handler_ = std::make_unique<CommandHandler>(
        *store_, HandlerSettings{}, [] { return kNow; }, HandlerTracking{}, HandlerDelivery{},
        HandlerArchive{with_backups ? &backups_ : nullptr});
  }

  json Command(std::string_view cmd, json args = json::object(),
               const PeerCredentials& peer = RootPeer()) {
    json request = {{"v", 1}, {"id", 5}, {"cmd", cmd}, {"args", std::move(args)}};
    std::string reply = handler_->HandleLine(request.dump(), peer);
    INFO(reply.substr(0, 2000));
    return json::parse(reply);
  }
  json Ok(std::string_view cmd, json args = json::object()) {
    json reply = Command(cmd, std::move(args));
    INFO(reply.dump().substr(0, 2000));
    REQUIRE(reply["ok"] == true);
    return reply["result"];
  }
  std::string ErrorCode(std::string_view cmd, json args) {
    json reply = Command(cmd, std::move(args));
    REQUIRE(reply["ok"] == false);
    last_error_ = reply["error"]["message"].get<std::string>();
    return reply["error"]["code"].get<std::string>();
  }

  // Polls backup.read until backup `id` is no longer running (the worker thread's work,
  // bounded: a tiny store copies in milliseconds); returns that reply.
  json WaitReady(int64_t id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (true) {
      json reply = Command("backup.read", {{"id", id}, {"offset", 0}, {"length", 1}});
      if (!reply["ok"].get<bool>() || reply["result"]["state"] != "running") return reply;
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  SqliteStore& store() { return *store_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  const std::string& last_error() const { return last_error_; }

 private:
  testing::TempDir dir_;
  std::string store_path_;
  std::unique_ptr<SqliteStore> store_;
  BackupManager backups_;
  std::unique_ptr<CommandHandler> handler_;
  std::string last_error_;
};

TEST_CASE("state.export carries the plan, agencies, feedback, deadlines and audit",
          "[daemon][archive]") {
  Fixture f;
  Target target;
  target.task_ref = "1";
  target.name = "生产总值增长";
  target.unit = "%";
  target.value = 7;
  REQUIRE(f.store().AddTarget(target, "uid 1000 (alice)", kNow).ok());
  target.name = "投资增长";
  target.matched_text = "投资增长10%";
  auto proposed = f.store().RecordTargetProposals({target}, "uid 0 (root)", kNow);
  REQUIRE(proposed.ok());
  REQUIRE(f.store().SetTargetState((*proposed)[0].id, TargetState::kRejected, "不考核",
                                   "uid 1000 (alice)", kNow)
              .ok());
  Feedback feedback;
  feedback.task_ref = "1";
  feedback.agency = "省发展改革委";  // an alias: stored canonical
  feedback.at = Local(2026, 3, 17, 15, 0);
  feedback.text = "方案已报省政府";
  feedback.percent = 60;
  feedback.values = {{"生产总值增长", 7.2}};
  REQUIRE(f.store().AddFeedback(feedback, "uid 1000 (alice)", kNow).ok());
  REQUIRE(f.store().SetTaskState("2", TaskState::kSuspended, "等待国家政策", "uid 0 (root)", kNow)
              .ok());
  DeadlinePatch patch;
  patch.final_due = testing::Day(2026, 4, 30);
  REQUIRE(f.store().SetDeadlinePatch("1", patch, "uid 0 (root)", kNow).ok());

  json doc = f.Ok("state.export");
  CHECK(doc["format"] == "duban-state-export");
  CHECK(doc["format_version"] == 1);
  CHECK(doc["exported_at"] == kNow);
  CHECK(doc["schema_version"] == SqliteStore::kSchemaVersion);
  CHECK(doc["time_zone"] == "UTC");
  CHECK_FALSE(doc["duband_version"].get<std::string>().empty());

  const json& plan = doc["plan"];
  CHECK(plan["title"] == "测试分工方案");
  CHECK(plan["imported_at"] == testing::kCreatedAt);
  REQUIRE(plan["sections"].size() == 1);
  REQUIRE(plan["tasks"].size() == 2);
  CHECK(plan["tasks"][0]["lead"] == json{"省发改委"});
  CHECK(plan["tasks"][0]["participants"] == json{"省财政厅"});
  CHECK(plan["tasks"][0]["state"] == "active");
  CHECK(plan["tasks"][1]["responsible"] == json{"省科技厅"});
  CHECK(plan["tasks"][1]["state"] == "suspended");
  CHECK(plan["tasks"][1]["state_reason"] == "等待国家政策");

  json fgw;
  for (const json& agency : doc["agencies"]) {
    if (agency["name"] == "省发改委") fgw = agency;
  }
  CHECK(fgw["aliases"] == json{"省发展改革委"});
  CHECK(fgw["email"] == "fgw@example.gov.cn");

  REQUIRE(doc["feedback"].size() == 1);
  CHECK(doc["feedback"][0]["agency"] == "省发改委");
  CHECK(doc["feedback"][0]["actor"] == "uid 1000 (alice)");
  CHECK(doc["feedback"][0]["percent"] == 60);
  CHECK(doc["feedback"][0]["id"].get<int64_t>() > 0);
  CHECK(doc["feedback"][0]["values"] == json{{"生产总值增长", 7.2}});

  // Targets in every state, the rejected proposal too (it keeps the importer from
  // proposing it again after a restore from this export).
  REQUIRE(doc["targets"].size() == 2);
  CHECK(doc["targets"][0]["name"] == "生产总值增长");
  CHECK(doc["targets"][0]["state"] == "confirmed");
  CHECK(doc["targets"][0]["value"] == 7);
  CHECK(doc["targets"][1]["name"] == "投资增长");
  CHECK(doc["targets"][1]["state"] == "rejected");
  CHECK(doc["targets"][1]["matched_text"] == "投资增长10%");

  REQUIRE(doc["deadline_changes"].size() == 1);
  CHECK(doc["deadline_changes"][0]["task"] == "1");
  CHECK(doc["deadline_changes"][0]["patch"]["final_due"] == "2026-04-30");

  CHECK(doc["evaluated_until"].is_null());
  CHECK(doc["outbox"].empty());
  CHECK(doc["messages"]["bodies_included"] == false);
  CHECK(doc["messages"]["items"].empty());

  // Oldest first, each with its actor; details are objects, not JSON text.
  const json& audit = doc["audit"];
  REQUIRE(audit.size() >= 4);
  CHECK(audit.back()["actor"] == "uid 0 (root)");
  CHECK(audit.back()["subject"] == "task 1");
  CHECK(audit.back()["task_ref"] == "1");
  CHECK(audit.back()["detail"].is_object());
  CHECK(audit.front()["id"].get<int64_t>() < audit.back()["id"].get<int64_t>());

  CHECK(doc["counts"] == json{{"tasks", 2}, {"agencies", doc["agencies"].size()}, {"feedback", 1},
                              {"targets", 2}, {"outbox", 0}, {"messages", 0},
                              {"audit", audit.size()}});
}

TEST_CASE("state.export checks its arguments and is open to readers", "[daemon][archive]") {
  Fixture f;
  CHECK(f.ErrorCode("state.export", {{"bodies", true}}) == "invalid_argument");
  CHECK(f.ErrorCode("state.export", {{"message_bodies", "yes"}}) == "invalid_argument");
  CHECK(f.Ok("state.export", {{"message_bodies", true}})["messages"]["bodies_included"] == true);
  json reply = f.Command("state.export", json::object(), OutsiderPeer());
  CHECK(reply["ok"] == true);
}

TEST_CASE("backup.create and backup.read hand out a checked copy in chunks",
          "[daemon][archive]") {
  Fixture f;
  json started = f.Ok("backup.create");
  const int64_t id = started["id"].get<int64_t>();
  CHECK(id == 1);
  CHECK(started["state"] == "running");

  json ready = f.WaitReady(id);
  REQUIRE(ready["ok"] == true);
  REQUIRE(ready["result"]["state"] == "ready");
  const int64_t size = ready["result"]["size"].get<int64_t>();
  const std::string sha = ready["result"]["sha256"].get<std::string>();
  CHECK(size % 4096 == 0);
  CHECK(std::filesystem::exists(f.dir() / "backups" / "backup-1.db"));

  // Chunks of 1000 bytes: every one but the last is full, offsets follow on.
  std::string bytes;
  int chunks = 0;
  while (true) {
    json chunk = f.Ok("backup.read", {{"id", id}, {"offset", bytes.size()}, {"length", 1000}});
    CHECK(chunk["offset"] == bytes.size());
    auto data = Base64Decode(chunk["data"].get<std::string>());
    REQUIRE(data.ok());
    CHECK(chunk["length"] == data->size());
    bytes += *data;
    ++chunks;
    if (chunk["eof"].get<bool>()) break;
    CHECK(data->size() == 1000);
    REQUIRE(chunks < 10000);
  }
  CHECK(static_cast<int64_t>(bytes.size()) == size);
  CHECK(chunks == (size + 999) / 1000);
  Sha256 hash;
  hash.Update(bytes);
  CHECK(hash.HexDigest() == sha);

  // The bytes are the store: written out, they pass the restore check.
  const std::string copy = (f.dir() / "received.db").string();
  std::ofstream(copy, std::ios::binary) << bytes;
  auto check = CheckStoreFile(copy);
  INFO(check.status().ToString());
  REQUIRE(check.ok());
  CHECK(check->rows.at("tasks") == 2);

  // After the last chunk the daemon's copy is gone.
  CHECK_FALSE(std::filesystem::exists(f.dir() / "backups" / "backup-1.db"));
  CHECK(f.ErrorCode("backup.read", {{"id", id}, {"offset", 0}}) == "not_found");
  CHECK_THAT(f.last_error(), Contains("deleted after its last chunk"));
}

TEST_CASE("backup.read refuses bad bounds and unknown ids", "[daemon][archive]") {
  Fixture f;
  const int64_t id = f.Ok("backup.create")["id"].get<int64_t>();
  json ready = f.WaitReady(id);
  REQUIRE(ready["result"]["state"] == "ready");
  const int64_t size = ready["result"]["size"].get<int64_t>();

  CHECK(f.ErrorCode("backup.read", {{"id", id}, {"offset", size + 1}}) == "invalid_argument");
  CHECK_THAT(f.last_error(), Contains("past the end of backup 1"));
  CHECK(f.ErrorCode("backup.read", {{"id", 7}, {"offset", 0}}) == "not_found");
  CHECK(f.ErrorCode("backup.read", {{"offset", 0}}) == "invalid_argument");
  CHECK(f.ErrorCode("backup.read", {{"id", id}}) == "invalid_argument");
  CHECK(f.ErrorCode("backup.read", {{"id", id}, {"offset", -1}}) == "invalid_argument");
  CHECK(f.ErrorCode("backup.read", {{"id", id}, {"offset", 0}, {"length", 0}}) ==
        "invalid_argument");
  CHECK(f.ErrorCode("backup.read", {{"id", id}, {"offset", 0}, {"length", (1 << 20) + 1}}) ==
        "invalid_argument");
  CHECK_THAT(f.last_error(), Contains("args.length"));
  CHECK(f.ErrorCode("backup.create", {{"file", "/tmp/x"}}) == "invalid_argument");

  // The largest chunk asked for is capped at 1 MiB; this copy is smaller, so it all comes.
  json whole = f.Ok("backup.read", {{"id", id}, {"offset", 0}, {"length", 1 << 20}});
  CHECK(whole["length"] == size);
  CHECK(whole["eof"] == true);
}

TEST_CASE("a newer backup deletes the older copy", "[daemon][archive]") {
  Fixture f;
  const int64_t first = f.Ok("backup.create")["id"].get<int64_t>();
  REQUIRE(f.WaitReady(first)["result"]["state"] == "ready");
  const int64_t second = f.Ok("backup.create")["id"].get<int64_t>();
  CHECK(second == first + 1);
  REQUIRE(f.WaitReady(second)["result"]["state"] == "ready");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(f.dir() / "backups")) {
    names.push_back(entry.path().filename().string());
  }
  CHECK(names == std::vector<std::string>{"backup-2.db"});
  CHECK(f.ErrorCode("backup.read", {{"id", first}, {"offset", 0}}) == "not_found");
}

TEST_CASE("a second backup while a copy is being made is refused", "[daemon][archive]") {
  // One page per step over a few hundred pages: the copy is still running when the second
  // request comes, microseconds after the first.
  Fixture f(true, 1);
  for (int i = 0; i < 150; ++i) {
    Feedback feedback;
    feedback.task_ref = "1";
    feedback.agency = "省发改委";
    feedback.at = kNow - i;
    feedback.text = std::string(3000, 'x') + std::to_string(i);
    REQUIRE(f.store().AddFeedback(feedback, "test", kNow).ok());
  }
  const int64_t first = f.Ok("backup.create")["id"].get<int64_t>();
  CHECK(f.ErrorCode("backup.create", json::object()) == "conflict");
  CHECK_THAT(f.last_error(), Contains("backup 1 is still being made"));
  json ready = f.WaitReady(first);
  REQUIRE(ready["result"]["state"] == "ready");
  CHECK(ready["result"]["pages_total"].get<int64_t>() > 100);
  CHECK(ready["result"]["pages_done"] == ready["result"]["pages_total"]);
  CHECK(f.Ok("backup.create")["id"] == first + 1);  // once it is done, a new one may start
}

TEST_CASE("backups are for admins and need a BackupManager", "[daemon][archive]") {
  Fixture f;
  json create = f.Command("backup.create", json::object(), OutsiderPeer());
  CHECK(create["error"]["code"] == "permission_denied");
  json read = f.Command("backup.read", {{"id", 1}, {"offset", 0}}, OutsiderPeer());
  CHECK(read["error"]["code"] == "permission_denied");

  Fixture without(false);
  CHECK(without.ErrorCode("backup.create", json::object()) == "failed_precondition");
  CHECK(without.ErrorCode("backup.read", {{"id", 1}, {"offset", 0}}) == "failed_precondition");
}

TEST_CASE("BackupManager::Prepare removes only the copies an earlier run left",
          "[daemon][archive]") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "backups");
  std::ofstream(dir.path() / "backups" / "backup-7.db") << "old";
  std::ofstream(dir.path() / "backups" / "notes.txt") << "keep";
  BackupManager manager(dir.path() / "backups", (dir.path() / "duban.db").string());
  REQUIRE(manager.Prepare().ok());
  CHECK_FALSE(std::filesystem::exists(dir.path() / "backups" / "backup-7.db"));
  CHECK(std::filesystem::exists(dir.path() / "backups" / "notes.txt"));
}

TEST_CASE("a backup of a missing store fails with the reason", "[daemon][archive]") {
  testing::TempDir dir;
  BackupManager manager(dir.path() / "backups", (dir.path() / "gone.db").string());
  auto started = manager.Start(kNow);
  REQUIRE(started.ok());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  Result<BackupChunk> chunk = manager.Read(started->id, 0, 10);
  while (chunk.ok() && chunk->info.state == "running") {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    chunk = manager.Read(started->id, 0, 10);
  }
  CHECK(chunk.status().code() == Status::Code::kNotFound);
  CHECK_THAT(chunk.status().message(), Contains("gone.db"));
}

}  // namespace
}  // namespace duban
