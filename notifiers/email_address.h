// EmailAddress: a mailbox as duban writes it, a display name (UTF-8, may be empty) and a
// bare ASCII address, parsed from the config's "[mail] from" ("督办系统 <duban@example.gov.cn>",
// "\"Office, Duban\" <duban@example.gov.cn>" or a bare "duban@example.gov.cn") and checked
// before anything reaches an SMTP envelope or a header.
//
// The address rule is deliberately narrower than RFC 5321: printable ASCII, one '@', a
// dot-atom local part (no quoted local parts, no comments) and a host name or an address
// literal ("[192.0.2.1]"). What it accepts can be put in MAIL FROM, RCPT TO and a header
// as is; what it refuses (spaces, CR, LF, controls, '<', '>', ',', non-ASCII) is what a
// header-injection or envelope-smuggling attempt needs. Internationalised addresses
// (SMTPUTF8) are out of scope.
//
// Pure functions and plain values; thread-safe.
#ifndef DUBAN_NOTIFIERS_EMAIL_ADDRESS_H_
#define DUBAN_NOTIFIERS_EMAIL_ADDRESS_H_

#include <string>
#include <string_view>

#include "workflow/status.h"

namespace duban {

struct EmailAddress {
  std::string display_name;  // UTF-8 without control characters; "" = none
  std::string address;       // "local@domain", checked by ValidateAddress

  // The part after '@' ("example.gov.cn"); Message-IDs use it as their right-hand side.
  std::string_view domain() const;

  bool operator==(const EmailAddress&) const = default;
};

// OK if `address` is a bare address duban may use (see the file comment); otherwise
// InvalidArgument naming `field` and the reason: "[mail] from: \"a b@x\" has a space".
Status ValidateAddress(std::string_view address, std::string_view field);

// Parses "Name <addr>", "\"Quoted, Name\" <addr>", "<addr>" or "addr". The display name is
// trimmed, unquoted (\" and \\ unescaped) and must hold no control characters (CR, LF,
// TAB, DEL, C1) and be valid UTF-8. Errors are InvalidArgument naming `field`.
Result<EmailAddress> ParseEmailAddress(std::string_view text, std::string_view field);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_EMAIL_ADDRESS_H_
