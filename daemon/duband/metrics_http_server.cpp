#include "daemon/duband/metrics_http_server.h"

#include <spdlog/spdlog.h>

#include "daemon/duband/metrics_http.h"

namespace duban {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

constexpr std::string_view kTextPlain = "text/plain; charset=utf-8";
constexpr std::chrono::milliseconds kAcceptErrorPause{100};

}  // namespace

// One client: its socket and the timer that closes it when its time is up.
struct MetricsHttpServer::Connection {
  explicit Connection(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}
  void Close() {
    error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    timer.cancel();
  }
  tcp::socket socket;
  asio::steady_timer timer;
  bool timed_out = false;
};

MetricsHttpServer::MetricsHttpServer(asio::io_context& io, Render render)
    : io_(io), render_(std::move(render)), acceptor_(io) {}

MetricsHttpServer::~MetricsHttpServer() { Stop(); }

Status MetricsHttpServer::Listen(const std::string& host, int port) {
  const std::string shown =
      (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
  error_code ec;
  const asio::ip::address address = asio::ip::make_address(host, ec);
  if (ec) return Status::InvalidArgument("metrics endpoint " + shown + ": not an IP address");
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error_code ignored;
    acceptor_.close(ignored);
    return Status::IOError("cannot listen on " + shown + " ([metrics] listen): " + ec.message());
  }
  asio::co_spawn(io_, Accept(), asio::detached);
  spdlog::info("metrics: serving http://{}:{}/metrics",
               host.find(':') != std::string::npos ? "[" + host + "]" : host, this->port());
  return Status::OK();
}

void MetricsHttpServer::Stop() {
  if (stopped_) return;
  stopped_ = true;
  error_code ignored;
  acceptor_.close(ignored);
  for (const auto& connection : connections_) connection->Close();
}

int MetricsHttpServer::port() const {
  error_code ec;
  tcp::endpoint endpoint = acceptor_.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

asio::awaitable<void> MetricsHttpServer::Accept() {
  while (acceptor_.is_open()) {
    error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
    if (ec) {
      // Out of file descriptors and the like: pause instead of spinning.
      spdlog::warn("metrics: accept failed: {}", ec.message());
      asio::steady_timer pause(io_, kAcceptErrorPause);
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    connections_.insert(connection);
    asio::co_spawn(io_, Serve(connection), asio::detached);
  }
}

asio::awaitable<void> MetricsHttpServer::Serve(std::shared_ptr<Connection> connection) {
  // The watchdog: whatever the client does, the connection is closed by the deadline.
  connection->timer.expires_after(kRequestTimeout);
  connection->timer.async_wait([connection](const error_code& ec) {
    if (ec) return;
    connection->timed_out = true;
    connection->Close();
  });
  std::string response;
  if (static_cast<int>(connections_.size()) > kMaxConnections) {
    response = HttpResponse(503, kTextPlain, "too many connections\n");
  } else {
    std::string head;
    error_code ec;
    std::size_t length = co_await asio::async_read_until(
        connection->socket, asio::dynamic_buffer(head, kMaxRequestHead), "\r\n\r\n",
        asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::not_found) {
      response = HttpResponse(413, kTextPlain, "request head too large\n");
    } else if (!ec) {
      response = RespondToMetricsRequest(std::string_view(head).substr(0, length), render_);
    }
  }
  if (!response.empty() && connection->socket.is_open()) {
    connection->timer.expires_after(kConnectionTimeout - kRequestTimeout);
    connection->timer.async_wait([connection](const error_code& ec) {
      if (!ec) connection->Close();
    });
    error_code ec;
    co_await asio::async_write(connection->socket, asio::buffer(response),
                               asio::redirect_error(asio::use_awaitable, ec));
  }
  if (connection->timed_out) spdlog::debug("metrics: closed a connection that sent no request in time");
  connection->Close();
  connections_.erase(connection);
}

}  // namespace duban
