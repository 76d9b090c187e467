// WebhookTransport against a real HTTP(S) receiver on loopback (tests/servers/
// http_receiver.py), which verifies each robot's signature itself, in Python.
#include "notifiers/webhook_transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "notifiers/curl_global.h"
#include "notifiers/webhook_request.h"
#include "tests/notifiers/webhook_test_util.h"

namespace duban {
namespace {

using nlohmann::json;
using webhook_test::HttpReceiver;
using webhook_test::Run;
using webhook_test::ScratchDir;

constexpr int64_t kNowMs = 1710000000123;
const std::string kStandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

WebhookConfig Target(std::string kind, std::string url, std::string secret = "") {
  WebhookConfig target;
  target.name = kind + "-office";
  target.kind = std::move(kind);
  target.url = std::move(url);
  target.secret.value = std::move(secret);
  target.timeout_seconds = 10;
  return target;
}

Message Notice(int n, std::string text = "**催办**：请报送第22项任务进展") {
  Message message;
  message.id = n;
  message.key = "webhook|office|1709950000|" + std::to_string(n);
  message.channel = Channel::kWebhook;
  message.target = "office";
  message.recipient_name = "省发改委";
  message.level = Level::kUrge;
  message.subject = "【催办】重点工作任务";
  message.text = std::move(text);
  message.data_json = R"([{"task":"22"}])";
  message.created_at = 1709950000;
  return message;
}

// A port on 127.0.0.1 where nothing listens (bound, then released).
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// Verifies a recorded Standard Webhooks request in Python (hmac), not with our signer.
bool PythonVerifiesStandard(const json& request, const std::string& secret) {
  const std::string verdict = Run(
      {DUBAN_PYTHON3, "-c",
       "import base64, hashlib, hmac, json, sys\n"
       "request, secret = json.loads(sys.argv[1]), sys.argv[2]\n"
       "h = request['headers']\n"
       "key = base64.b64decode(secret[len('whsec_'):])\n"
       "signed = f\"{h['webhook-id']}.{h['webhook-timestamp']}.{request['body']}\".encode()\n"
       "expected = 'v1,' + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()\n"
       "print('ok' if expected in h['webhook-signature'].split() else 'bad')\n",
       request.dump(), secret});
  return verdict == "ok";
}

TEST_CASE("Standard webhook: signed requests verify in Python, one connection, same id on resend") {
  const CurlGlobal curl;
  ScratchDir dir;
  HttpReceiver receiver(dir, {"--standard", "--secret", kStandardSecret});
  WebhookTransport transport(Target("standard", receiver.Url(), kStandardSecret));

  const std::vector<DeliveryOutcome> outcomes = transport.Send({Notice(1), Notice(2)}, kNowMs);
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].kind == OutcomeKind::kSent);
  CHECK(outcomes[1].kind == OutcomeKind::kSent);
  CHECK(outcomes[0].response == "HTTP 200");

  // The resend of message 1 (after a crash) carries the same webhook-id.
  REQUIRE(transport.Send({Notice(1)}, kNowMs + 5000)[0].kind == OutcomeKind::kSent);

  const std::vector<json> requests = receiver.Requests();
  REQUIRE(requests.size() == 3);
  for (const json& request : requests) {
    CHECK(request["verified"] == true);
    CHECK(request["method"] == "POST");
    CHECK(request["headers"]["content-type"] == "application/json; charset=utf-8");
    CHECK(PythonVerifiesStandard(request, kStandardSecret));
  }
  CHECK_FALSE(PythonVerifiesStandard(requests[0], "whsec_AAEC/w=="));
  CHECK(requests[0]["headers"]["webhook-id"] == WebhookIdFor(Notice(1).key));
  CHECK(requests[2]["headers"]["webhook-id"] == requests[0]["headers"]["webhook-id"]);
  CHECK(requests[1]["headers"]["webhook-id"] != requests[0]["headers"]["webhook-id"]);
  CHECK(requests[0]["headers"]["webhook-timestamp"] == "1710000000");
  CHECK(requests[2]["headers"]["webhook-timestamp"] == "1710000005");
  CHECK(json::parse(std::string(requests[1]["body"]))["recipient"] == "省发改委");
  // Keep-alive: all three requests came over one connection.
  CHECK(requests[1]["client"] == requests[0]["client"]);
  CHECK(requests[2]["client"] == requests[0]["client"]);
}

