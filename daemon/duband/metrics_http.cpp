#include "daemon/duband/metrics_http.h"

#include "daemon/duband/metrics.h"

namespace duban {
namespace {

constexpr std::string_view kTextPlain = "text/plain; charset=utf-8";

std::string_view Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

}  // namespace

HttpRequestLine ParseHttpRequestLine(std::string_view head) {
  HttpRequestLine line;
  std::string_view first = head.substr(0, head.find('\n'));
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  const std::size_t space1 = first.find(' ');
  if (space1 == std::string_view::npos) return line;
  const std::size_t space2 = first.find(' ', space1 + 1);
  if (space2 == std::string_view::npos) return line;
  const std::string_view version = first.substr(space2 + 1);
  line.method = std::string(first.substr(0, space1));
  line.target = std::string(first.substr(space1 + 1, space2 - space1 - 1));
  line.valid = !line.method.empty() && !line.target.empty() && version.starts_with("HTTP/1.") &&
               version.size() == 8;
  return line;
}

std::string HttpResponse(int status, std::string_view content_type, std::string_view body,
                         bool head_only, std::string_view extra_headers) {
  std::string response = "HTTP/1.1 " + std::to_string(status) + " " + std::string(Reason(status)) +
                         "\r\nContent-Type: " + std::string(content_type) +
                         "\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\nConnection: close\r\n" + std::string(extra_headers) + "\r\n";
  if (!head_only) response += body;
  return response;
}

std::string RespondToMetricsRequest(std::string_view head,
                                    const std::function<Result<std::string>()>& render) {
  const HttpRequestLine line = ParseHttpRequestLine(head);
  if (!line.valid) return HttpResponse(400, kTextPlain, "not an HTTP/1.x request\n");
  const std::string_view path = std::string_view(line.target).substr(0, line.target.find('?'));
  if (path != "/metrics") {
    return HttpResponse(404, kTextPlain, "not found; the metrics are at /metrics\n");
  }
  const bool head_only = line.method == "HEAD";
  if (line.method != "GET" && !head_only) {
    return HttpResponse(405, kTextPlain, "only GET and HEAD\n", false, "Allow: GET, HEAD\r\n");
  }
  Result<std::string> text = render();
  if (!text.ok()) {
    return HttpResponse(500, kTextPlain, "cannot read the metrics: " + text.status().message() + "\n",
                        head_only);
  }
  return HttpResponse(200, kPrometheusContentType, *text, head_only);
}

}  // namespace duban
