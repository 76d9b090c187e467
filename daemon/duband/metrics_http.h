// The HTTP side of the metrics endpoint, without sockets: how a request head is read and
// what the answer is (metrics_http_server.h does the Asio part), so both can be tested
// without an io_context, as the Asio HTTP example's request_handler.
//
//   GET /metrics (or HEAD)   200, Content-Type: text/plain; version=0.0.4; charset=utf-8
//   GET /metrics?anything    the same (Prometheus may add parameters)
//   another path             404
//   another method           405 with Allow: GET, HEAD
//   not an HTTP/1.x request  400
//   the metrics cannot be read (the store failed)   500 with the reason
//
// Every response closes the connection (Connection: close): one request per connection
// keeps the server trivial and a scraper does not need more.
//
// Pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBAND_METRICS_HTTP_H_
#define DUBAN_DAEMON_DUBAND_METRICS_HTTP_H_

#include <functional>
#include <string>
#include <string_view>

#include "workflow/status.h"

namespace duban {

// The request line of a request head ("GET /metrics HTTP/1.1\r\nHost: ...\r\n\r\n").
struct HttpRequestLine {
  bool valid = false;  // three parts, an HTTP/1.x version
  std::string method;
  std::string target;  // as sent: "/metrics?x=1"
};
HttpRequestLine ParseHttpRequestLine(std::string_view head);

// The full response (status line, headers, body) to `head`; `render` is called only for
// GET or HEAD of /metrics.
std::string RespondToMetricsRequest(std::string_view head,
                                    const std::function<Result<std::string>()>& render);

// A response with `status` (200, 400, 404, 405, 408, 413, 500, 503) and `body`.
std::string HttpResponse(int status, std::string_view content_type, std::string_view body,
                         bool head_only = false, std::string_view extra_headers = "");

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_METRICS_HTTP_H_
