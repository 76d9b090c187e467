#include "daemon/duband/control_server.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "daemon/protocol.h"

namespace duban {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using Protocol = asio::local::stream_protocol;

// After an accept error other than a stop (EMFILE, ENOBUFS): pause instead of spinning.
constexpr std::chrono::milliseconds kAcceptErrorPause{100};

std::string TooManyClientsReply() {
  return protocol::MakeErrorReply(0, protocol::kErrUnavailable, "too many clients");
}

}  // namespace

ControlLimits LimitsFromConfig(const ControlConfig& config) {
  ControlLimits limits;
  limits.max_request_bytes = config.max_request_bytes;
  limits.max_clients = config.max_clients;
  limits.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  return limits;
}

ControlServer::ControlServer(asio::io_context& io, std::filesystem::path socket_path,
                             std::string admin_group, ControlLimits limits, LineHandler handler)
    : io_(io),
      socket_path_(std::move(socket_path)),
      handler_(std::move(handler)),
      admin_group_(std::move(admin_group)),
      limits_(limits),
      acceptor_(io) {}

ControlServer::~ControlServer() { Stop(); }

Status ControlServer::Listen() {
  if (Status status = PrepareSocketPath(socket_path_); !status.ok()) return status;
  error_code ec;
  acceptor_.open(Protocol(), ec);
  if (!ec) {
    ScopedSocketUmask umask;
    acceptor_.bind(Protocol::endpoint(socket_path_.string()), ec);
  }
  if (ec) {
    acceptor_.close();
    return Status::IOError("cannot bind socket " + socket_path_.string() + ": " + ec.message());
  }
  socket_file_ = IdentifyFile(socket_path_);
  Status access = SetSocketAccess(socket_path_, admin_group_);
  if (access.ok()) acceptor_.listen(Protocol::acceptor::max_listen_connections, ec);
  if (!access.ok() || ec) {
    Stop();
    return access.ok() ? Status::IOError("cannot listen on " + socket_path_.string() + ": " +
                                         ec.message())
                       : access;
  }
  asio::co_spawn(io_, Accept(), asio::detached);
  spdlog::info("control socket listening on {}", socket_path_.string());
  return Status::OK();
}

void ControlServer::Stop() {
  if (stopped_) return;
  stopped_ = true;
  error_code ignored;
  bool was_listening = acceptor_.is_open();
  acceptor_.close(ignored);
  auto sessions = std::move(sessions_);
  sessions_.clear();
  for (const auto& session : sessions) session->Close();
  if (was_listening && RemoveSocketFile(socket_path_, socket_file_)) {
    spdlog::debug("removed socket {}", socket_path_.string());
  }
}

Status ControlServer::SetAdminGroup(std::string group) {
  admin_group_ = std::move(group);
  if (!acceptor_.is_open()) return Status::OK();
  return SetSocketAccess(socket_path_, admin_group_);
}

asio::awaitable<void> ControlServer::Accept() {
  asio::steady_timer pause(io_);
  while (acceptor_.is_open()) {
    error_code ec;
    Protocol::socket socket =
        co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
    if (ec) {
      spdlog::warn("control: accept failed: {}", ec.message());
      pause.expires_after(kAcceptErrorPause);
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    StartSession(std::move(socket));
  }
}

void ControlServer::StartSession(ControlSession::Socket socket) {
  if (static_cast<int>(sessions_.size()) >= limits_.max_clients) {
    spdlog::warn("control: refusing a client: {} clients connected ([control] max_clients)",
                 sessions_.size());
    Refuse(std::move(socket), TooManyClientsReply());
    return;
  }
  Result<PeerCredentials> peer = ReadPeerCredentials(socket.native_handle());
  if (!peer.ok()) {
    spdlog::warn("control: refusing a client: {}", peer.status().message());
    Refuse(std::move(socket), protocol::MakeErrorReply(0, peer.status()));
    return;
  }
  spdlog::debug("control: connection from {} (pid {})", ActorName(*peer), peer->pid);
  auto session = std::make_shared<ControlSession>(
      std::move(socket), std::move(peer).value(), limits_, handler_,
      [this](ControlSession* finished) {
        std::erase_if(sessions_, [&](const auto& s) { return s.get() == finished; });
      });
  sessions_.insert(session);
  session->Start();
}

void ControlServer::Refuse(ControlSession::Socket socket, std::string reply) {
  auto shared = std::make_shared<ControlSession::Socket>(std::move(socket));
  auto line = std::make_shared<std::string>(std::move(reply) + "\n");
  asio::async_write(*shared, asio::buffer(*line), [shared, line](error_code, std::size_t) {
    error_code ignored;
    shared->shutdown(ControlSession::Socket::shutdown_both, ignored);
    shared->close(ignored);
  });
}

}  // namespace duban
