// PlanMessages: recipients resolved per channel, digests per agency or per task,
// undeliverable and cancelled rows, webhook formats, deterministic keys and order.
#include "notifiers/message_planner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace duban {
namespace {

using json = nlohmann::json;

const FixedOffsetTimeZone kZone(8 * 60, "Asia/Shanghai");

int64_t LocalAt(const char* date, int minute) { return kZone.ToUtc(*ParseCivilDate(date), minute); }

const int64_t kSlot = LocalAt("2026-03-05", 9 * 60);  // 09:00 on a Thursday
const int64_t kNow = kSlot + 30;

struct Row {
  int64_t id;
  std::string ref;
  std::string agency;
  Role role = Role::kLead;
  Level level = Level::kUrge;
  const char* due = "2026-03-02";
  std::vector<Recipient> to = {Recipient::kContact};
  std::vector<Channel> channels = {Channel::kEmail};
  int64_t at = kSlot;
  int repeat = 0;
};

OutboxRow Make(const Row& r) {
  OutboxRow row;
  row.id = r.id;
  row.state = "pending";
  Action& a = row.action;
  a.task_ref = r.ref;
  a.agency = r.agency;
  a.role = r.role;
  a.level = r.level;
  a.occurrence = "2026-Q1";
  a.due = *ParseCivilDate(r.due);
  a.step = std::string(LevelName(r.level));
  a.repeat = r.repeat;
  a.recipients = r.to;
  a.channels = r.channels;
  a.at = r.at;
  a.key = r.ref + "|" + r.agency + "|" + std::string(RoleName(r.role)) + "|2026-Q1|" + a.step +
          "|" + std::to_string(r.repeat);
  a.reason = "test action " + std::to_string(r.id);
  return row;
}

std::vector<OutboxRow> Rows(const std::vector<Row>& rows) {
  std::vector<OutboxRow> out;
  for (const Row& r : rows) out.push_back(Make(r));
  return out;
}

WebhookConfig Webhook(std::string name, std::string kind, std::string format) {
  WebhookConfig webhook;
  webhook.name = std::move(name);
  webhook.kind = std::move(kind);
  webhook.url = "https://robot.example.cn/send";
  webhook.format = std::move(format);
  return webhook;
}

// The office's setup: three agencies with different gaps, two chat targets.
struct Setup {
  TemplateSet templates = TemplateSet::Defaults();
  std::vector<AgencyInfo> agencies = {
      {"省发改委", {}, "fgw@example.gov.cn", "fgw-lead@example.gov.cn", "fgw-ding"},
      {"省科技厅", {}, "kjt@example.gov.cn", "", ""},
      {"省经信委", {}, "jxw@example.gov.cn", "jxw-lead@example.gov.cn", "missing-hook"},
      {"省财政厅", {}, "czt@example.gov.cn", "czt@example.gov.cn", ""},
  };
  OfficeConfig office{"领导小组办公室", "office@example.gov.cn", "group@example.gov.cn",
                      "office-wecom", ""};
  std::vector<WebhookConfig> webhooks = {Webhook("fgw-ding", "dingtalk", "markdown"),
                                         Webhook("office-wecom", "wecom", "text")};
  DeliveryConfig delivery;
  MailConfig mail;
  std::map<std::string, std::string> titles = {
      {"7", "加大科技投入"}, {"10", "强化知识产权"}, {"22", "积极开展“三网融合”试点工作"}};
  std::map<int64_t, std::string> not_owed;

  PlanningContext Context() const {
    PlanningContext context{templates, kZone, agencies, office, webhooks, delivery, mail, {}, {}};
    context.no_longer_owed = [this](const OutboxRow& row) -> std::optional<std::string> {
      const auto found = not_owed.find(row.id);
      if (found == not_owed.end()) return std::nullopt;
      return found->second;
    };
    context.task_summary = [this](std::string_view ref) {
      const auto found = titles.find(std::string(ref));
      return found == titles.end() ? TaskSummary{} : TaskSummary{found->second, "三", {}};
    };
    return context;
  }

