// MetricsHttpServer: the optional loopback HTTP endpoint for Prometheus scraping
// ([metrics] listen; off by default). Runs on the daemon's io_context; what it answers is
// metrics_http.h's, the metrics text is the same as `dubanctl metrics`.
//
// A slow or hostile client cannot hurt the daemon: a connection gets one request, whose
// head may be at most kMaxRequestHead bytes (else 413) and must arrive within
// kRequestTimeout (else the connection is closed); the whole exchange ends by
// kConnectionTimeout;
// beyond kMaxConnections at once a new connection gets 503 and is closed. Nothing a
// client sends is kept beyond its connection.
//
// Thread-safety: single-threaded; Listen and Stop on the io_context's thread (or before
// it runs). The server must outlive io_context::run() (its connections refer to it).
#ifndef DUBAN_DAEMON_DUBAND_METRICS_HTTP_SERVER_H_
#define DUBAN_DAEMON_DUBAND_METRICS_HTTP_SERVER_H_

#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include <boost/asio.hpp>

#include "workflow/status.h"

namespace duban {

class MetricsHttpServer {
 public:
  static constexpr std::size_t kMaxRequestHead = 8 * 1024;
  static constexpr int kMaxConnections = 8;
  static constexpr std::chrono::seconds kRequestTimeout{5};
  static constexpr std::chrono::seconds kConnectionTimeout{10};

  using Render = std::function<Result<std::string>()>;

  MetricsHttpServer(boost::asio::io_context& io, Render render);
  ~MetricsHttpServer();

  MetricsHttpServer(const MetricsHttpServer&) = delete;
  MetricsHttpServer& operator=(const MetricsHttpServer&) = delete;

  // Binds host:port (a numeric address) and starts accepting once io_context runs. On
  // failure nothing listens and the Status names the address and the reason.
  Status Listen(const std::string& host, int port);
  // Stops accepting and closes every connection. Idempotent.
  void Stop();

  // The bound port (useful with port 0 in tests); 0 if not listening.
  int port() const;

 private:
  struct Connection;

  boost::asio::awaitable<void> Accept();
  boost::asio::awaitable<void> Serve(std::shared_ptr<Connection> connection);

  boost::asio::io_context& io_;
  const Render render_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::set<std::shared_ptr<Connection>> connections_;
  bool stopped_ = false;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_METRICS_HTTP_SERVER_H_
