// TransferAbort: lets another thread make libcurl transfers give up at once, so a stopping
// daemon can join its worker threads within a bound instead of waiting out a slow
// server's timeout (SMTP [mail] timeout_seconds, a webhook's timeout_seconds).
//
// Watch(handle) installs two things on an easy handle:
// - libcurl's progress callback, which returns non-zero once Raise() has been called, so
//   the transfer ends with CURLE_ABORTED_BY_CALLBACK at its next check (about once a
//   second even while it only waits for a reply);
// - socket open/close callbacks that remember the handle's sockets, so Raise() can shut
//   them down (shutdown(2), never close: the descriptor stays libcurl's). That ends any
//   wait on the connection at once, including the polite QUIT libcurl would otherwise
//   send, and wait for, when the handle is cleaned up.
// A raised flag stays raised: an aborted transport is dropped, never reused.
//
// Thread-safety: Raise and raised may be called from any thread; Watch on the thread that
// owns the handle. The TransferAbort must outlive every handle it watches (and their
// connections).
#ifndef DUBAN_NOTIFIERS_TRANSFER_ABORT_H_
#define DUBAN_NOTIFIERS_TRANSFER_ABORT_H_

#include <curl/curl.h>

#include <atomic>
#include <mutex>
#include <set>

namespace duban {

class TransferAbort {
 public:
  // Makes `handle`'s transfers and sockets answer to this flag.
  void Watch(CURL* handle);

  // Aborts: transfers in progress end, open sockets are shut down.
  void Raise();
  bool raised() const { return raised_.load(std::memory_order_relaxed); }

 private:
  static int OnProgress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
  static curl_socket_t OnOpenSocket(void* self, curlsocktype purpose, curl_sockaddr* address);
  static int OnCloseSocket(void* self, curl_socket_t socket);

  std::atomic<bool> raised_{false};
  std::mutex mutex_;
  std::set<curl_socket_t> sockets_;  // open sockets of the watched handles; under mutex_
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_TRANSFER_ABORT_H_