  MessagePlan Plan(const std::vector<Row>& rows, std::vector<std::string>* warnings = nullptr) const {
    return PlanMessages(Rows(rows), Context(), kNow, warnings);
  }
};

std::vector<std::string> Refs(const Message& message) {
  std::vector<std::string> refs;
  for (const json& item : json::parse(message.data_json)) refs.push_back(item["ref"]);
  return refs;
}

std::size_t Find(const std::string& text, const std::string& part) {
  const std::size_t at = text.find(part);
  INFO("looking for " << part << " in\n" << text);
  REQUIRE(at != std::string::npos);
  return at;
}

TEST_CASE("A digest lists one agency's actions of a slot in one message, by role and level") {
  Setup setup;
  const MessagePlan plan = setup.Plan({
      {31, "10", "省发改委", Role::kLead, Level::kRemind, "2026-03-09"},
      {30, "7", "省发改委", Role::kParticipant, Level::kRemind, "2026-03-10"},
      {32, "22", "省发改委", Role::kLead, Level::kUrge, "2026-03-02"},
  });
  CHECK(plan.cancelled.empty());
  CHECK(plan.undeliverable.empty());
  REQUIRE(plan.messages.size() == 1);
  const Message& m = plan.messages[0];
  CHECK(m.key == "email|fgw@example.gov.cn|" + std::to_string(kSlot) + "|30");
  CHECK(m.channel == Channel::kEmail);
  CHECK(m.target == "fgw@example.gov.cn");
  CHECK(m.recipient_name == "省发改委");
  CHECK(m.level == Level::kUrge);
  CHECK(m.thread == "agency:省发改委");
  CHECK(m.outbox_ids == std::vector<int64_t>{30, 31, 32});
  CHECK(m.subject == "【催办】1项重点工作已逾期，请抓紧办理");  // the reminders are not late
  // Lead before participant; within lead, the urge (higher) before the reminder.
  CHECK(Refs(m) == std::vector<std::string>{"22", "10", "7"});
  const std::size_t lead = Find(m.text, "【牵头任务】\n催办事项1项：\n1. 第22项　积极开展“三网融合”试点工作\n"
                                        "   报送2026年第一季度进展情况，截止日期2026年3月2日，已逾期3天。\n"
                                        "提醒事项1项：\n2. 第10项　强化知识产权\n");
  const std::size_t participant = Find(m.text, "【参加任务】\n提醒事项1项：\n3. 第7项　加大科技投入\n"
                                               "   向牵头单位报送2026年第一季度进展情况，截止日期2026年3月10日，距截止还有5天。\n");
  CHECK(lead < participant);
  CHECK_THAT(m.html, Catch::Contains("<td>第22项　积极开展“三网融合”试点工作</td>"));
  const json items = json::parse(m.data_json);
  CHECK(items[0] == json{{"outbox_id", 32}, {"key", "22|省发改委|lead|2026-Q1|urge|0"}, {"ref", "22"},
                         {"title", "积极开展“三网融合”试点工作"}, {"section", "三"},
                         {"agency", "省发改委"}, {"role", "lead"}, {"level", "urge"},
                         {"step", "urge"}, {"repeat", 0}, {"due", "2026-03-02"},
                         {"occurrence", "2026-Q1"}, {"days_overdue", 3},
                         {"reason", "test action 32"}, {"targets", json::array()}});
}

TEST_CASE("Per-task mode sends one message per task and target") {
  Setup setup;
  setup.delivery.digest = "task";
  const MessagePlan plan = setup.Plan({
      {31, "10", "省发改委", Role::kLead, Level::kRemind, "2026-03-09"},
      {30, "7", "省发改委", Role::kParticipant, Level::kRemind, "2026-03-10"},
      {32, "22", "省发改委", Role::kLead, Level::kUrge},
      {33, "22", "省科技厅", Role::kParticipant, Level::kUrge},
  });
  REQUIRE(plan.messages.size() == 4);
  std::vector<std::string> keys;
  std::vector<std::string> threads;
  for (const Message& m : plan.messages) {
    keys.push_back(m.key);
    threads.push_back(m.thread);
  }
  const std::string at = std::to_string(kSlot);
  CHECK(keys == std::vector<std::string>{"email|fgw@example.gov.cn|" + at + "|30",
                                         "email|fgw@example.gov.cn|" + at + "|31",
                                         "email|fgw@example.gov.cn|" + at + "|32",
                                         "email|kjt@example.gov.cn|" + at + "|33"});
  CHECK(threads == std::vector<std::string>{"task:7", "task:10", "task:22", "task:22"});
  CHECK(plan.messages[2].subject == "【催办】第22项重点工作“积极开展“三网融合”试点工作”已逾期，请抓紧办理");
  CHECK(plan.messages[0].subject == "【工作提醒】第7项重点工作“加大科技投入”临近报送时限");
}

TEST_CASE("Separate send slots make separate messages, ordered by time") {
  Setup setup;
  const int64_t earlier = kSlot - 86400;
  const MessagePlan plan = setup.Plan({
      {40, "7", "省发改委", Role::kLead, Level::kUrge, "2026-03-02", {Recipient::kContact}, {Channel::kEmail}, kSlot},
      {41, "10", "省发改委", Role::kLead, Level::kUrge, "2026-03-02", {Recipient::kContact}, {Channel::kEmail}, earlier},
  });
  REQUIRE(plan.messages.size() == 2);
  CHECK(plan.messages[0].key == "email|fgw@example.gov.cn|" + std::to_string(earlier) + "|41");
  CHECK(plan.messages[1].key == "email|fgw@example.gov.cn|" + std::to_string(kSlot) + "|40");
}

TEST_CASE("Supervision goes to the leadership with a copy to the office") {
  Setup setup;
  const MessagePlan plan = setup.Plan({
      {50, "22", "省发改委", Role::kLead, Level::kSupervise, "2026-02-20",
       {Recipient::kLeadership, Recipient::kOffice}},
  });
  REQUIRE(plan.messages.size() == 2);
  const Message& leaders = plan.messages[0];
  const Message& office = plan.messages[1];
  CHECK(leaders.target == "fgw-lead@example.gov.cn");
  CHECK(leaders.recipient_name == "省发改委（领导）");
  CHECK(leaders.thread == "agency:省发改委");
  CHECK(leaders.subject == "【督办通知】关于省发改委第22项重点工作逾期未办的督办通知");
  CHECK_THAT(leaders.text, Catch::StartsWith("省发改委负责同志：\n\n按照重点工作督查督办要求"));
  CHECK_THAT(leaders.text, Catch::EndsWith("\n抄送：领导小组办公室\n"));
  CHECK(office.target == "office@example.gov.cn");
  CHECK(office.recipient_name == "领导小组办公室");
  CHECK(office.thread == "office:office@example.gov.cn");
  CHECK_THAT(office.text, Catch::StartsWith("领导小组办公室：\n\n（抄送件）本督办通知同时送省发改委负责同志。\n"));
  CHECK_THAT(office.text, Catch::Contains("1. 第22项　积极开展“三网融合”试点工作（省发改委，牵头）\n"));
  CHECK(leaders.key != office.key);
}

TEST_CASE("The office's digest names the agencies, and circulation goes to the leading group") {
  Setup setup;
  const std::vector<Recipient> both = {Recipient::kOffice, Recipient::kLeadingGroup};
  const MessagePlan plan = setup.Plan({
      {60, "22", "省经信委", Role::kLead, Level::kCirculate, "2026-02-10", both},
      {61, "7", "省科技厅", Role::kLead, Level::kCirculate, "2026-02-10", both},
      {62, "10", "省科技厅", Role::kParticipant, Level::kCirculate, "2026-02-05", both},
  });
  REQUIRE(plan.messages.size() == 2);
  const Message& group = plan.messages[0];  // group@ sorts before office@
  CHECK(group.target == "group@example.gov.cn");
  CHECK(group.recipient_name == "领导小组");
  CHECK(group.thread == "office:group@example.gov.cn");
  CHECK(group.subject == "【情况通报】关于2个单位重点工作逾期未办情况的通报");
  CHECK_THAT(group.text, Catch::StartsWith("领导小组各成员单位：\n"));
  const std::size_t kjt = Find(group.text, "省科技厅（2项）：\n1. 第7项　加大科技投入（牵头）\n"
                                           "   报送2026年第一季度进展情况，截止日期2026年2月10日，已逾期23天。\n"
                                           "2. 第10项　强化知识产权（参加）\n");
  const std::size_t jxw = Find(group.text, "省经信委（1项）：\n1. 第22项");
  CHECK(kjt < jxw);
  CHECK(plan.messages[1].target == "office@example.gov.cn");
  CHECK(plan.messages[1].outbox_ids == std::vector<int64_t>{60, 61, 62});
}

TEST_CASE("Recipients that cannot be reached") {
  struct Case {
    const char* what;
    Row row;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"no leadership email", {70, "7", "省科技厅", Role::kLead, Level::kSupervise, "2026-02-20", {Recipient::kLeadership}},
       "省科技厅 has no leadership_email (督办 to leadership)"},
      {"no webhook", {71, "7", "省科技厅", Role::kLead, Level::kUrge, "2026-03-02", {Recipient::kContact}, {Channel::kWebhook}},
       "省科技厅 has no webhook (催办 to contact)"},
      {"webhook not configured", {72, "22", "省经信委", Role::kLead, Level::kRemind, "2026-03-09", {Recipient::kLeadership}, {Channel::kWebhook}},
       "省经信委's webhook \"missing-hook\" is not a configured [[webhook]] (提醒 to leadership)"},
      {"unknown agency", {73, "7", "省不存在局", Role::kLead, Level::kRemind, "2026-03-09"},
       "省不存在局 is not a configured [[agency]] (提醒 to contact)"},
      {"no leading group webhook", {74, "7", "省科技厅", Role::kLead, Level::kCirculate, "2026-02-01", {Recipient::kLeadingGroup}, {Channel::kWebhook}},
       "[office] has no leading_group_webhook (通报 to leading_group)"},
      {"two gaps", {75, "7", "省科技厅", Role::kLead, Level::kUrge, "2026-03-02", {Recipient::kContact, Recipient::kLeadership}, {Channel::kWebhook}},
       "省科技厅 has no webhook (催办 to contact); 省科技厅 has no webhook (催办 to leadership)"},
      {"no recipients", {76, "7", "省科技厅", Role::kLead, Level::kUrge, "2026-03-02", {}},
       "the action names no recipient"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    Setup setup;
    const MessagePlan plan = setup.Plan({c.row});
    CHECK(plan.messages.empty());
    REQUIRE(plan.undeliverable.size() == 1);
    CHECK(plan.undeliverable[0].first == c.row.id);
    CHECK(plan.undeliverable[0].second == c.reason);
  }
  Setup setup;
  setup.office.email = "";
  const MessagePlan plan = setup.Plan({{77, "7", "省科技厅", Role::kLead, Level::kSupervise, "2026-02-20", {Recipient::kOffice}}});
  REQUIRE(plan.undeliverable.size() == 1);
  CHECK(plan.undeliverable[0].second == "[office] has no email (督办 to office)");
}

TEST_CASE("An action reaching some recipients goes to them, and the office learns of the rest") {
  Setup setup;
  std::vector<std::string> warnings;
  const MessagePlan plan = setup.Plan({{80, "7", "省科技厅", Role::kLead, Level::kSupervise, "2026-02-20",
                                        {Recipient::kLeadership, Recipient::kOffice}}},
                                      &warnings);
  CHECK(plan.undeliverable.empty());
  REQUIRE(plan.messages.size() == 1);
  const Message& office = plan.messages[0];
  CHECK(office.target == "office@example.gov.cn");
  CHECK_THAT(office.text, Catch::Contains("以下通知未能送达，请另行联系：\n- 省科技厅（领导）（第7项）：未配置领导邮箱\n"));
  CHECK_THAT(office.html, Catch::Contains("<li>省科技厅（领导）（第7项）：未配置领导邮箱</li>"));
  const json items = json::parse(office.data_json);
  CHECK(items[0]["unreached"] ==
        json::array({{{"recipient", "省科技厅（领导）"},
                      {"reason", "省科技厅 has no leadership_email (督办 to leadership)"}}}));
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "outbox 80 7|省科技厅|lead|2026-Q1|supervise|0: 省科技厅 has no leadership_email "
                       "(督办 to leadership); delivered to its other recipients");
}