TEST_CASE("Standard webhook: a receiver with another secret answers 401, permanent") {
  const CurlGlobal curl;
  ScratchDir dir;
  HttpReceiver receiver(dir, {"--standard", "--secret", "whsec_AAEC/w=="});
  WebhookTransport transport(Target("standard", receiver.Url(), kStandardSecret));
  const DeliveryOutcome outcome = transport.Send({Notice(1)}, kNowMs)[0];
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcome.error, Catch::Contains("401"));
  CHECK(receiver.Requests().at(0)["verified"] == false);
}

TEST_CASE("DingTalk robot: the receiver verifies timestamp and sign, errcode 0 is sent") {
  const CurlGlobal curl;
  ScratchDir dir;
  const std::string secret = "SEC0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  HttpReceiver receiver(dir, {"--dingtalk", "--secret", secret});
  WebhookTransport transport(
      Target("dingtalk", receiver.Url("http", "/robot/send?access_token=tok123456"), secret));
  const std::vector<DeliveryOutcome> outcomes = transport.Send({Notice(1), Notice(2)}, kNowMs);
  CHECK(outcomes[0].kind == OutcomeKind::kSent);
  CHECK(outcomes[1].kind == OutcomeKind::kSent);
  CHECK_THAT(outcomes[0].response, Catch::Contains("\"errcode\": 0"));
  const std::vector<json> requests = receiver.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["verified"] == true);
  CHECK(requests[0]["query"]["access_token"] == "tok123456");
  CHECK(requests[0]["query"]["timestamp"] == std::to_string(kNowMs));
  const json body = json::parse(std::string(requests[0]["body"]));
  CHECK(body["msgtype"] == "markdown");
  CHECK(body["markdown"]["text"] == Notice(1).text);
}

TEST_CASE("DingTalk robot: a wrong secret is errcode 310000, permanent") {
  const CurlGlobal curl;
  ScratchDir dir;
  HttpReceiver receiver(dir, {"--dingtalk", "--secret", "SECright"});
  WebhookTransport transport(
      Target("dingtalk", receiver.Url("http", "/robot/send?access_token=tok123456"), "SECwrong"));
  const DeliveryOutcome outcome = transport.Send({Notice(1)}, kNowMs)[0];
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcome.error, Catch::Contains("310000"));
  CHECK(receiver.Requests().at(0)["verified"] == false);
}

TEST_CASE("DingTalk robot: errcode 130101 (too fast) is retryable") {
  const CurlGlobal curl;
  ScratchDir dir;
  HttpReceiver receiver(dir, {"--body", R"({"errcode":130101,"errmsg":"send too fast"})"});
  WebhookTransport transport(Target("dingtalk", receiver.Url(), "SECx"));
  const DeliveryOutcome outcome = transport.Send({Notice(1)}, kNowMs)[0];
  CHECK(outcome.kind == OutcomeKind::kRetryable);
  CHECK_THAT(outcome.error, Catch::Contains("130101"));
}

