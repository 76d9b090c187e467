// Endpoints of delivery (the SMTP server, webhook receivers) as the config names them:
// the parts of a URL that the checks care about (scheme, host, port), whether a host is
// the loopback interface, and the CA file to verify the endpoint's certificate with. The
// config allows clear text (smtp:// without STARTTLS, http://) only to loopback, where
// nothing crosses a network.
//
// Not a general URL parser: enough to judge "scheme://[userinfo@]host[:port][/path...]"
// as libcurl will read it. Messages never echo the URL (webhook URLs carry access tokens).
//
// Internal to config/. Pure functions; thread-safe.
#ifndef DUBAN_CONFIG_ENDPOINT_URL_H_
#define DUBAN_CONFIG_ENDPOINT_URL_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "config/value_reader.h"
#include "workflow/status.h"

namespace duban::config_internal {

struct EndpointUrl {
  std::string scheme;      // lower case as written: "smtps", "https"
  std::string host;        // without brackets: "mail.example.gov.cn", "::1", "127.0.0.1"
  int port = 0;            // 0 when the URL gives none
  bool has_userinfo = false;  // "user:pass@" before the host
};

// Parses `url`. Fails (InvalidArgument, a message fit to follow the field name) when it
// contains blanks or control characters, has no "scheme://", no host, an unclosed
// IPv6 bracket, or a port that is not 1..65535.
Result<EndpointUrl> ParseEndpointUrl(std::string_view url);

// "127.0.0.1", "::1" or "localhost" (any case; a trailing dot allowed).
bool IsLoopbackHost(std::string_view host);

// A `ca_file` key: a path (resolved against the config's directory; "" = the system's CA
// store) that must name an existing regular file. nullopt after reporting an error.
std::optional<std::filesystem::path> ReadCaFile(ValueReader& in);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_ENDPOINT_URL_H_