TEST_CASE("Webhook messages use the target's format") {
  Setup setup;
  const MessagePlan plan = setup.Plan({
      {90, "22", "省发改委", Role::kLead, Level::kUrge, "2026-03-02", {Recipient::kContact}, {Channel::kWebhook, Channel::kEmail}},
      {91, "7", "省科技厅", Role::kLead, Level::kSupervise, "2026-02-20", {Recipient::kOffice}, {Channel::kWebhook}},
  });
  REQUIRE(plan.messages.size() == 3);
  const Message& email = plan.messages[0];
  const Message& ding = plan.messages[1];
  const Message& wecom = plan.messages[2];
  CHECK(email.channel == Channel::kEmail);
  CHECK(ding.key == "webhook|fgw-ding|" + std::to_string(kSlot) + "|90");
  CHECK(ding.channel == Channel::kWebhook);
  CHECK(ding.recipient_name == "省发改委");
  CHECK(ding.subject == email.subject);
  CHECK(ding.html.empty());
  CHECK_THAT(ding.text, Catch::StartsWith("### 【催办】省发改委\n\n**牵头任务**\n\n1. 第22项 积极开展"));
  CHECK_THAT(ding.text, Catch::Contains("**已逾期3天**"));
  CHECK(wecom.target == "office-wecom");
  CHECK_THAT(wecom.text, Catch::StartsWith("【督办】领导小组办公室\n1. 第7项 加大科技投入（省科技厅）："));
  CHECK(wecom.text.find("**") == std::string::npos);
}