TEST_CASE("WeCom robot: key in the URL, long Chinese text cut to 2048 bytes with the marker") {
  const CurlGlobal curl;
  ScratchDir dir;
  const std::string key = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";
  HttpReceiver receiver(dir, {"--wecom", "--secret", key});
  WebhookConfig target = Target("wecom", receiver.Url("http", "/cgi-bin/webhook/send"), key);
  target.format = "text";  // the receiver holds text to 2048 bytes, as WeCom does
  WebhookTransport transport(target);
  std::string long_text = "省发改委：";
  while (long_text.size() < 7000) long_text += "请于本周五前报送第22项重点工作的办理进展，";
  const std::vector<DeliveryOutcome> outcomes =
      transport.Send({Notice(1, long_text), Notice(2)}, kNowMs);
  CHECK(outcomes[0].kind == OutcomeKind::kSent);
  CHECK(outcomes[1].kind == OutcomeKind::kSent);
  const std::vector<json> requests = receiver.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["verified"] == true);
  CHECK(requests[0]["utf8"] == true);  // Python decoded it strictly: no broken character
  const std::string content = json::parse(std::string(requests[0]["body"]))["text"]["content"];
  CHECK(content.size() <= 2048);
  CHECK(content.size() > 2000);
  CHECK(content.substr(content.size() - kTruncationMarker.size()) == kTruncationMarker);
  CHECK(long_text.compare(0, content.size() - kTruncationMarker.size(), content, 0,
                          content.size() - kTruncationMarker.size()) == 0);
}

TEST_CASE("WeCom robot: a wrong key is errcode 93000, permanent, and the key is not shown") {
  const CurlGlobal curl;
  ScratchDir dir;
  HttpReceiver receiver(dir, {"--wecom", "--secret", "the-right-key"});
  WebhookTransport transport(Target("wecom", receiver.Url(), "the-wrong-key-123"));
  const DeliveryOutcome outcome = transport.Send({Notice(1)}, kNowMs)[0];
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcome.error, Catch::Contains("93000"));
}

TEST_CASE("Feishu bot: the receiver verifies the body's timestamp and sign, text and card") {
  const CurlGlobal curl;
  ScratchDir dir;
  const std::string secret = "qnCqTSPmGmYdL8v0aQYVcc";
  HttpReceiver receiver(dir, {"--feishu", "--secret", secret});
  WebhookConfig target = Target("feishu", receiver.Url("http", "/open-apis/bot/v2/hook/u1"), secret);
  WebhookTransport card_transport(target);
  target.format = "text";
  WebhookTransport text_transport(target);
  CHECK(card_transport.Send({Notice(1)}, kNowMs)[0].kind == OutcomeKind::kSent);
  CHECK(text_transport.Send({Notice(2)}, kNowMs)[0].kind == OutcomeKind::kSent);
  const std::vector<json> requests = receiver.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["verified"] == true);
  CHECK(requests[1]["verified"] == true);
  CHECK(json::parse(std::string(requests[0]["body"]))["msg_type"] == "interactive");
  CHECK(json::parse(std::string(requests[1]["body"]))["msg_type"] == "text");

  HttpReceiver strict(dir, {"--feishu", "--secret", "another"});
  target.url = strict.Url();
  WebhookTransport wrong(target);
  const DeliveryOutcome outcome = wrong.Send({Notice(3)}, kNowMs)[0];
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcome.error, Catch::Contains("19021"));
}

TEST_CASE("HTTP statuses classify: 503 and 429 retryable, 400 permanent") {
  const CurlGlobal curl;
  ScratchDir dir;
  struct Case {
    std::string status;
    OutcomeKind kind;
  };
  for (const Case& c : {Case{"503", OutcomeKind::kRetryable}, Case{"429", OutcomeKind::kRetryable},
                        Case{"400", OutcomeKind::kPermanent}, Case{"204", OutcomeKind::kSent}}) {
    CAPTURE(c.status);
    HttpReceiver receiver(dir, {"--status", c.status});
    WebhookTransport transport(Target("standard", receiver.Url(), kStandardSecret));
    const DeliveryOutcome outcome = transport.Send({Notice(1)}, kNowMs)[0];
    CHECK(outcome.kind == c.kind);
    CHECK_THAT(outcome.response, Catch::StartsWith("HTTP " + c.status));
  }
}

