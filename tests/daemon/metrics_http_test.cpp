// The metrics endpoint: the pure request handling (metrics_http.h) and the Asio server
// (metrics_http_server.h) on a real loopback TCP port with real requests: GET, 404, 405,
// an oversized head, and a client that stays silent while another is served.
#include "daemon/duband/metrics_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include <catch2/catch.hpp>

#include "daemon/duband/metrics_http.h"

namespace duban {
namespace {

Result<std::string> FixedText() { return std::string("duban_up 1\n"); }

TEST_CASE("Metrics HTTP: GET /metrics answers the text with the 0.0.4 content type",
          "[metrics]") {
  const std::string response =
      RespondToMetricsRequest("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", &FixedText);
  CHECK(response ==
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
        "Content-Length: 11\r\n"
        "Connection: close\r\n\r\n"
        "duban_up 1\n");
  // Parameters are ignored; HEAD has the headers only.
  CHECK(RespondToMetricsRequest("GET /metrics?name[]=x HTTP/1.0\r\n\r\n", &FixedText) == response);
  const std::string head = RespondToMetricsRequest("HEAD /metrics HTTP/1.1\r\n\r\n", &FixedText);
  CHECK(head == response.substr(0, response.size() - 11));
}

TEST_CASE("Metrics HTTP: other paths, methods and garbage", "[metrics]") {
  int renders = 0;
  auto render = [&renders]() -> Result<std::string> {
    ++renders;
    return std::string("x 1\n");
  };
  CHECK(RespondToMetricsRequest("GET / HTTP/1.1\r\n\r\n", render).starts_with("HTTP/1.1 404 "));
  CHECK(RespondToMetricsRequest("GET /metricsx HTTP/1.1\r\n\r\n", render)
            .starts_with("HTTP/1.1 404 "));
  const std::string post = RespondToMetricsRequest("POST /metrics HTTP/1.1\r\n\r\n", render);
  CHECK(post.starts_with("HTTP/1.1 405 "));
  CHECK(post.find("\r\nAllow: GET, HEAD\r\n") != std::string::npos);
  CHECK(RespondToMetricsRequest("hello\r\n\r\n", render).starts_with("HTTP/1.1 400 "));
  CHECK(RespondToMetricsRequest("GET /metrics SPDY/3\r\n\r\n", render).starts_with("HTTP/1.1 400 "));
  CHECK(renders == 0);  // nothing was rendered for any of them
}

TEST_CASE("Metrics HTTP: a store failure is a 500 with the reason", "[metrics]") {
  auto failing = []() -> Result<std::string> { return Status::IOError("disk I/O error"); };
  const std::string response = RespondToMetricsRequest("GET /metrics HTTP/1.1\r\n\r\n", failing);
  CHECK(response.starts_with("HTTP/1.1 500 "));
  CHECK(response.ends_with("cannot read the metrics: disk I/O error\n"));
}

TEST_CASE("Metrics HTTP: the request line", "[metrics]") {
  HttpRequestLine line = ParseHttpRequestLine("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n");
  CHECK(line.valid);
  CHECK(line.method == "GET");
  CHECK(line.target == "/metrics");
  CHECK_FALSE(ParseHttpRequestLine("GET /metrics\r\n\r\n").valid);
  CHECK_FALSE(ParseHttpRequestLine("GET  HTTP/1.1\r\n\r\n").valid);
  CHECK_FALSE(ParseHttpRequestLine("GET /metrics HTTP/2.0\r\n\r\n").valid);
}

// A blocking loopback client with a receive timeout, so a broken server fails the test
// instead of hanging it.
int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends `request` and reads until the server closes.
std::string Exchange(int port, const std::string& request) {
  int fd = Connect(port);
  if (fd < 0) return "(connect failed)";
  std::size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, n);
  close(fd);
  return response;
}

// The server on its own io_context thread, port chosen by the kernel.
class ServerFixture {
 public:
  ServerFixture() : server_(io_, [] { return FixedText(); }) {
    REQUIRE(server_.Listen("127.0.0.1", 0).ok());
    port_ = server_.port();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~ServerFixture() {
    boost::asio::post(io_, [this] { server_.Stop(); });
    thread_.join();
  }
  int port() const { return port_; }

 private:
  boost::asio::io_context io_;
  MetricsHttpServer server_;
  int port_ = 0;
  std::thread thread_;
};

TEST_CASE_METHOD(ServerFixture, "Metrics HTTP server: real requests over loopback", "[metrics]") {
  REQUIRE(port() > 0);
  const std::string ok = Exchange(port(), "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
  CHECK(ok.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(ok.ends_with("\r\n\r\nduban_up 1\n"));
  CHECK(Exchange(port(), "GET /other HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404 "));
  CHECK(Exchange(port(), "DELETE /metrics HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405 "));
  // A head that fills the limit without ending: 413. (Exactly the limit, so the server
  // has read all of it and closes without a reset.)
  std::string huge = "GET /metrics HTTP/1.1\r\nX-Pad: ";
  huge += std::string(MetricsHttpServer::kMaxRequestHead - huge.size(), 'a');
  CHECK(Exchange(port(), huge).starts_with("HTTP/1.1 413 "));
}

TEST_CASE_METHOD(ServerFixture, "Metrics HTTP server: a silent client does not block others",
                 "[metrics]") {
  int silent = Connect(port());
  REQUIRE(silent >= 0);
  // Served while the silent connection is still open.
  CHECK(Exchange(port(), "GET /metrics HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 200 OK"));
  close(silent);
}

}  // namespace
}  // namespace duban
