#include "notifiers/webhook_signing.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

namespace duban {
namespace signing {
namespace {

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '+' || c == '/';
}

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // A zero-length key is legal for HMAC; OpenSSL wants a non-null pointer for it.
  static const unsigned char kEmpty = 0;
  const void* key_bytes = key.empty() ? &kEmpty : static_cast<const void*>(key.data());
  HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()),
       message.empty() ? &kEmpty : Bytes(message), message.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0F];
  }
  return hex;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // + EVP's terminating NUL
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      Bytes(bytes), static_cast<int>(bytes.size()));
  out.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  // EVP_DecodeBlock skips whitespace and decodes '=' as zero bytes, so the strict checks
  // and the padding arithmetic are ours.
  if (text.size() % 4 != 0) {
    return Status::InvalidArgument("base64 length is not a multiple of 4");
  }
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  for (std::size_t i = 0; i + padding < text.size(); ++i) {
    if (!IsBase64Char(text[i])) return Status::InvalidArgument("not valid base64");
  }
  std::string out(text.size() / 4 * 3, '\0');
  if (text.empty()) return out;
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      Bytes(text), static_cast<int>(text.size()));
  if (written < 0 || static_cast<std::size_t>(written) < padding) {
    return Status::InvalidArgument("not valid base64");
  }
  out.resize(static_cast<std::size_t>(written) - padding);
  return out;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    if (IsUnreserved(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kDigits[byte >> 4];
      out += kDigits[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace signing

Result<std::string> StandardWebhookKey(std::string_view secret) {
  if (secret.substr(0, kStandardSecretPrefix.size()) != kStandardSecretPrefix) {
    return Status::InvalidArgument(
        "a standard webhook secret must start with \"whsec_\" followed by base64");
  }
  Result<std::string> key = signing::Base64Decode(secret.substr(kStandardSecretPrefix.size()));
  if (!key.ok()) {
    return Status::InvalidArgument("the standard webhook secret after \"whsec_\" is " +
                                   key.status().message());
  }
  if (key->empty()) return Status::InvalidArgument("the standard webhook secret is empty");
  return key;
}

Result<std::string> SignStandardWebhook(std::string_view secret, std::string_view id,
                                        int64_t timestamp_seconds, std::string_view body) {
  Result<std::string> key = StandardWebhookKey(secret);
  if (!key.ok()) return key.status();
  std::string signed_content;
  signed_content.reserve(id.size() + body.size() + 24);
  signed_content.append(id).append(".").append(std::to_string(timestamp_seconds)).append(".");
  signed_content.append(body);
  return "v1," + signing::Base64Encode(signing::HmacSha256(*key, signed_content));
}

std::string SignDingTalk(std::string_view secret, int64_t timestamp_ms) {
  const std::string string_to_sign = std::to_string(timestamp_ms) + "\n" + std::string(secret);
  return signing::PercentEncode(
      signing::Base64Encode(signing::HmacSha256(secret, string_to_sign)));
}

std::string SignFeishu(std::string_view secret, int64_t timestamp_seconds) {
  const std::string key = std::to_string(timestamp_seconds) + "\n" + std::string(secret);
  return signing::Base64Encode(signing::HmacSha256(key, ""));
}

}  // namespace duban
