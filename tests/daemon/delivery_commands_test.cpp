// The delivery commands through CommandHandler (outbox.messages, outbox.message,
// outbox.retry, notify.test and status's delivery block) on a real store and tracking
// model with a pinned clock. The delivery hooks are closures that count kicks and build
// test messages, as the dispatcher's would; messages carrying outbox rows are put in the
// store with Store::QueueMessages and their outcomes with RecordDeliveries.
#include "daemon/duband/command_handler.h"

#include <catch2/catch.hpp>

#include "tests/daemon/tracking_test_util.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::Local;
using testing::OutsiderPeer;
using testing::RootPeer;

std::string ErrorCode(const json& reply) { return reply["error"]["code"].get<std::string>(); }
std::string ErrorMessage(const json& reply) { return reply["error"]["message"].get<std::string>(); }

// What the dispatcher's test_message hook does, for two agencies: 省发改委 has an email
// address and no webhook.
Result<Message> TestMessageFor(const std::string& agency, Channel channel, int64_t now) {
  if (agency != "省发改委" && agency != "省发展改革委") {
    return Status::NotFound("no agency \"" + agency + "\"");
  }
  if (channel == Channel::kWebhook) {
    return Status::FailedPrecondition("省发改委 has no webhook configured");
  }
  Message message;
  message.key = "test|email|fgw@example.gov.cn|" + std::to_string(now);
  message.channel = channel;
  message.target = "fgw@example.gov.cn";
  message.recipient_name = "省发改委";
  message.subject = "【测试】督办系统测试消息";
  message.text = "这是一条测试消息。\n";
  message.thread = "agency:省发改委";
  return message;
}

// The daemon started here; the commands run two days later (now_).
const int64_t kStart = Local(2026, 3, 16, 12, 0);

class Fixture {
 public:
  explicit Fixture(bool with_delivery = true) {
    tracking_ = testing::StartTracking(store_.store(), kStart);
    HandlerTracking hooks;
    hooks.model = tracking_.model.get();
    hooks.scheduler = tracking_.scheduler.get();
    HandlerDelivery delivery;
    if (with_delivery) {
      delivery.kick = [this] { ++kicks_; };
      delivery.test_message = TestMessageFor;
    }
    handler_ = std::make_unique<CommandHandler>(store_.store(), HandlerSettings{},
                                                [this] { return now_; }, std::move(hooks),
                                                std::move(delivery));
  }

  json Command(std::string_view cmd, json args = json::object(),
               const PeerCredentials& peer = RootPeer()) {
    json request = {{"v", 1}, {"id", 5}, {"cmd", cmd}, {"args", std::move(args)}};
    std::string reply = handler_->HandleLine(request.dump(), peer);
    INFO(reply);
    return json::parse(reply);
  }
  json Ok(std::string_view cmd, json args = json::object()) {
    json reply = Command(cmd, std::move(args));
    INFO(reply.dump());
    REQUIRE(reply["ok"] == true);
    return reply["result"];
  }

  // Decides the two actions due by 2026-03-18 09:00 (outbox rows: 省发改委's remind-3 on
  // the 17th, 省财政厅's supervise on the 18th) and queues one message per row: to 省发改委
  // by email, to 省财政厅 by webhook. Returns the message ids, in that order.
  std::vector<int64_t> QueuePlannedMessages() {
    REQUIRE(tracking_.scheduler->Wake(kStart).ok());
    REQUIRE(tracking_.scheduler->Wake(Local(2026, 3, 18, 9, 0)).ok());
    std::vector<OutboxRow> rows = store_.Outbox("pending");
    REQUIRE(rows.size() == 2);
    MessagePlan plan;
    for (const OutboxRow& row : rows) {
      Message message;
      const bool email = row.action.agency == "省发改委";
      message.channel = email ? Channel::kEmail : Channel::kWebhook;
      message.target = email ? "fgw@example.gov.cn" : "czt-robot";
      message.key = std::string(ChannelName(message.channel)) + "|" + message.target + "|" +
                    std::to_string(row.action.at) + "|" + std::to_string(row.id);
      message.recipient_name = row.action.agency;
      message.level = row.action.level;
      message.subject = "督办提醒：" + row.action.task_ref;
      message.text = "请按时报送。";
      message.outbox_ids = {row.id};
      plan.messages.push_back(message);
    }
    auto ids = store_.store().QueueMessages(plan, now_);
    REQUIRE(ids.ok());
    REQUIRE(ids->size() == 2);
    outbox_ids_ = {rows[0].id, rows[1].id};
    return *ids;
  }

