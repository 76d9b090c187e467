// The [mail] section: how e-mail leaves duban, read into Config::mail.
//
//   [mail]
//   transport = "smtp"                   # "file" (.eml files in dir) or "smtp"
//   dir = "/var/lib/duban/mail"          # the file transport's folder
//   from = "督办系统 <duban@example.gov.cn>"
//   url = "smtps://mail.example.gov.cn:465"   # smtp://host:587 (STARTTLS) or smtps://
//   starttls = "required"                # or "off": only to a relay on loopback
//   username = "duban@example.gov.cn"    # "" = no AUTH
//   password_file = "/etc/duban/smtp-password"   # or password_env = "NAME"
//   ca_file = ""                         # "" = the system's CA store
//   timeout_seconds = 30                 # 1..600
//   connections = 2                      # 1..32
//   batch_size = 50                      # 1..1000
//   html = true
//
// Errors besides each value's own: transport "smtp" without a url; a url that is not
// smtp:// or smtps:// or carries "user:pass@"; starttls "off" to a host other than
// loopback (mail and password would cross the network in clear) or with smtps://; a
// password without a username or a username without a password; `password = "..."`
// (secrets are never written in the config); a password file or variable that cannot
// be read (see secret_reader.h).
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_MAIL_SCHEMA_H_
#define DUBAN_CONFIG_MAIL_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

std::vector<std::string_view> MailKeys();

// SectionSpec::read and ::describe of [mail]. The password is described by where it is
// read from, never by value.
void ReadMail(const toml::table& table, const std::string& field, ErrorSink& sink,
              const LoadContext& context, Config& config);
void DescribeMail(std::string_view name, const Config& config, std::string& out);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_MAIL_SCHEMA_H_
