// ControlSession: one client connection on the control socket. Reads request lines, hands
// each to the line handler and writes its reply, in order, until the client hangs up, is
// idle for too long, sends a line longer than the limit (answered with too_large, then
// closed: the rest of that line cannot be trusted; what the client still sends is read
// and dropped for up to two seconds first, so it sees the reply rather than a reset), or
// the server stops.
//
// Two coroutines share the session: Serve (read, handle, reply) and Watchdog (closes the
// socket once the deadline passes; Serve pushes the deadline forward before each read and
// write), as in Asio's timeout_watchdog example.
//
// Thread-safety: lives on the server's single io_context thread; Close() must be called
// there. Owned by shared_ptr (the coroutines hold one); the limits and handler references
// must outlive the session, which ControlServer guarantees by outliving io_context::run().
#ifndef DUBAN_DAEMON_DUBAND_CONTROL_SESSION_H_
#define DUBAN_DAEMON_DUBAND_CONTROL_SESSION_H_

#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio.hpp>

#include "daemon/duband/peer_credentials.h"

namespace duban {

// Per-connection limits; replaced on reload, read by sessions before each request.
struct ControlLimits {
  std::size_t max_request_bytes = 32 * 1024 * 1024;  // a longer line is too_large
  int max_clients = 32;                              // concurrent sessions
  std::chrono::milliseconds idle_timeout{60'000};   // no complete request for this long
};

// Turns one request line into one reply line (both without newline).
using LineHandler = std::function<std::string(std::string_view line, const PeerCredentials&)>;

class ControlSession : public std::enable_shared_from_this<ControlSession> {
 public:
  using Socket = boost::asio::local::stream_protocol::socket;

  // `on_finish` runs once, on the io thread, when the session has ended.
  ControlSession(Socket socket, PeerCredentials peer, const ControlLimits& limits,
                 const LineHandler& handler, std::function<void(ControlSession*)> on_finish);

  // Starts serving. REQUIRES: called once, on the io thread.
  void Start();
  // Closes the connection; the coroutines notice and end. Idempotent.
  void Close();

  const PeerCredentials& peer() const { return peer_; }

 private:
  boost::asio::awaitable<void> Serve();
  boost::asio::awaitable<void> Watchdog();
  // Writes `reply` and a newline; false if the connection failed.
  boost::asio::awaitable<bool> Send(std::string reply);
  // After a too_large reply: ends our side, then reads and drops what the client is still
  // sending (briefly), so it can finish writing and read the reply instead of a reset.
  boost::asio::awaitable<void> Drain();
  void ExtendDeadline();

  Socket socket_;
  boost::asio::steady_timer timer_;
  const PeerCredentials peer_;
  const ControlLimits& limits_;
  const LineHandler& handler_;
  std::function<void(ControlSession*)> on_finish_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_CONTROL_SESSION_H_
