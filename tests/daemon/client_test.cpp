#include "daemon/dubanctl/client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>

#include <catch2/catch.hpp>

#include "daemon/protocol.h"
#include "tests/daemon/fake_daemon.h"

namespace duban::ctl {
namespace {

using namespace std::chrono_literals;
using Kind = CallOutcome::Kind;

int64_t IdOf(const std::string& request_line) {
  auto parsed = protocol::ParseRequest(request_line);
  REQUIRE(std::holds_alternative<protocol::Request>(parsed));
  return std::get<protocol::Request>(parsed).id;
}

TEST_CASE("ResolveSocketPath: flag, then environment, then default", "[client]") {
  CHECK(ResolveSocketPath("/a.sock", "/b.sock") == "/a.sock");
  CHECK(ResolveSocketPath("", "/b.sock") == "/b.sock");
  CHECK(ResolveSocketPath("", "") == std::string(protocol::kDefaultSocketPath));
  CHECK(ResolveSocketPath("", nullptr) == std::string(protocol::kDefaultSocketPath));
}

TEST_CASE("ExitCodeFor: the codes of docs/PROTOCOL.md", "[client]") {
  CHECK(ExitCodeFor(Kind::kOk) == 0);
  CHECK(ExitCodeFor(Kind::kDaemonError) == 1);
  CHECK(ExitCodeFor(Kind::kBadInput) == 2);
  CHECK(ExitCodeFor(Kind::kUnreachable) == 3);
  CHECK(ExitCodeFor(Kind::kBadReply) == 4);
}

TEST_CASE("Client: a missing socket is unreachable, with a helpful message", "[client]") {
  Client client("/nonexistent/duband.sock", 1s);
  CallOutcome outcome = client.Call("status");
  CHECK(outcome.kind == Kind::kUnreachable);
  CHECK(outcome.message ==
        "cannot reach duband at /nonexistent/duband.sock: No such file or directory "
        "(is duband running? set --socket or DUBAN_SOCKET)");
}

TEST_CASE("Client: sends one request line and returns the result", "[client]") {
  FakeDaemon daemon([](const std::string& line) {
    return protocol::MakeOkReply(IdOf(line), {{"pid", 42}, {"name", "省发改委"}}) + "\n";
  });
  Client client(daemon.path(), 5s);
  CallOutcome outcome = client.Call("agency.get", {{"name", "省发改委"}});
  REQUIRE(outcome.kind == Kind::kOk);
  CHECK(outcome.result["pid"] == 42);
  CHECK(outcome.result["name"] == "省发改委");
  auto request = std::get<protocol::Request>(protocol::ParseRequest(daemon.request_line()));
  CHECK(request.cmd == "agency.get");
  CHECK(request.args["name"] == "省发改委");
}

TEST_CASE("Client: an error reply carries its code and message", "[client]") {
  FakeDaemon daemon([](const std::string& line) {
    return protocol::MakeErrorReply(IdOf(line), "not_found", "no task 48") + "\n";
  });
  CallOutcome outcome = Client(daemon.path(), 5s).Call("task.get", {{"ref", "48"}});
  CHECK(outcome.kind == Kind::kDaemonError);
  CHECK(outcome.error_code == "not_found");
  CHECK(outcome.message == "no task 48");
}

TEST_CASE("Client: an error before the daemon read the id (id 0) is still an error reply",
          "[client]") {
  FakeDaemon daemon([](const std::string&) {
    return protocol::MakeErrorReply(0, "too_large", "request exceeds 32 MiB") + "\n";
  });
  CallOutcome outcome = Client(daemon.path(), 5s).Call("plan.import");
  CHECK(outcome.kind == Kind::kDaemonError);
  CHECK(outcome.error_code == "too_large");
}

TEST_CASE("Client: an error line sent before closing is read even if sending failed",
          "[client]") {
  // As duband does beyond [control] max_clients: one line at accept, then close, without
  // reading the request.
  FakeDaemon daemon(
      [](const std::string&) {
        return protocol::MakeErrorReply(0, "unavailable", "too many clients") + "\n";
      },
      0ms, /*read_request=*/false);
  const std::string big(4u << 20, 'x');  // more than the socket buffers hold
  CallOutcome outcome = Client(daemon.path(), 5s).Call("plan.import", {{"content", big}});
  CHECK(outcome.kind == Kind::kDaemonError);
  CHECK(outcome.error_code == "unavailable");
}

TEST_CASE("Client: a reply that is not a protocol reply is a bad reply", "[client]") {
  FakeDaemon daemon([](const std::string&) { return std::string("HTTP/1.1 400 Bad Request\n"); });
  CallOutcome outcome = Client(daemon.path(), 5s).Call("status");
  CHECK(outcome.kind == Kind::kBadReply);
  CHECK_THAT(outcome.message, Catch::Contains("not a protocol reply"));
}

TEST_CASE("Client: a reply to another request is a bad reply", "[client]") {
  FakeDaemon daemon([](const std::string&) { return protocol::MakeOkReply(999, {}) + "\n"; });
  CallOutcome outcome = Client(daemon.path(), 5s).Call("status");
  CHECK(outcome.kind == Kind::kBadReply);
}

TEST_CASE("Client: a connection closed without a reply is a bad reply", "[client]") {
  FakeDaemon daemon([](const std::string&) { return std::string("{\"id\":1,"); });
  CallOutcome outcome = Client(daemon.path(), 5s).Call("status");
  CHECK(outcome.kind == Kind::kBadReply);
  CHECK_THAT(outcome.message, Catch::Contains("without a complete reply"));
}

TEST_CASE("Client: no answer within the timeout", "[client]") {
  FakeDaemon daemon([](const std::string&) { return std::string(); }, 700ms);
  auto start = std::chrono::steady_clock::now();
  CallOutcome outcome = Client(daemon.path(), 200ms).Call("status");
  CHECK(std::chrono::steady_clock::now() - start < 650ms);
  CHECK(outcome.kind == Kind::kUnreachable);
  CHECK_THAT(outcome.message, Catch::Contains("did not answer within 200 ms"));
}

TEST_CASE("Client: text that is not UTF-8 is refused before connecting", "[client]") {
  Client client("/nonexistent/duband.sock", 1s);
  CallOutcome outcome = client.Call("agency.get", {{"name", "\xca\xa1\xb7"}});
  CHECK(outcome.kind == Kind::kBadInput);
}

}  // namespace
}  // namespace duban::ctl
