#include "notifiers/transfer_abort.h"

#include <sys/socket.h>
#include <unistd.h>

namespace duban {

void TransferAbort::Watch(CURL* handle) {
  curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, &TransferAbort::OnProgress);
  curl_easy_setopt(handle, CURLOPT_XFERINFODATA, this);
  curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);  // else the callback is never called
  curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, &TransferAbort::OnOpenSocket);
  curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, this);
  curl_easy_setopt(handle, CURLOPT_CLOSESOCKETFUNCTION, &TransferAbort::OnCloseSocket);
  curl_easy_setopt(handle, CURLOPT_CLOSESOCKETDATA, this);
}

void TransferAbort::Raise() {
  raised_.store(true, std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(mutex_);
  for (curl_socket_t socket : sockets_) ::shutdown(socket, SHUT_RDWR);
}

int TransferAbort::OnProgress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const TransferAbort*>(self)->raised() ? 1 : 0;
}

curl_socket_t TransferAbort::OnOpenSocket(void* self, curlsocktype, curl_sockaddr* address) {
  auto* abort = static_cast<TransferAbort*>(self);
  if (abort->raised()) return CURL_SOCKET_BAD;  // no new connection once aborted
  const curl_socket_t socket =
      ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (socket == CURL_SOCKET_BAD) return socket;
  std::lock_guard<std::mutex> lock(abort->mutex_);
  abort->sockets_.insert(socket);
  return socket;
}

int TransferAbort::OnCloseSocket(void* self, curl_socket_t socket) {
  auto* abort = static_cast<TransferAbort*>(self);
  {
    // Forgotten before it is closed, so Raise never shuts down a reused descriptor.
    std::lock_guard<std::mutex> lock(abort->mutex_);
    abort->sockets_.erase(socket);
  }
  return ::close(socket);
}

}  // namespace duban