TEST_CASE("Rows no longer owed are cancelled, other states and future rows left out") {
  Setup setup;
  setup.not_owed[101] = "省发改委 reported on 2026-03-04 (feedback 7)";
  std::vector<OutboxRow> rows = Rows({
      {100, "22", "省发改委"},
      {101, "10", "省发改委"},
      {102, "7", "省发改委"},
      {103, "7", "省科技厅", Role::kLead, Level::kUrge, "2026-03-02", {Recipient::kContact}, {Channel::kEmail}, kNow + 1},
  });
  rows[2].state = "queued";
  const MessagePlan plan = PlanMessages(rows, setup.Context(), kNow);
  CHECK(plan.cancelled == std::vector<std::pair<int64_t, std::string>>{
                              {101, "省发改委 reported on 2026-03-04 (feedback 7)"}});
  CHECK(plan.undeliverable.empty());
  REQUIRE(plan.messages.size() == 1);
  CHECK(plan.messages[0].outbox_ids == std::vector<int64_t>{100});
}

TEST_CASE("The highest level among a message's actions picks its templates") {
  Setup setup;
  const MessagePlan plan = setup.Plan({
      {110, "10", "省发改委", Role::kLead, Level::kRemind, "2026-03-09"},
      {111, "22", "省发改委", Role::kParticipant, Level::kCirculate, "2026-02-01"},
      {112, "7", "省发改委", Role::kLead, Level::kUrge, "2026-03-02"},
  });
  REQUIRE(plan.messages.size() == 1);
  const Message& m = plan.messages[0];
  CHECK(m.level == Level::kCirculate);
  CHECK(m.subject == "【情况通报】关于省发改委重点工作逾期未办情况的通报");
  CHECK(Refs(m) == std::vector<std::string>{"7", "10", "22"});
  CHECK_THAT(m.text, Catch::Contains("距截止还有4天"));
}

