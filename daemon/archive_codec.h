// The encodings of a backup's transfer from duband to dubanctl (docs/BACKUP.md): SHA-256
// of the file, which both sides compute so a copy damaged on the way is refused, and base64
// of each chunk, since the control protocol carries JSON text. Linked into both binaries
// (duban_protocol), through OpenSSL's libcrypto.
//
// Thread-safety: the free functions are thread-safe; a Sha256 is used by one thread.
#ifndef DUBAN_DAEMON_ARCHIVE_CODEC_H_
#define DUBAN_DAEMON_ARCHIVE_CODEC_H_

#include <memory>
#include <string>
#include <string_view>

#include "workflow/status.h"

namespace duban {

// An incremental SHA-256: Update with the bytes in order, then HexDigest (64 lowercase hex
// digits). Update after HexDigest is not allowed.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  std::string HexDigest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The SHA-256 of the file at `path` (read in blocks); kIOError naming the file otherwise.
Result<std::string> Sha256OfFile(const std::string& path);

// Standard base64 (RFC 4648, with padding, no line breaks).
std::string Base64Encode(std::string_view bytes);
// The inverse; kInvalidArgument for text that is not padded standard base64.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace duban

#endif  // DUBAN_DAEMON_ARCHIVE_CODEC_H_
