// CurlGlobal: libcurl's process-wide set-up (curl_global_init) and tear-down, as an
// object. duband constructs one at start, before any thread exists, and keeps it until
// every transport is gone: curl_global_init is not thread-safe in every libcurl build, and
// an easy handle made without it would initialise libcurl lazily on whatever thread comes
// first. Tests construct one per test case (libcurl counts the calls).
//
// Thread-safety: construct and destroy on one thread, while no other thread uses libcurl.
#ifndef DUBAN_NOTIFIERS_CURL_GLOBAL_H_
#define DUBAN_NOTIFIERS_CURL_GLOBAL_H_

#include "workflow/status.h"

namespace duban {

class CurlGlobal {
 public:
  CurlGlobal();   // curl_global_init(CURL_GLOBAL_DEFAULT): SSL included
  ~CurlGlobal();  // curl_global_cleanup(), if the init succeeded

  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;

  // OK, or Internal with curl's reason if libcurl could not be initialised (then no
  // transport can work; the daemon should refuse to start).
  const Status& status() const { return status_; }

 private:
  Status status_;
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_CURL_GLOBAL_H_
