#include "notifiers/curl_global.h"

#include <curl/curl.h>

#include <string>

namespace duban {

CurlGlobal::CurlGlobal() {
  const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    status_ = Status::Internal(std::string("libcurl could not be initialised: ") +
                               curl_easy_strerror(code));
  }
}

CurlGlobal::~CurlGlobal() {
  if (status_.ok()) curl_global_cleanup();
}

}  // namespace duban
