#include "daemon/duband/control_session.h"

#include <algorithm>
#include <array>

#include <spdlog/spdlog.h>

#include "daemon/protocol.h"

namespace duban {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

// How long the rest of a too-large request is read and dropped before closing.
constexpr std::chrono::milliseconds kMaxDrainTime{2000};

std::string TooLargeReply(std::size_t limit) {
  return protocol::MakeErrorReply(0, protocol::kErrTooLarge,
                                  "request line longer than " + std::to_string(limit) +
                                      " bytes ([control] max_request_bytes); closing");
}

// The line at the front of `buffer` (`length` bytes, newline included or not), without
// its line end.
std::string_view FrontLine(const std::string& buffer, std::size_t length) {
  std::string_view line(buffer.data(), length);
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

ControlSession::ControlSession(Socket socket, PeerCredentials peer, const ControlLimits& limits,
                               const LineHandler& handler,
                               std::function<void(ControlSession*)> on_finish)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      peer_(std::move(peer)),
      limits_(limits),
      handler_(handler),
      on_finish_(std::move(on_finish)) {}

void ControlSession::Start() {
  ExtendDeadline();
  auto self = shared_from_this();
  asio::co_spawn(socket_.get_executor(), [self] { return self->Serve(); }, asio::detached);
  asio::co_spawn(socket_.get_executor(), [self] { return self->Watchdog(); }, asio::detached);
}

void ControlSession::Close() {
  error_code ignored;
  socket_.shutdown(Socket::shutdown_both, ignored);
  socket_.close(ignored);
  timer_.cancel();
}

void ControlSession::ExtendDeadline() {
  deadline_ = std::chrono::steady_clock::now() + limits_.idle_timeout;
}

asio::awaitable<void> ControlSession::Serve() {
  std::string buffer;
  while (socket_.is_open()) {
    ExtendDeadline();
    std::size_t max_request = limits_.max_request_bytes;
    error_code ec;
    std::size_t length = co_await asio::async_read_until(
        socket_, asio::dynamic_buffer(buffer, max_request + 1), '\n',
        asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::not_found) {
      spdlog::warn("control: request from {} longer than {} bytes; closing", ActorName(peer_),
                   max_request);
      if (co_await Send(TooLargeReply(max_request))) co_await Drain();
      break;
    }
    // A last request without its newline, then EOF (the client shut down writing).
    if (ec == asio::error::eof && !buffer.empty()) length = buffer.size();
    else if (ec) break;
    std::string reply = handler_(FrontLine(buffer, length), peer_);
    buffer.erase(0, length);
    if (!co_await Send(std::move(reply)) || ec) break;
  }
  Close();
  if (on_finish_) on_finish_(this);
}

asio::awaitable<bool> ControlSession::Send(std::string reply) {
  ExtendDeadline();
  reply.push_back('\n');
  error_code ec;
  co_await asio::async_write(socket_, asio::buffer(reply),
                             asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

asio::awaitable<void> ControlSession::Drain() {
  error_code ec;
  socket_.shutdown(Socket::shutdown_send, ec);
  deadline_ = std::chrono::steady_clock::now() + std::min<std::chrono::milliseconds>(
                                                      limits_.idle_timeout, kMaxDrainTime);
  std::array<char, 16 * 1024> scratch;
  while (!ec) {
    co_await socket_.async_read_some(asio::buffer(scratch),
                                     asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> ControlSession::Watchdog() {
  while (socket_.is_open()) {
    timer_.expires_at(deadline_);
    error_code ec;
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!socket_.is_open()) break;
    if (deadline_ <= std::chrono::steady_clock::now()) {
      spdlog::debug("control: closing idle connection from {}", ActorName(peer_));
      Close();
    }
  }
}

}  // namespace duban
