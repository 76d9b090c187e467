// Fuzzes the control-protocol request handler (daemon/duband/command_handler.h), the part
// of duband that reads what socket clients send. Each input is up to kMaxLines request
// lines, run against a fresh real SqliteStore on ":memory:" holding a three-task plan, with
// a fixed clock. Every line is sent first by a peer that may not mutate, then by root.
// Beyond "no crash", for every reply:
//  - one line of JSON: an object with a boolean "ok" and the request's id when the line
//    had a usable one; an error has a known code and a message;
//  - never "internal": that is an exception the handler did not expect, i.e. a bug;
//  - the peer that may not mutate changes nothing (the audit log does not grow).
// No tracking model, scheduler or delivery is attached: those commands answer
// failed_precondition, which is checked like any other reply (docs/FUZZING.md).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "daemon/duband/command_handler.h"
#include "daemon/protocol.h"
#include "fuzz/fuzz_check.h"
#include "workflow/plan_text_importer.h"
#include "workflow/sqlite_store.h"

namespace duban::fuzz {
namespace {

constexpr int64_t kNow = 1'700'000'000;
// Each line costs a few SQLite statements; more lines would only slow the search.
constexpr int kMaxLines = 8;

constexpr const char* kPlanText =
    "关于印发重点工作分工方案的通知\n"
    "一、加强规划指导\n"
    "1.制定全省实施方案。(省发改委牵头,省财政厅、省商务厅参加)\n"
    "2.开展试点示范工作。(省科技厅负责)\n"
    "二、强化保障措施\n"
    "3.加大资金支持力度。(省财政厅牵头,省发展改革委参加)\n";

PeerCredentials Admin() {
  PeerCredentials peer;
  peer.pid = 1;
  peer.uid = 0;
  peer.gid = 0;
  peer.user = "root";
  return peer;
}

// Neither root nor this process's user, in no group.
PeerCredentials Outsider() {
  PeerCredentials peer;
  peer.pid = 4242;
  peer.uid = geteuid() == 4242 ? 4243 : 4242;
  peer.gid = peer.uid;
  return peer;
}

const std::set<std::string, std::less<>>& KnownCodes() {
  static const std::set<std::string, std::less<>> codes = {
      "too_large", "bad_request", "unsupported_version", "unknown_command", "unavailable",
      "invalid_argument", "not_found", "conflict", "failed_precondition",
      "permission_denied", "io_error", "corruption"};
  return codes;
}

void CheckReply(std::string_view line, const std::string& reply) {
  DUBAN_FUZZ_CHECK(reply.find('\n') == std::string::npos, reply);
  const nlohmann::json parsed = nlohmann::json::parse(reply, nullptr, /*allow_exceptions=*/false);
  DUBAN_FUZZ_CHECK(parsed.is_object(), reply);
  DUBAN_FUZZ_CHECK(parsed.contains("ok") && parsed["ok"].is_boolean(), reply);
  DUBAN_FUZZ_CHECK(parsed.contains("id") && parsed["id"].is_number_integer(), reply);
  auto request = protocol::ParseRequest(line);
  if (const auto* ok = std::get_if<protocol::Request>(&request)) {
    DUBAN_FUZZ_CHECK(parsed["id"].get<int64_t>() == ok->id, reply);
  }
  if (parsed["ok"].get<bool>()) {
    DUBAN_FUZZ_CHECK(parsed.contains("result"), reply);
    return;
  }
  const nlohmann::json& error = parsed.value("error", nlohmann::json());
  DUBAN_FUZZ_CHECK(error.is_object() && error.contains("code") && error["code"].is_string() &&
                       error.contains("message") && error["message"].is_string(),
                   reply);
  DUBAN_FUZZ_CHECK(KnownCodes().count(error["code"].get<std::string>()) == 1, reply);
}

int AuditEntries(Store& store) {
  auto summary = store.Summary();
  DUBAN_FUZZ_CHECK(summary.ok(), summary.status().ToString());
  return summary.value().audit_entries;
}

void Run(std::string_view input) {
  auto opened = SqliteStore::Open(":memory:");
  DUBAN_FUZZ_CHECK(opened.ok(), opened.status().ToString());
  std::unique_ptr<SqliteStore> store = std::move(opened).value();
  HandlerSettings settings;
  AgencyInfo fgw{"省发改委", {"省发展改革委"}, "fgw@example.gov.cn", "", ""};
  DUBAN_FUZZ_CHECK(settings.agencies.Add(fgw).ok(), "agency");
  DUBAN_FUZZ_CHECK(store->SyncAgencies({fgw}, "fuzz", kNow).ok(), "sync agencies");
  ImportResult imported = ImportPlanText(kPlanText, {false, "plan.txt"});
  DUBAN_FUZZ_CHECK(store->ApplyPlan(imported.plan, "fuzz", kNow).ok(), "apply plan");
  settings.store_path = ":memory:";
  CommandHandler handler(*store, std::move(settings), [] { return kNow; });

  const PeerCredentials admin = Admin();
  const PeerCredentials outsider = Outsider();
  int lines = 0;
  while (lines++ < kMaxLines) {
    const size_t end = input.find('\n');
    const std::string_view line = input.substr(0, end);
    const int before = AuditEntries(*store);
    CheckReply(line, handler.HandleLine(line, outsider));
    DUBAN_FUZZ_CHECK(AuditEntries(*store) == before, "a non-admin changed state: " + std::string(line));
    CheckReply(line, handler.HandleLine(line, admin));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
}

}  // namespace
}  // namespace duban::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);  // denials and imports are logged; not wanted here
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  duban::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
