// Building webhook requests per kind: bodies, headers, URL queries, ids, truncation.
#include "notifiers/webhook_request.h"

#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "notifiers/webhook_signing.h"
#include "tests/notifiers/webhook_test_util.h"

namespace duban {
namespace {

using nlohmann::json;

constexpr int64_t kNowMs = 1710000000123;  // 2024-03-09T16:00:00.123Z

WebhookConfig Target(std::string kind, std::string url, std::string secret = "") {
  WebhookConfig target;
  target.name = kind + "-office";
  target.kind = std::move(kind);
  target.url = std::move(url);
  target.secret.value = std::move(secret);
  return target;
}

Message Notice(std::string text = "**催办**：请报送第22项任务进展") {
  Message message;
  message.key = "webhook|office|1709950000|17";
  message.channel = Channel::kWebhook;
  message.target = "office";
  message.recipient_name = "省发改委";
  message.level = Level::kUrge;
  message.subject = "【催办】重点工作任务";
  message.text = std::move(text);
  message.data_json = R"([{"task":"22","title":"积极开展试点","due":"2024-03-08"}])";
  message.created_at = 1709950000;  // 2024-03-09T02:06:40Z
  return message;
}

bool IsValidUtf8(const std::string& text) {
  // nlohmann's strict dump throws on anything that is not UTF-8.
  try {
    (void)json(text).dump();
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

std::string HeaderValue(const WebhookRequest& request, const std::string& name) {
  for (const std::string& header : request.headers) {
    if (header.rfind(name + ": ", 0) == 0) return header.substr(name.size() + 2);
  }
  return "";
}

TEST_CASE("WebhookIdFor is msg_ and the first 32 hex digits of SHA-256 of the key") {
  webhook_test::ScratchDir dir;
  const std::string key = "webhook|office|1709950000|17";
  const std::string digest = webhook_test::Run(
      {DUBAN_PYTHON3, "-c", "import hashlib, sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())",
       key});
  CHECK(WebhookIdFor(key) == "msg_" + digest.substr(0, 32));
  CHECK(WebhookIdFor(key) == WebhookIdFor(std::string(key)));
  CHECK(WebhookIdFor(key) != WebhookIdFor("webhook|office|1709950000|18"));
}

TEST_CASE("TruncateUtf8 keeps short text and cuts long Chinese text on a character boundary") {
  CHECK(TruncateUtf8("短文本", 2048) == "短文本");
  std::string chinese;
  while (chinese.size() < 5000) chinese += "督办事项进展";  // 3-byte characters
  for (std::size_t limit : {std::size_t{2048}, std::size_t{2047}, std::size_t{2046}, std::size_t{100}}) {
    const std::string cut = TruncateUtf8(chinese, limit);
    CAPTURE(limit);
    CHECK(cut.size() <= limit);
    CHECK(cut.size() > limit - 3 - 1);  // no more than one character short
    CHECK(IsValidUtf8(cut));
    CHECK(cut.substr(cut.size() - kTruncationMarker.size()) == kTruncationMarker);
    CHECK(chinese.compare(0, cut.size() - kTruncationMarker.size(), cut, 0,
                          cut.size() - kTruncationMarker.size()) == 0);
  }
  // Exactly at the limit: untouched.
  CHECK(TruncateUtf8(chinese.substr(0, 2046), 2046) == chinese.substr(0, 2046));
}

TEST_CASE("Standard request: signed headers and the notice body") {
  const WebhookConfig target =
      Target("standard", "https://hooks.example.cn/duban", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  Result<WebhookRequest> request = BuildWebhookRequest(target, Notice(), kNowMs);
  REQUIRE(request.ok());
  CHECK(request->url == target.url);
  const std::string id = WebhookIdFor(Notice().key);
  CHECK(HeaderValue(*request, "webhook-id") == id);
  CHECK(HeaderValue(*request, "webhook-timestamp") == "1710000000");
  CHECK(HeaderValue(*request, "webhook-signature") ==
        *SignStandardWebhook(target.secret.value, id, 1710000000, request->body));

  const json body = json::parse(request->body);
  CHECK(body["type"] == "duban.notice");
  CHECK(body["id"] == id);
  CHECK(body["timestamp"] == "2024-03-09T02:06:40Z");  // the notice's time, not the attempt's
  CHECK(body["level"] == "urge");
  CHECK(body["level_zh"] == "催办");
  CHECK(body["recipient"] == "省发改委");
  CHECK(body["subject"] == "【催办】重点工作任务");
  CHECK(body["text"] == Notice().text);
  CHECK(body["items"] == json::parse(Notice().data_json));
  // UTF-8 as is, not \u escapes.
  CHECK(request->body.find("省发改委") != std::string::npos);

  // A resend a minute later: same id and body, new timestamp and signature.
  Result<WebhookRequest> resend = BuildWebhookRequest(target, Notice(), kNowMs + 60000);
  REQUIRE(resend.ok());
  CHECK(resend->body == request->body);
  CHECK(HeaderValue(*resend, "webhook-id") == id);
  CHECK(HeaderValue(*resend, "webhook-signature") != HeaderValue(*request, "webhook-signature"));
}

TEST_CASE("Standard request: empty data_json gives [], bad data_json and bad secrets are errors") {
  WebhookConfig target = Target("standard", "https://h.example.cn/", "whsec_AAEC/w==");
  Message message = Notice();
  message.data_json = "";
  Result<WebhookRequest> empty = BuildWebhookRequest(target, message, kNowMs);
  REQUIRE(empty.ok());
  CHECK(json::parse(empty->body)["items"] == json::array());

  message.data_json = "{not json";
  CHECK_FALSE(BuildWebhookRequest(target, message, kNowMs).ok());

  target.secret.value = "plain-secret-without-prefix";
  Result<WebhookRequest> unsigned_request = BuildWebhookRequest(target, Notice(), kNowMs);
  REQUIRE_FALSE(unsigned_request.ok());
  CHECK_THAT(unsigned_request.status().message(), Catch::Contains("standard-office"));
  CHECK_THAT(unsigned_request.status().message(), Catch::Contains("whsec_"));
  CHECK_THAT(unsigned_request.status().message(), !Catch::Contains("plain-secret"));

  target.secret.value = "";
  CHECK_FALSE(BuildWebhookRequest(target, Notice(), kNowMs).ok());
}

TEST_CASE("DingTalk request: markdown or text body, timestamp and sign in the URL") {
  WebhookConfig target =
      Target("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc123", "SECxyz");
  Result<WebhookRequest> request = BuildWebhookRequest(target, Notice(), kNowMs);
  REQUIRE(request.ok());
  CHECK(request->url == "https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=" +
                            std::to_string(kNowMs) + "&sign=" + SignDingTalk("SECxyz", kNowMs));
  CHECK(request->headers.empty());
  json body = json::parse(request->body);
  CHECK(body == json{{"msgtype", "markdown"},
                     {"markdown", {{"title", "【催办】重点工作任务"}, {"text", Notice().text}}}});

  target.format = "text";
  target.secret.value = "";  // a robot secured by keyword or IP only: no sign
  request = BuildWebhookRequest(target, Notice(), kNowMs);
  REQUIRE(request.ok());
  CHECK(request->url == target.url);
  body = json::parse(request->body);
  CHECK(body == json{{"msgtype", "text"}, {"text", {{"content", Notice().text}}}});

  // The subject never reaches the URL, whatever it contains.
  Message odd = Notice();
  odd.subject = "a&sign=forged?x=1\r\nX-Evil: 1";
  target.format = "markdown";
  target.secret.value = "SECxyz";
  request = BuildWebhookRequest(target, odd, kNowMs);
  REQUIRE(request.ok());
  CHECK(request->url.find("forged") == std::string::npos);
  CHECK(request->headers.empty());
}

TEST_CASE("WeCom request: key from the secret unless the URL has one, content cut at 2048 bytes") {
  WebhookConfig target = Target("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
                                "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa");
  Result<WebhookRequest> request = BuildWebhookRequest(target, Notice(), kNowMs);
  REQUIRE(request.ok());
  CHECK(request->url == target.url + "?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa");
  CHECK(json::parse(request->body) ==
        json{{"msgtype", "markdown"}, {"markdown", {{"content", Notice().text}}}});

  target.url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=from-url";
  request = BuildWebhookRequest(target, Notice(), kNowMs);
  REQUIRE(request.ok());
  CHECK(request->url == target.url);

  target.url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?monkey=1";
  target.secret.value = "";
  CHECK_FALSE(BuildWebhookRequest(target, Notice(), kNowMs).ok());  // "monkey" is not "key"

  target.url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?debug=1";
  target.secret.value = "k1";
  target.format = "text";
  std::string long_text;
  while (long_text.size() < 6000) long_text += "省发改委请于本周内报送进展。";
  request = BuildWebhookRequest(target, Notice(long_text), kNowMs);
  REQUIRE(request.ok());
  CHECK(request->url == target.url + "&key=k1");
  const json body = json::parse(request->body);
  CHECK(body["msgtype"] == "text");
  const std::string content = body["text"]["content"];
  CHECK(content.size() <= kWeComContentLimit);
  CHECK(content.size() > kWeComContentLimit - 3);
  CHECK(IsValidUtf8(content));
  CHECK(content.substr(content.size() - kTruncationMarker.size()) == kTruncationMarker);
}

TEST_CASE("Feishu request: text or a markdown card, timestamp and sign in the body") {
  WebhookConfig target =
      Target("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/uuid", "fsecret");
  target.format = "text";
  Result<WebhookRequest> request = BuildWebhookRequest(target, Notice(), kNowMs);
  REQUIRE(request.ok());
  CHECK(request->url == target.url);
  json body = json::parse(request->body);
  CHECK(body["msg_type"] == "text");
  CHECK(body["content"]["text"] == Notice().text);
  CHECK(body["timestamp"] == "1710000000");
  CHECK(body["sign"] == SignFeishu("fsecret", 1710000000));

  target.format = "markdown";
  target.secret.value = "";
  request = BuildWebhookRequest(target, Notice(), kNowMs);
  REQUIRE(request.ok());
  body = json::parse(request->body);
  CHECK(body["msg_type"] == "interactive");
  CHECK(body["card"]["header"]["title"]["content"] == "【催办】重点工作任务");
  CHECK(body["card"]["elements"][0]["tag"] == "markdown");
  CHECK(body["card"]["elements"][0]["content"] == Notice().text);
  CHECK_FALSE(body.contains("sign"));
  CHECK_FALSE(body.contains("timestamp"));
}

TEST_CASE("Unknown kinds are errors and RedactUrl drops the query") {
  CHECK_FALSE(BuildWebhookRequest(Target("slack", "https://x.example/"), Notice(), kNowMs).ok());
  CHECK(RedactUrl("https://oapi.dingtalk.com/robot/send?access_token=abc") ==
        "https://oapi.dingtalk.com/robot/send?…");
  CHECK(RedactUrl("https://h.example.cn/hook") == "https://h.example.cn/hook");
  CHECK(RedactUrl("https://h.example.cn/hook#frag") == "https://h.example.cn/hook?…");
}

}  // namespace
}  // namespace duban
