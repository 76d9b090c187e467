// ControlServer: the control socket's listener. Accepts connections on a Unix stream socket,
// reads each peer's SO_PEERCRED, and runs a ControlSession per client, up to a cap;
// beyond the cap a client gets one "unavailable" error line and is closed.
//
// Listen() makes room for the socket (see PrepareSocketPath: a live daemon on the path is
// refused, a stale socket file replaced), binds it 0660 (never world-writable) and gives
// it the socket group (SocketGroupOf: [control] socket_group, else admin_group; the
// `admin_group` parameters below carry that group). Stop() closes the acceptor and every session and unlinks the socket
// file if it is still ours; io_context::run() then returns once the sessions have ended.
//
// Thread-safety: single-threaded. Listen, Stop, UpdateLimits and SetAdminGroup must be
// called on the io_context's thread (or before it runs). The server must outlive
// io_context::run(): sessions refer to its limits and handler.
#ifndef DUBAN_DAEMON_DUBAND_CONTROL_SERVER_H_
#define DUBAN_DAEMON_DUBAND_CONTROL_SERVER_H_

#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <cstddef>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include <boost/asio.hpp>

#include "config/config.h"
#include "daemon/duband/control_session.h"
#include "daemon/duband/socket_file.h"
#include "workflow/status.h"

namespace duban {

// The limits of [control] in `config`.
ControlLimits LimitsFromConfig(const ControlConfig& config);

class ControlServer {
 public:
  ControlServer(boost::asio::io_context& io, std::filesystem::path socket_path,
                std::string admin_group, ControlLimits limits, LineHandler handler);
  ~ControlServer();

  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Creates the socket and starts accepting (once io_context runs). On failure nothing
  // listens and the Status says why (kConflict: another daemon answers on the path).
  Status Listen();

  // Stops accepting, closes every session, removes the socket file. Idempotent.
  void Stop();

  // New limits apply to new connections and to the next request of existing ones.
  void UpdateLimits(ControlLimits limits) { limits_ = limits; }
  // Gives the socket file to `group` (a reload changed [control] admin_group).
  Status SetAdminGroup(std::string group);

  const std::filesystem::path& socket_path() const { return socket_path_; }
  std::size_t session_count() const { return sessions_.size(); }

 private:
  boost::asio::awaitable<void> Accept();
  void StartSession(ControlSession::Socket socket);
  void Refuse(ControlSession::Socket socket, std::string reply);

  // Constant after construction.
  boost::asio::io_context& io_;
  const std::filesystem::path socket_path_;
  const LineHandler handler_;

  // Mutable state, touched only on the io thread.
  std::string admin_group_;
  ControlLimits limits_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  FileIdentity socket_file_;  // the socket we bound, to unlink only our own
  std::set<std::shared_ptr<ControlSession>> sessions_;
  bool stopped_ = false;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_CONTROL_SERVER_H_
