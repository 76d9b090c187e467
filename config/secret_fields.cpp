#include "config/secret_fields.h"

#include "config/secret_reader.h"
#include "config/toml_literals.h"

namespace duban::config_internal {
namespace {

bool IsEnvName(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

// The key counts as given even when its value is refused, so that checks that depend on
// it ("a username needs a password") do not add a second, misleading error.
void ReadSecretFile(ValueReader& in, SecretDraft& draft) {
  draft.file_at = in.where();
  auto path = in.Path();
  if (!path) {
    draft.invalid = true;
    return;
  }
  draft.secret.file = std::move(*path);
}

void ReadSecretEnv(ValueReader& in, SecretDraft& draft) {
  draft.env_at = in.where();
  draft.invalid = true;  // until the name is found good
  auto name = in.String();
  if (!name) return;
  if (!IsEnvName(*name)) {
    // Not echoed: the likeliest mistake is pasting the secret itself here.
    return in.Error("is not an environment variable name (letters, digits and '_', not "
                    "starting with a digit); give the variable's name, not its value");
  }
  draft.secret.env = std::move(*name);
  draft.invalid = false;
}

void RefuseInlineSecret(ValueReader& in, std::string_view key, SecretDraft& draft) {
  draft.inline_at = in.where();
  draft.invalid = true;
  const std::string k(key);
  in.Error("secrets are never written in the config file; put the " + k + " in a file readable "
           "only by duband and write " + k + "_file = \"/etc/duban/...\", or pass it in an "
           "environment variable and write " + k + "_env = \"NAME\"");
}

bool ResolveSecret(SecretDraft& draft, std::string_view key, ErrorSink& sink, const LoadContext& context) {
  if (!draft.given()) return true;
  if (draft.file_at && draft.env_at) {
    const bool env_later = draft.env_at->pos.line > draft.file_at->pos.line ||
                           (draft.env_at->pos.line == draft.file_at->pos.line &&
                            draft.env_at->pos.column > draft.file_at->pos.column);
    const Located& later = env_later ? *draft.env_at : *draft.file_at;
    const std::string k(key);
    sink.Add(later.pos, later.field, "give either " + k + "_file or " + k + "_env, not both");
    return false;
  }
  if (draft.invalid) return false;
  Status status = ReadSecret(*context.secrets, draft.secret);
  if (status.ok()) return true;
  sink.Add(draft.at().pos, draft.at().field, status.message());
  return false;
}

void SecretValueError(const SecretDraft& draft, ErrorSink& sink, const std::string& message) {
  sink.Add(draft.at().pos, draft.at().field, message);
}

void DescribeSecretKeys(std::string_view key, const Secret& secret, std::string& out) {
  const std::string note = "  # " + DescribeSecret(secret) + ", value redacted\n";
  if (!secret.file.empty()) {
    out += std::string(key) + "_file = " + TomlString(secret.file.string()) + note;
  } else if (!secret.env.empty()) {
    out += std::string(key) + "_env = " + TomlString(secret.env) + note;
  }
}

}  // namespace duban::config_internal