  void Record(int64_t id, std::string_view state, const std::string& error = "",
              const std::string& response = "") {
    DeliveryRecord record;
    record.message_id = id;
    record.state = std::string(state);
    record.next_attempt_at = now_ + 600;
    record.error = error;
    record.response = response;
    REQUIRE(store_.store().RecordDeliveries({record}, now_).ok());
  }

  int64_t now_ = Local(2026, 3, 18, 9, 30);
  testing::TrackingStore store_;
  testing::Tracking tracking_;
  std::unique_ptr<CommandHandler> handler_;
  int kicks_ = 0;
  std::vector<int64_t> outbox_ids_;
};

TEST_CASE("notify.test queues a test message, kicks delivery, and it can be read back",
          "[delivery-commands]") {
  Fixture f;
  json queued = f.Ok("notify.test", {{"agency", "省发展改革委"}, {"channel", "email"}});
  const int64_t id = queued["id"].get<int64_t>();
  CHECK(id > 0);
  CHECK(queued["message"]["state"] == "queued");
  CHECK(queued["message"]["target"] == "fgw@example.gov.cn");
  CHECK(f.kicks_ == 1);

  json shown = f.Ok("outbox.message", {{"id", id}})["message"];
  CHECK(shown["id"] == id);
  CHECK(shown["state"] == "queued");
  CHECK(shown["channel"] == "email");
  CHECK(shown["recipient_name"] == "省发改委");
  CHECK(shown["text"] == "这是一条测试消息。\n");
  CHECK(shown["outbox_ids"] == json::array());
  CHECK(shown["next_attempt_at"] == f.now_);
  CHECK(shown["next_attempt_at_local"] == "2026-03-18 09:30");  // the daemon's zone
  CHECK(shown["sent_at_local"] == "");

  json listed = f.Ok("outbox.messages");
  REQUIRE(listed["count"] == 1);
  CHECK(listed["messages"][0]["id"] == id);
  CHECK_FALSE(listed["messages"][0].contains("text"));  // the summary carries no body

  json delivery = f.Ok("status")["delivery"];
  CHECK(delivery["running"] == true);
  CHECK(delivery["messages"] == json{{"queued", 1}, {"failed", 0}, {"sent", 0}, {"dead", 0}});
}

TEST_CASE("notify.test errors: arguments before permission, the hook's answers",
          "[delivery-commands]") {
  Fixture f;
  CHECK(ErrorMessage(f.Command("notify.test", {{"agency", "省发改委"}})).find("args.channel") !=
        std::string::npos);
  json sms = f.Command("notify.test", {{"agency", "省发改委"}, {"channel", "sms"}});
  CHECK(ErrorCode(sms) == "invalid_argument");
  CHECK(ErrorMessage(sms).find("\"webhook\"") != std::string::npos);
  CHECK(ErrorMessage(f.Command("notify.test", {{"channel", "email"}})).find("args.agency") !=
        std::string::npos);
  // A malformed request is invalid_argument even from a peer that may not mutate.
  CHECK(ErrorCode(f.Command("notify.test", {{"channel", "fax"}}, OutsiderPeer())) ==
        "invalid_argument");
  CHECK(ErrorCode(f.Command("notify.test", {{"agency", "省发改委"}, {"channel", "email"}},
                            OutsiderPeer())) == "permission_denied");
  CHECK(ErrorCode(f.Command("notify.test", {{"agency", "省水利厅"}, {"channel", "email"}})) ==
        "not_found");
  json no_webhook = f.Command("notify.test", {{"agency", "省发改委"}, {"channel", "webhook"}});
  CHECK(ErrorCode(no_webhook) == "failed_precondition");
  CHECK(ErrorMessage(no_webhook).find("webhook") != std::string::npos);
  CHECK(f.kicks_ == 0);
  CHECK(f.Ok("outbox.messages")["count"] == 0);
}

