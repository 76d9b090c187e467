#include "notifiers/mime_codec.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>

#include "workflow/text_normalize.h"

namespace duban::mime {

std::string Base64(std::string_view bytes) {
  if (bytes.empty()) return "";
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  // EVP_EncodeBlock takes an int length; bodies are far below 2 GiB, but encode in blocks
  // of a multiple of 3 anyway so no length can overflow it.
  constexpr size_t kBlock = 3 * (1 << 20);
  size_t written = 0;
  for (size_t pos = 0; pos < bytes.size(); pos += kBlock) {
    const size_t n = std::min(kBlock, bytes.size() - pos);
    written += static_cast<size_t>(
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + written),
                        reinterpret_cast<const unsigned char*>(bytes.data() + pos),
                        static_cast<int>(n)));
  }
  out.resize(written);
  return out;
}

std::string Base64Lines(std::string_view bytes, size_t line_length) {
  const std::string flat = Base64(bytes);
  std::string out;
  out.reserve(flat.size() + 2 * (flat.size() / line_length + 1));
  for (size_t pos = 0; pos < flat.size(); pos += line_length) {
    out.append(flat, pos, line_length);
    out += "\r\n";
  }
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0F];
  }
  return out;
}

std::string CanonicalLineEndings(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const size_t bad = FindInvalidUtf8(text);
    if (bad == std::string_view::npos) {
      out.append(text);
      break;
    }
    out.append(text.substr(0, bad));
    AppendUtf8(out, 0xFFFD);
    text.remove_prefix(bad + 1);
  }
  return out;
}

}  // namespace duban::mime