TEST_CASE("A receiver failing its first request: retryable, then sent on the same transport") {
  const CurlGlobal curl;
  ScratchDir dir;
  HttpReceiver receiver(dir, {"--fail-first", "1"});
  WebhookTransport transport(Target("standard", receiver.Url(), kStandardSecret));
  const std::vector<DeliveryOutcome> outcomes = transport.Send({Notice(1), Notice(1)}, kNowMs);
  CHECK(outcomes[0].kind == OutcomeKind::kRetryable);
  CHECK(outcomes[1].kind == OutcomeKind::kSent);
  CHECK(receiver.Requests().size() == 2);
}

TEST_CASE("A 429 with Retry-After carries the delay, in seconds or as a date, and only once") {
  const CurlGlobal curl;
  ScratchDir dir;
  {
    HttpReceiver receiver(dir, {"--fail-first", "1", "--fail-status", "429", "--retry-after",
                                "120"});
    WebhookTransport transport(Target("standard", receiver.Url(), kStandardSecret));
    const std::vector<DeliveryOutcome> outcomes = transport.Send({Notice(1), Notice(2)}, kNowMs);
    CHECK(outcomes[0].kind == OutcomeKind::kRetryable);
    CHECK(outcomes[0].retry_after_seconds == 120);
    // The next reply on the same connection has no Retry-After: nothing left over.
    CHECK(outcomes[1].kind == OutcomeKind::kSent);
    CHECK(outcomes[1].retry_after_seconds == 0);
  }
  {
    HttpReceiver receiver(dir, {"--fail-first", "1", "--fail-status", "503", "--retry-after",
                                "Fri, 01 Jan 2100 00:00:00 GMT"});
    WebhookTransport transport(Target("standard", receiver.Url(), kStandardSecret));
    const DeliveryOutcome outcome = transport.Send({Notice(1)}, kNowMs)[0];
    CHECK(outcome.kind == OutcomeKind::kRetryable);
    CHECK(outcome.retry_after_seconds > int64_t{60} * 60 * 24 * 365 * 50);  // decades away
  }
  {
    HttpReceiver receiver(dir, {"--status", "503"});
    WebhookTransport transport(Target("standard", receiver.Url(), kStandardSecret));
    CHECK(transport.Send({Notice(1)}, kNowMs)[0].retry_after_seconds == 0);
  }
}

TEST_CASE("Connection refused is retryable, the rest of the batch is not tried, no token shown") {
  const CurlGlobal curl;
  const std::string url = "http://127.0.0.1:" + std::to_string(ClosedPort()) +
                          "/robot/send?access_token=secret-token-777";
  WebhookTransport transport(Target("dingtalk", url, "SECsigning-secret"));
  const std::vector<DeliveryOutcome> outcomes =
      transport.Send({Notice(1), Notice(2), Notice(3)}, kNowMs);
  REQUIRE(outcomes.size() == 3);
  for (const DeliveryOutcome& outcome : outcomes) {
    CHECK(outcome.kind == OutcomeKind::kRetryable);
    CHECK_THAT(outcome.error, !Catch::Contains("secret-token-777"));
    CHECK_THAT(outcome.error, !Catch::Contains("SECsigning-secret"));
  }
  CHECK_THAT(outcomes[2].error, Catch::StartsWith("not tried after"));
}

TEST_CASE("The secret and the URL's query never appear in an outcome, even if echoed") {
  const CurlGlobal curl;
  ScratchDir dir;
  HttpReceiver receiver(dir, {"--status", "400", "--body",
                              "bad request for key=wecom-key-4242 token=tok-987654"});
  WebhookTransport transport(
      Target("wecom", receiver.Url("http", "/send?token=tok-987654"), "wecom-key-4242"));
  const DeliveryOutcome outcome = transport.Send({Notice(1)}, kNowMs)[0];
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcome.error + outcome.response, Catch::Contains("bad request"));
  CHECK_THAT(outcome.error + outcome.response, !Catch::Contains("wecom-key-4242"));
  CHECK_THAT(outcome.error + outcome.response, !Catch::Contains("tok-987654"));
}