TEST_CASE("One address serving two recipients gets the action once") {
  Setup setup;
  const MessagePlan plan = setup.Plan({{120, "7", "省财政厅", Role::kLead, Level::kSupervise, "2026-02-20",
                                        {Recipient::kContact, Recipient::kLeadership}}});
  REQUIRE(plan.messages.size() == 1);
  CHECK(plan.messages[0].recipient_name == "省财政厅、省财政厅（领导）");
  CHECK(plan.messages[0].outbox_ids == std::vector<int64_t>{120});
  CHECK(Refs(plan.messages[0]).size() == 1);
  CHECK_THAT(plan.messages[0].text, Catch::StartsWith("省财政厅、省财政厅负责同志：\n"));
}

TEST_CASE("The same rows in any order give the same plan") {
  Setup setup;
  std::vector<OutboxRow> rows = Rows({
      {130, "22", "省发改委", Role::kLead, Level::kUrge},
      {131, "7", "省科技厅", Role::kParticipant, Level::kRemind, "2026-03-10"},
      {132, "10", "省发改委", Role::kResponsible, Level::kSupervise, "2026-02-20", {Recipient::kLeadership, Recipient::kOffice}},
      {133, "7", "省经信委", Role::kLead, Level::kCirculate, "2026-02-01", {Recipient::kOffice, Recipient::kLeadingGroup}},
  });
  const MessagePlan first = PlanMessages(rows, setup.Context(), kNow);
  std::reverse(rows.begin(), rows.end());
  std::swap(rows[0], rows[2]);
  const MessagePlan second = PlanMessages(rows, setup.Context(), kNow);
  REQUIRE(first.messages.size() == 5);
  REQUIRE(second.messages.size() == first.messages.size());
  for (std::size_t i = 0; i < first.messages.size(); ++i) {
    INFO(i);
    CHECK(first.messages[i].key == second.messages[i].key);
    CHECK(first.messages[i].text == second.messages[i].text);
    CHECK(first.messages[i].data_json == second.messages[i].data_json);
  }
  CHECK(first.messages[0].key == "email|fgw-lead@example.gov.cn|" + std::to_string(kSlot) + "|132");
}

TEST_CASE("Without [mail] html no HTML part is rendered") {
  Setup setup;
  setup.mail.html = false;
  const MessagePlan plan = setup.Plan({{140, "22", "省发改委"}});
  REQUIRE(plan.messages.size() == 1);
  CHECK(plan.messages[0].html.empty());
  setup.mail.html = true;
  CHECK_THAT(setup.Plan({{140, "22", "省发改委"}}).messages[0].html, Catch::StartsWith("<!DOCTYPE html>"));
}

TEST_CASE("A subject is one line even if a value holds a line break") {
  Setup setup;
  setup.titles["22"] = "第一行\r\n第二行";
  const MessagePlan plan = setup.Plan({{150, "22", "省发改委"}});
  REQUIRE(plan.messages.size() == 1);
  CHECK(plan.messages[0].subject == "【催办】第22项重点工作“第一行  第二行”已逾期，请抓紧办理");
}

}  // namespace
}  // namespace duban
