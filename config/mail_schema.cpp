#include "config/mail_schema.h"

#include <optional>

#include "config/config_values.h"
#include "config/endpoint_url.h"
#include "config/secret_fields.h"

namespace duban::config_internal {
namespace {

// [mail] as read, with where the values that are checked together were.
struct MailDraft {
  MailConfig mail;
  std::optional<Located> transport_at;
  std::optional<Located> starttls_at;
  std::optional<Located> username_at;
  std::optional<EndpointUrl> url;  // parsed, when the file gives a valid one
  SecretDraft password;
};

std::optional<std::string> CheckTransport(std::string_view transport) {
  if (transport == "file" || transport == "smtp") return std::nullopt;
  return "\"" + std::string(transport) + "\" is not a mail transport; use file or smtp";
}

std::optional<std::string> CheckStartTls(std::string_view mode) {
  if (mode == "required" || mode == "off") return std::nullopt;
  return "\"" + std::string(mode) + "\" is not a starttls mode; use required or off";
}

std::optional<std::string> CheckMailFrom(std::string_view from) {
  if (auto problem = CheckMailbox(from)) return "not a valid e-mail address: it " + *problem;
  return std::nullopt;
}

std::optional<std::string> CheckUsername(std::string_view name) {
  if (auto control = FindControlCharacter(name)) return "username contains " + *control;
  if (name.size() > 256) return "username is longer than 256 bytes";
  return std::nullopt;
}

void ReadUrl(ValueReader& in, MailDraft& d) {
  auto text = in.String();
  if (!text) return;
  d.mail.url = *text;
  if (text->empty()) return;  // none: transport = "file"
  auto url = ParseEndpointUrl(*text);
  if (!url.ok()) return in.Error("SMTP URL " + url.status().message());
  if (url->scheme != "smtp" && url->scheme != "smtps") {
    return in.Error("SMTP URL must start with smtp:// (STARTTLS, port 587) or smtps:// (TLS, port 465)");
  }
  if (url->has_userinfo) {
    return in.Error("SMTP URL must not carry a user name or password; use username and "
                    "password_file or password_env");
  }
  d.url = std::move(*url);
}

// clang-format off
const FieldSpec<MailDraft> kMailFields[] = {
    {"transport",
     [](ValueReader& in, MailDraft& d) { Assign(in.String(&CheckTransport), d.mail.transport); d.transport_at = in.where(); },
     nullptr},
    {"dir", [](ValueReader& in, MailDraft& d) { Assign(in.Path(), d.mail.dir); }, nullptr},
    {"from", [](ValueReader& in, MailDraft& d) { Assign(in.String(&CheckMailFrom), d.mail.from); }, nullptr},
    {"url", &ReadUrl, nullptr},
    {"starttls",
     [](ValueReader& in, MailDraft& d) { Assign(in.String(&CheckStartTls), d.mail.starttls); d.starttls_at = in.where(); },
     nullptr},
    {"username",
     [](ValueReader& in, MailDraft& d) { Assign(in.String(&CheckUsername), d.mail.username); d.username_at = in.where(); },
     nullptr},
    {"password_file", [](ValueReader& in, MailDraft& d) { ReadSecretFile(in, d.password); }, nullptr},
    {"password_env", [](ValueReader& in, MailDraft& d) { ReadSecretEnv(in, d.password); }, nullptr},
    {"password", [](ValueReader& in, MailDraft& d) { RefuseInlineSecret(in, "password", d.password); }, nullptr},
    {"ca_file", [](ValueReader& in, MailDraft& d) { Assign(ReadCaFile(in), d.mail.ca_file); }, nullptr},
    {"timeout_seconds", [](ValueReader& in, MailDraft& d) { Assign(in.Integer(1, 600), d.mail.timeout_seconds); }, nullptr},
    {"connections", [](ValueReader& in, MailDraft& d) { Assign(in.Integer(1, 32), d.mail.connections); }, nullptr},
    {"batch_size", [](ValueReader& in, MailDraft& d) { Assign(in.Integer(1, 1000), d.mail.batch_size); }, nullptr},
    {"html", [](ValueReader& in, MailDraft& d) { Assign(in.Boolean(), d.mail.html); }, nullptr},
};
// clang-format on

// starttls = "off" is plain SMTP: acceptable only where nothing crosses a network.
void CheckStartTlsOff(const MailDraft& d, ErrorSink& sink) {
  if (d.mail.starttls != "off" || !d.starttls_at || !d.url) return;
  const Located& at = *d.starttls_at;
  if (d.url->scheme == "smtps") {
    sink.Add(at.pos, at.field,
             "starttls applies to smtp:// URLs only; smtps:// is TLS from the first byte, so leave "
             "starttls out");
  } else if (!IsLoopbackHost(d.url->host)) {
    sink.Add(at.pos, at.field,
             "starttls = \"off\" would send mail and the password in clear to " + d.url->host +
                 "; it is allowed only for a relay on loopback (127.0.0.1, ::1, localhost)");
  }
}

// transport = "smtp" (which only the file can set) needs somewhere to send to.
void CheckUrlGiven(const MailDraft& d, const toml::table& table, const std::string& field, ErrorSink& sink) {
  if (d.mail.transport != "smtp" || !d.mail.url.empty()) return;
  const toml::node* url = table.get("url");
  if (url == nullptr) {
    sink.Add(d.transport_at->pos, JoinField(field, "url"),
             "missing required key \"url\" in [mail]: transport = \"smtp\" needs it "
             "(smtps://host:465 or smtp://host:587)");
  } else if (url->is_string()) {
    sink.Add(PositionOf(url->source()), JoinField(field, "url"),
             "transport = \"smtp\" needs a url (smtps://host:465 or smtp://host:587)");
  }
}

void CheckAuth(const MailDraft& d, ErrorSink& sink) {
  if (d.password.invalid) return;  // the password key itself is wrong; that error says enough
  const bool has_user = !d.mail.username.empty();
  if (d.password.given() && !has_user) {
    SecretValueError(d.password, sink, "a password needs a username to log in with; set username");
  }
  if (has_user && !d.password.given()) {
    sink.Add(d.username_at->pos, d.username_at->field,
             "username \"" + d.mail.username + "\" needs a password: set password_file or password_env");
  }
}

}  // namespace

std::vector<std::string_view> MailKeys() { return KeysOf<MailDraft>(kMailFields); }

void ReadMail(const toml::table& table, const std::string& field, ErrorSink& sink,
              const LoadContext& context, Config& config) {
  MailDraft d;
  d.mail = config.mail;
  ReadFields<MailDraft>(table, kMailFields, SectionLabel(field, false), field, sink, context, d);
  CheckUrlGiven(d, table, field, sink);
  CheckStartTlsOff(d, sink);
  CheckAuth(d, sink);
  if (ResolveSecret(d.password, "password", sink, context)) d.mail.password = d.password.secret;
  config.mail = std::move(d.mail);
}

void DescribeMail(std::string_view name, const Config& config, std::string& out) {
  const MailConfig& mail = config.mail;
  out += SectionLabel(name, false) + '\n';
  out += "transport = " + TomlString(mail.transport) + '\n';
  out += "dir = " + TomlString(mail.dir.string()) + '\n';
  out += "from = " + TomlString(mail.from) + '\n';
  out += "url = " + TomlString(mail.url) + '\n';
  out += "starttls = " + TomlString(mail.starttls) + '\n';
  out += "username = " + TomlString(mail.username) + '\n';
  DescribeSecretKeys("password", mail.password, out);
  out += "ca_file = " + TomlString(mail.ca_file.string()) + '\n';
  out += "timeout_seconds = " + TomlInt(mail.timeout_seconds) + '\n';
  out += "connections = " + TomlInt(mail.connections) + '\n';
  out += "batch_size = " + TomlInt(mail.batch_size) + '\n';
  out += "html = " + TomlBool(mail.html) + '\n';
}

}  // namespace duban::config_internal