TEST_CASE("HTTPS: verified with the target's ca_file, refused without it") {
  const CurlGlobal curl;
  ScratchDir dir;
  const std::string cert = dir.File("cert.pem");
  const std::string key = dir.File("key.pem");
  Run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
       "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
       "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
  HttpReceiver receiver(dir, {"--standard", "--secret", kStandardSecret, "--tls-cert", cert,
                              "--tls-key", key});

  WebhookConfig target = Target("standard", receiver.Url("https"), kStandardSecret);
  target.ca_file = cert;
  WebhookTransport trusted(target);
  const std::vector<DeliveryOutcome> sent = trusted.Send({Notice(1), Notice(2)}, kNowMs);
  CHECK(sent[0].kind == OutcomeKind::kSent);
  CHECK(sent[1].kind == OutcomeKind::kSent);

  target.ca_file.clear();  // the system store does not know our self-signed certificate
  WebhookTransport untrusted(target);
  const DeliveryOutcome refused = untrusted.Send({Notice(3)}, kNowMs)[0];
  CHECK(refused.kind == OutcomeKind::kPermanent);
  CHECK_THAT(refused.error, Catch::Contains("certificate") || Catch::Contains("SSL"));

  const std::vector<json> requests = receiver.Requests();
  REQUIRE(requests.size() == 2);  // the refused one never got past the handshake
  CHECK(requests[0]["verified"] == true);
  CHECK(requests[1]["client"] == requests[0]["client"]);
}

TEST_CASE("http:// only to loopback: other hosts and schemes are refused, naming the target") {
  const CurlGlobal curl;
  CHECK(CheckWebhookUrl("t", "https://oapi.dingtalk.com/robot/send?access_token=x").ok());
  CHECK(CheckWebhookUrl("t", "http://127.0.0.1:8080/hook").ok());
  CHECK(CheckWebhookUrl("t", "http://127.1.2.3/hook").ok());
  CHECK(CheckWebhookUrl("t", "http://localhost:9/hook").ok());
  CHECK(CheckWebhookUrl("t", "http://[::1]:9/hook").ok());
  CHECK_FALSE(CheckWebhookUrl("t", "http://127.0.0.1.example.com/hook").ok());
  CHECK_FALSE(CheckWebhookUrl("t", "http://10.0.0.1/hook").ok());
  CHECK_FALSE(CheckWebhookUrl("t", "ftp://127.0.0.1/hook").ok());
  CHECK_FALSE(CheckWebhookUrl("t", "not a url").ok());

  WebhookTransport transport(
      Target("dingtalk", "http://oapi.dingtalk.com/robot/send?access_token=leaky123", "SECx"));
  const std::vector<DeliveryOutcome> outcomes = transport.Send({Notice(1), Notice(2)}, kNowMs);
  REQUIRE(outcomes.size() == 2);
  for (const DeliveryOutcome& outcome : outcomes) {
    CHECK(outcome.kind == OutcomeKind::kPermanent);
    CHECK_THAT(outcome.error, Catch::Contains("dingtalk-office"));
    CHECK_THAT(outcome.error, Catch::Contains("loopback"));
    CHECK_THAT(outcome.error, !Catch::Contains("leaky123"));
  }
}

TEST_CASE("A message that cannot be built is permanent, the others in the batch still go") {
  const CurlGlobal curl;
  ScratchDir dir;
  HttpReceiver receiver(dir, {});
  WebhookTransport transport(Target("standard", receiver.Url(), kStandardSecret));
  Message broken = Notice(2);
  broken.data_json = "{oops";
  const std::vector<DeliveryOutcome> outcomes =
      transport.Send({Notice(1), broken, Notice(3)}, kNowMs);
  CHECK(outcomes[0].kind == OutcomeKind::kSent);
  CHECK(outcomes[1].kind == OutcomeKind::kPermanent);
  CHECK(outcomes[2].kind == OutcomeKind::kSent);
  CHECK(receiver.Requests().size() == 2);
}

}  // namespace
}  // namespace duban
