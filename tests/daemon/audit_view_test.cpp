// dubanctl log's pieces (daemon/dubanctl/audit_view.h): the audit.list args and the usage
// errors caught before sending, and each kind of detail as one readable line.
#include "daemon/dubanctl/audit_view.h"

#include <catch2/catch.hpp>

namespace duban::ctl {
namespace {

using nlohmann::json;

TEST_CASE("LogArgs: only the filters given, dates checked", "[audit_view]") {
  CHECK(*LogArgs({}) == json::object());
  LogOptions options{"22", "省发改委", "2026-03-01", "2026-03-31", "task.state", 50};
  CHECK(*LogArgs(options) == json{{"ref", "22"},
                                  {"agency", "省发改委"},
                                  {"since", "2026-03-01"},
                                  {"until", "2026-03-31"},
                                  {"action", "task.state"},
                                  {"limit", 50}});
  options.since = "2026-02-30";
  CHECK(LogArgs(options).status().message() ==
        "--since must be a date as YYYY-MM-DD (a real day), not '2026-02-30'");
  options.since = "2026-04-01";
  CHECK(LogArgs(options).status().message() == "--until 2026-03-31 is before --since 2026-04-01");
  options.since = "";
  options.limit = 0;
  CHECK(LogArgs(options).status().message() == "--limit must be at least 1");
}

TEST_CASE("DescribeAuditDetail: one line per kind of entry", "[audit_view]") {
  CHECK(DescribeAuditDetail("task.state", {{"ref", "22"},
                                           {"command", "reopen"},
                                           {"from", "completed"},
                                           {"to", "active"},
                                           {"reason", "复核发现遗留问题"},
                                           {"previous_reason", "办结"}}) ==
        "reopen: completed → active; reason: 复核发现遗留问题");
  CHECK(DescribeAuditDetail("task.state", {{"command", "resume"}, {"from", "suspended"},
                                           {"to", "active"}, {"reason", ""}}) ==
        "resume: suspended → active");
  CHECK(DescribeAuditDetail("feedback.add", {{"feedback_id", 12},
                                             {"agency", "省发改委"},
                                             {"text", "规划初稿已完成"},
                                             {"percent", 60},
                                             {"done", false},
                                             {"attachments", {"/srv/a.pdf"}},
                                             {"source", "replies.csv"}}) ==
        "#12 省发改委: 规划初稿已完成 (60%, 附件: /srv/a.pdf, from replies.csv)");
  CHECK(DescribeAuditDetail("feedback.add", {{"feedback_id", 3}, {"agency", "省财政厅"},
                                             {"text", "已拨付"}, {"percent", nullptr},
                                             {"done", true}}) ==
        "#3 省财政厅: 已拨付 (done)");
  CHECK(DescribeAuditDetail("feedback.import", {{"source", "replies.csv"}, {"rows", 3},
                                                {"stored", 2}, {"skipped", 1}}) ==
        "replies.csv: 3 rows, 2 stored, 1 skipped");
  CHECK(DescribeAuditDetail("plan.import", {{"added", 47}, {"title", "方案"}, {"changed", false}}) ==
        "added: 47; changed: no; title: 方案");
  CHECK(DescribeAuditDetail("task.add", {{"ref", "22"}}) == "");
  // Targets (指标): the store's audit forms (workflow/sqlite_store_targets.cpp).
  const json target = {{"id", 5}, {"ref", "22"}, {"name", "生产总值增长"},
                       {"formatted", "≥7%"}, {"state", "rejected"}};
  CHECK(DescribeAuditDetail("target.propose",
                            {{"ref", "22"}, {"count", 1},
                             {"targets", {{{"id", 5}, {"name", "生产总值增长"},
                                           {"formatted", "≥7%"},
                                           {"matched_text", "生产总值增长7%以上"}}}}}) ==
        "1 proposed: #5 生产总值增长 ≥7% (生产总值增长7%以上)");
  json rejected = target;
  rejected["from"] = "proposed";
  rejected["reason"] = "不考核";
  CHECK(DescribeAuditDetail("target.reject", rejected) ==
        "#5 生产总值增长 ≥7%: proposed → rejected; reason: 不考核");
  json after = target;
  after["formatted"] = "≥7.5%";
  CHECK(DescribeAuditDetail("target.edit", {{"before", target}, {"after", after}}) ==
        "#5 生产总值增长 ≥7% → #5 生产总值增长 ≥7.5% (confirmed)");
  CHECK(DescribeAuditDetail("target.add", target) == "#5 生产总值增长 ≥7%");
  CHECK(DescribeAuditDetail("feedback.add", {{"feedback_id", 4}, {"agency", "省发改委"},
                                             {"text", "上半年"}, {"done", false},
                                             {"values", {{"生产总值增长", 7.2}}}}) ==
        "#4 省发改委: 上半年 (指标: 生产总值增长=7.2)");
  CHECK(DescribeAuditDetail("x", "not json") == "not json");
}

}  // namespace
}  // namespace duban::ctl
