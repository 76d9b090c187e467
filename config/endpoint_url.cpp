#include "config/endpoint_url.h"

#include <algorithm>
#include <system_error>

namespace duban::config_internal {
namespace {

bool IsSchemeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '-' || c == '.';
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

Status Bad(std::string message) { return Status::InvalidArgument(std::move(message)); }

// "1..65535" after the host's ':'; 0 for none.
Result<int> ParsePort(std::string_view text) {
  if (text.empty() || text.size() > 5) return Bad("has an invalid port (1..65535)");
  int port = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return Bad("has an invalid port (1..65535)");
    port = port * 10 + (c - '0');
  }
  if (port < 1 || port > 65535) return Bad("has an invalid port (1..65535)");
  return port;
}

// The authority "[userinfo@]host[:port]" into `url`.
Status ParseAuthority(std::string_view authority, EndpointUrl& url) {
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    url.has_userinfo = true;
    authority.remove_prefix(at + 1);
  }
  std::string_view after_host;  // ":port" or ""
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Bad("has an unclosed '[' around its host");
    url.host = std::string(authority.substr(1, close - 1));
    after_host = authority.substr(close + 1);
    if (!after_host.empty() && after_host.front() != ':') return Bad("has text after the ']' of its host");
  } else {
    const std::size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) after_host = authority.substr(colon);
  }
  if (url.host.empty()) return Bad("has no host");
  if (!after_host.empty()) {
    auto port = ParsePort(after_host.substr(1));
    if (!port.ok()) return port.status();
    url.port = *port;
  }
  return Status::OK();
}

}  // namespace

Result<EndpointUrl> ParseEndpointUrl(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return Bad("must not contain blanks or control characters");
  }
  const std::size_t separator = text.find("://");
  if (separator == std::string_view::npos || separator == 0 ||
      !std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(separator), &IsSchemeChar)) {
    return Bad("is not a URL (scheme://host...)");
  }
  EndpointUrl url;
  url.scheme = Lower(text.substr(0, separator));
  std::string_view rest = text.substr(separator + 3);
  const std::size_t end = rest.find_first_of("/?#");
  if (Status status = ParseAuthority(rest.substr(0, end), url); !status.ok()) return status;
  return url;
}

bool IsLoopbackHost(std::string_view host) {
  std::string lower = Lower(host);
  if (lower.size() > 1 && lower.back() == '.') lower.pop_back();
  return lower == "127.0.0.1" || lower == "::1" || lower == "localhost";
}

std::optional<std::filesystem::path> ReadCaFile(ValueReader& in) {
  auto path = in.Path(/*allow_empty=*/true);
  if (!path || path->empty()) return path;
  std::error_code ec;
  const auto status = std::filesystem::status(*path, ec);
  if (!std::filesystem::exists(status)) {
    in.Error("CA file " + path->string() + " does not exist");
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(status)) {
    in.Error("CA file " + path->string() + " is not a regular file");
    return std::nullopt;
  }
  return path;
}

}  // namespace duban::config_internal
