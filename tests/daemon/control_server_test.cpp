// ControlServer over a real Unix socket in a temporary directory: the io_context runs on
// a thread, the test talks to it with a plain blocking socket and bounded waits.
#include "daemon/duband/control_server.h"

#include <sys/stat.h>

#include <fstream>
#include <future>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "daemon/protocol.h"
#include "tests/daemon/duband_test_util.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::ConnectUnix;
using testing::ReadLine;
using testing::SendAll;
using testing::TempDir;
using testing::WaitForClose;

// Echoes the request line back inside an ok reply, with the peer's uid; "fail" lines get
// an error reply.
std::string EchoHandler(std::string_view line, const PeerCredentials& peer) {
  if (line == "fail") return protocol::MakeErrorReply(0, "bad_request", "fail");
  return protocol::MakeOkReply(1, {{"line", std::string(line)}, {"uid", peer.uid}});
}

class RunningServer {
 public:
  explicit RunningServer(const std::filesystem::path& socket, ControlLimits limits = {})
      : server_(io_, socket, "", limits, EchoHandler) {
    status_ = server_.Listen();
    if (status_.ok()) thread_ = std::thread([this] { io_.run(); });
  }
  ~RunningServer() { Stop(); }

  void Stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] { server_.Stop(); });
    thread_.join();
  }

  // Number of live sessions, read on the io thread.
  size_t Sessions() {
    std::promise<size_t> count;
    boost::asio::post(io_, [&] { count.set_value(server_.session_count()); });
    return count.get_future().get();
  }

  const Status& status() const { return status_; }

 private:
  boost::asio::io_context io_;
  ControlServer server_;
  Status status_;
  std::thread thread_;
};

// A connected client that closes itself.
class Client {
 public:
  explicit Client(const std::filesystem::path& socket) : fd_(ConnectUnix(socket)) {}
  ~Client() {
    if (fd_ >= 0) close(fd_);
  }
  int fd() const { return fd_; }
  bool Send(const std::string& data) { return SendAll(fd_, data); }
  std::optional<json> Reply() {
    std::optional<std::string> line = ReadLine(fd_);
    if (!line) return std::nullopt;
    return json::parse(*line);
  }

 private:
  int fd_;
};

TEST_CASE("ControlServer: answers a request line with the handler's reply", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  RunningServer server(socket);
  REQUIRE(server.status().ok());
  Client client(socket);
  REQUIRE(client.fd() >= 0);
  REQUIRE(client.Send("hello\n"));
  auto reply = client.Reply();
  REQUIRE(reply);
  CHECK((*reply)["result"]["line"] == "hello");
  CHECK((*reply)["result"]["uid"] == geteuid());  // SO_PEERCRED of this process
}

TEST_CASE("ControlServer: several requests on one connection, replies in order",
          "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  RunningServer server(socket);
  Client client(socket);
  REQUIRE(client.Send("one\ntwo\n"));  // both in one write
  REQUIRE(client.Send("three\r\n"));
  CHECK((*client.Reply())["result"]["line"] == "one");
  CHECK((*client.Reply())["result"]["line"] == "two");
  CHECK((*client.Reply())["result"]["line"] == "three");
}

TEST_CASE("ControlServer: an error reply keeps the session open", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  RunningServer server(socket);
  Client client(socket);
  REQUIRE(client.Send("fail\n"));
  auto error = client.Reply();
  REQUIRE(error);
  CHECK((*error)["ok"] == false);
  REQUIRE(client.Send("good\n"));
  auto good = client.Reply();
  REQUIRE(good);
  CHECK((*good)["result"]["line"] == "good");
}

TEST_CASE("ControlServer: a last line without newline is answered at EOF",
          "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  RunningServer server(socket);
  Client client(socket);
  REQUIRE(client.Send("last"));
  shutdown(client.fd(), SHUT_WR);
  auto reply = client.Reply();
  REQUIRE(reply);
  CHECK((*reply)["result"]["line"] == "last");
  CHECK(WaitForClose(client.fd()));
}

TEST_CASE("ControlServer: an oversize line gets too_large and the connection closes",
          "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  ControlLimits limits;
  limits.max_request_bytes = 64;
  RunningServer server(socket, limits);
  Client client(socket);

  REQUIRE(client.Send(std::string(64, 'a') + "\n"));  // exactly the limit: fine
  CHECK((*client.Reply())["ok"] == true);

  REQUIRE(client.Send(std::string(200, 'b') + "\n"));
  auto reply = client.Reply();
  REQUIRE(reply);
  CHECK((*reply)["ok"] == false);
  CHECK((*reply)["error"]["code"] == "too_large");
  CHECK(WaitForClose(client.fd()));
}

