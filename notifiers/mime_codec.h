// Byte encodings the email builder needs: base64 (one string, or wrapped in CRLF lines for
// a MIME body part), the SHA-256 hex digest that Message-IDs, boundaries and file names
// derive from, and line endings in canonical CRLF form. In their own namespace so they do
// not clash with the webhook notifiers' helpers in the same library.
//
// Pure functions; thread-safe.
#ifndef DUBAN_NOTIFIERS_MIME_CODEC_H_
#define DUBAN_NOTIFIERS_MIME_CODEC_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace duban::mime {

// Standard base64 (RFC 4648 alphabet, '=' padding), one string without line breaks.
std::string Base64(std::string_view bytes);

// Base64 in lines of `line_length` characters (a multiple of 4; 76 for MIME bodies), each
// ended by CRLF; "" for no bytes.
std::string Base64Lines(std::string_view bytes, size_t line_length = 76);

// The SHA-256 of `bytes` as 64 lowercase hex digits (OpenSSL EVP).
std::string Sha256Hex(std::string_view bytes);

// `text` with every line ending (CRLF, bare LF, bare CR) as CRLF: the canonical form of a
// text body part (RFC 2046 4.1.1), so a body written with '\n' arrives as lines.
std::string CanonicalLineEndings(std::string_view text);

// `text` with each invalid UTF-8 sequence replaced by U+FFFD, so a part declared
// charset=UTF-8 is.
std::string ValidUtf8(std::string_view text);

}  // namespace duban::mime

#endif  // DUBAN_NOTIFIERS_MIME_CODEC_H_