TEST_CASE("outbox.messages lists newest first and filters by state, target and action",
          "[delivery-commands]") {
  Fixture f;
  std::vector<int64_t> ids = f.QueuePlannedMessages();
  f.Record(ids[0], kMessageSent, "", "250 2.0.0 OK");
  f.Record(ids[1], kMessageFailed, "connection refused");

  json all = f.Ok("outbox.messages");
  REQUIRE(all["count"] == 2);
  CHECK(all["messages"][0]["id"] == std::max(ids[0], ids[1]));
  CHECK(all["messages"][0]["outbox_count"] == 1);

  json sent = f.Ok("outbox.messages", {{"state", "sent"}})["messages"];
  REQUIRE(sent.size() == 1);
  CHECK(sent[0]["id"] == ids[0]);
  CHECK(sent[0]["attempts"] == 1);
  CHECK(sent[0]["sent_at"] == f.now_);
  json failed = f.Ok("outbox.messages", {{"state", "failed"}})["messages"];
  REQUIRE(failed.size() == 1);
  CHECK(failed[0]["last_error"] == "connection refused");
  CHECK(failed[0]["next_attempt_at_local"] == "2026-03-18 09:40");

  CHECK(f.Ok("outbox.messages", {{"target", "czt-robot"}})["messages"][0]["id"] == ids[1]);
  json by_action = f.Ok("outbox.messages", {{"outbox_id", f.outbox_ids_[0]}})["messages"];
  REQUIRE(by_action.size() == 1);
  CHECK(by_action[0]["outbox_ids"] == json{f.outbox_ids_[0]});
  CHECK(f.Ok("outbox.messages", {{"limit", 1}})["count"] == 1);

  json shown = f.Ok("outbox.message", {{"id", ids[0]}})["message"];
  CHECK(shown["last_response"] == "250 2.0.0 OK");
  CHECK(shown["subject"].get<std::string>().find("督办提醒") == 0);

  SECTION("argument errors") {
    json bad_state = f.Command("outbox.messages", {{"state", "pending"}});
    CHECK(ErrorCode(bad_state) == "invalid_argument");
    for (const char* state : {"queued", "failed", "sent", "dead"}) {
      CHECK(ErrorMessage(bad_state).find("\"" + std::string(state) + "\"") != std::string::npos);
    }
    CHECK(ErrorMessage(f.Command("outbox.messages", {{"limit", 0}})).find("args.limit") !=
          std::string::npos);
    CHECK(ErrorMessage(f.Command("outbox.messages", {{"outbox_id", "3"}}))
              .find("args.outbox_id") != std::string::npos);
    CHECK(ErrorMessage(f.Command("outbox.messages", {{"agency", "省发改委"}}))
              .find("args.agency") != std::string::npos);
  }
}

TEST_CASE("outbox.message errors", "[delivery-commands]") {
  Fixture f;
  CHECK(ErrorMessage(f.Command("outbox.message")).find("args.id") != std::string::npos);
  CHECK(ErrorCode(f.Command("outbox.message", {{"id", "7"}})) == "invalid_argument");
  CHECK(ErrorCode(f.Command("outbox.message", {{"id", 0}})) == "invalid_argument");
  CHECK(ErrorCode(f.Command("outbox.message", {{"id", 4711}})) == "not_found");
}