TEST_CASE("ControlServer: a client still sending a too-large request reads the reply",
          "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  ControlLimits limits;
  limits.max_request_bytes = 1024;
  RunningServer server(socket, limits);
  Client client(socket);
  // Far more than the socket buffers hold: the write succeeds only if the server keeps
  // reading after its reply.
  REQUIRE(client.Send(std::string(4 * 1024 * 1024, 'x') + "\n"));
  auto reply = client.Reply();
  REQUIRE(reply);
  CHECK((*reply)["error"]["code"] == "too_large");
  CHECK(WaitForClose(client.fd()));
}

TEST_CASE("ControlServer: clients beyond max_clients get one unavailable line",
          "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  ControlLimits limits;
  limits.max_clients = 2;
  RunningServer server(socket, limits);
  Client first(socket);
  Client second(socket);
  // Both sessions are up once each has been answered.
  REQUIRE(first.Send("1\n"));
  REQUIRE(first.Reply());
  REQUIRE(second.Send("2\n"));
  REQUIRE(second.Reply());

  Client third(socket);
  REQUIRE(third.fd() >= 0);
  auto refusal = third.Reply();
  REQUIRE(refusal);
  CHECK(*refusal == json::parse(
                        R"({"id":0,"ok":false,"error":{"code":"unavailable","message":"too many clients"}})"));
  CHECK(WaitForClose(third.fd()));

  // The first two still work.
  REQUIRE(first.Send("again\n"));
  CHECK((*first.Reply())["result"]["line"] == "again");
}

TEST_CASE("ControlServer: a closed session frees its slot", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  ControlLimits limits;
  limits.max_clients = 1;
  RunningServer server(socket, limits);
  {
    Client first(socket);
    REQUIRE(first.Send("1\n"));
    REQUIRE(first.Reply());
  }
  // The server notices the hang-up asynchronously; a refused client proves it has not yet.
  for (int attempt = 0; attempt < 50; ++attempt) {
    Client next(socket);
    REQUIRE(next.Send("2\n"));
    auto reply = next.Reply();
    REQUIRE(reply);
    if ((*reply)["ok"] == true) {
      SUCCEED("slot reused");
      return;
    }
  }
  FAIL("the slot of a closed session was never freed");
}

TEST_CASE("ControlServer: an idle client is disconnected", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  ControlLimits limits;
  limits.idle_timeout = std::chrono::milliseconds(100);
  RunningServer server(socket, limits);
  Client client(socket);
  REQUIRE(client.fd() >= 0);
  CHECK(WaitForClose(client.fd(), std::chrono::seconds(5)));
}

TEST_CASE("ControlServer: the socket is 0660 and removed at stop", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "run" / "duband.sock";  // parent created
  RunningServer server(socket);
  REQUIRE(server.status().ok());
  struct stat st{};
  REQUIRE(stat(socket.c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 07777) == 0660);
  REQUIRE(stat(socket.parent_path().c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0750);
  server.Stop();
  CHECK_FALSE(std::filesystem::exists(socket));
}

TEST_CASE("ControlServer: stop closes open sessions", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  RunningServer server(socket);
  Client client(socket);
  REQUIRE(client.Send("1\n"));
  REQUIRE(client.Reply());
  server.Stop();  // returns only once io_context::run() has returned
  CHECK(WaitForClose(client.fd()));
}

TEST_CASE("ControlServer: a stale socket file is replaced", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  {
    // Bound and never listened on, then closed: a socket file nobody answers.
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    close(fd);
  }
  REQUIRE(std::filesystem::exists(socket));
  RunningServer server(socket);
  REQUIRE(server.status().ok());
  Client client(socket);
  REQUIRE(client.Send("after\n"));
  CHECK((*client.Reply())["result"]["line"] == "after");
}

TEST_CASE("ControlServer: a second server on the same path is refused", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  RunningServer first(socket);
  REQUIRE(first.status().ok());
  boost::asio::io_context io;
  ControlServer second(io, socket, "", {}, EchoHandler);
  Status status = second.Listen();
  CHECK(status.code() == Status::Code::kConflict);
  CHECK_THAT(status.message(), Catch::Contains("in use by another duband"));
  second.Stop();
  // The first one still serves on its socket.
  Client client(socket);
  REQUIRE(client.Send("still\n"));
  CHECK((*client.Reply())["result"]["line"] == "still");
}

TEST_CASE("ControlServer: a regular file on the socket path is left alone", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  { std::ofstream(socket) << "precious"; }
  boost::asio::io_context io;
  ControlServer server(io, socket, "", {}, EchoHandler);
  CHECK(server.Listen().code() == Status::Code::kFailedPrecondition);
  CHECK(std::filesystem::is_regular_file(socket));
}

TEST_CASE("ControlServer: a client hanging up mid-request is harmless", "[control_server]") {
  TempDir dir;
  auto socket = dir.path() / "duband.sock";
  RunningServer server(socket);
  {
    Client client(socket);
    REQUIRE(client.Send("{\"v\":1,\"id\":1,\"cm"));
  }
  Client next(socket);
  REQUIRE(next.Send("ok\n"));
  CHECK((*next.Reply())["result"]["line"] == "ok");
}

}  // namespace
}  // namespace duban