TEST_CASE("outbox.retry revives failed and dead messages and kicks delivery",
          "[delivery-commands]") {
  Fixture f;
  std::vector<int64_t> ids = f.QueuePlannedMessages();
  f.Record(ids[0], kMessageDead, "550 5.1.1 no such user");
  f.Record(ids[1], kMessageFailed, "timeout");
  CHECK(f.Ok("status")["delivery"]["outbox"] == json{{"pending", 0}, {"failed", 1}, {"dead", 1}});

  SECTION("by id") {
    json retried = f.Ok("outbox.retry", {{"ids", {ids[0], ids[0]}}});
    CHECK(retried["retried"] == json{ids[0]});
    CHECK(retried["count"] == 1);
    CHECK(f.kicks_ == 1);
    json shown = f.Ok("outbox.message", {{"id", ids[0]}})["message"];
    CHECK(shown["state"] == "queued");
    CHECK(shown["attempts"] == 0);
    CHECK(shown["next_attempt_at"] == f.now_);
    CHECK(f.store_.Outbox("queued").size() == 1);
  }
  SECTION("all failed: the dead one too") {
    json retried = f.Ok("outbox.retry", {{"all_failed", true}});
    CHECK(retried["count"] == 2);
    CHECK(f.kicks_ == 1);
    CHECK(f.Ok("outbox.messages", {{"state", "queued"}})["count"] == 2);
    // Nothing left to retry: an empty answer, and no kick.
    CHECK(f.Ok("outbox.retry", {{"all_failed", true}})["retried"] == json::array());
    CHECK(f.kicks_ == 1);
  }
  SECTION("a sent message, an unknown one") {
    f.Record(ids[1], kMessageSent, "", "HTTP 200");
    json sent = f.Command("outbox.retry", {{"ids", {ids[1]}}});
    CHECK(ErrorCode(sent) == "failed_precondition");
    CHECK(ErrorCode(f.Command("outbox.retry", {{"ids", {4711}}})) == "not_found");
    CHECK(f.Ok("outbox.message", {{"id", ids[0]}})["message"]["state"] == "dead");
    CHECK(f.kicks_ == 0);
  }
  SECTION("argument errors, before permission") {
    for (const json& args : {json::object(), json{{"ids", json::array()}},
                             json{{"all_failed", false}},
                             json{{"ids", {ids[0]}}, {"all_failed", true}},
                             json{{"ids", {"1"}}}, json{{"ids", {-2}}}, json{{"ids", 3}}}) {
      INFO(args.dump());
      CHECK(ErrorCode(f.Command("outbox.retry", args, OutsiderPeer())) == "invalid_argument");
    }
    CHECK(ErrorCode(f.Command("outbox.retry", {{"all_failed", true}}, OutsiderPeer())) ==
          "permission_denied");
    CHECK(f.Ok("outbox.message", {{"id", ids[0]}})["message"]["state"] == "dead");
    CHECK(f.kicks_ == 0);
  }
}

TEST_CASE("without delivery, retry and notify.test fail and change nothing",
          "[delivery-commands]") {
  Fixture f(/*with_delivery=*/false);
  std::vector<int64_t> ids = f.QueuePlannedMessages();
  f.Record(ids[0], kMessageDead, "550");
  json retry = f.Command("outbox.retry", {{"all_failed", true}});
  CHECK(ErrorCode(retry) == "failed_precondition");
  CHECK(ErrorMessage(retry).find("delivery is not running") != std::string::npos);
  CHECK(ErrorCode(f.Command("notify.test", {{"agency", "省发改委"}, {"channel", "email"}})) ==
        "failed_precondition");
  CHECK(f.Ok("outbox.message", {{"id", ids[0]}})["message"]["state"] == "dead");
  CHECK(f.Ok("outbox.messages")["count"] == 2);
  json delivery = f.Ok("status")["delivery"];
  CHECK(delivery["running"] == false);
  CHECK(delivery["messages"]["dead"] == 1);
  CHECK(delivery["messages"]["queued"] == 1);
}

}  // namespace
}  // namespace duban
