// The [templates] section: the office's overrides of the bundled Chinese message
// templates, read into Config::templates. Only read here: whether a name is a known
// template and whether its text parses is TemplateSet::Build's judgement
// (notifiers/templates.h), since config/ does not depend on notifiers/.
//
//   [templates]
//   dir = "templates"                          # every NAME.mustache in it overrides NAME
//   "email.remind.subject" = "【提醒】{{task_ref}}"   # quoted: the name has dots
//   [templates.webhook.urge]                   # dotted tables work too:
//   markdown = "..."                           #   this is "webhook.urge.markdown"
//
// Overrides from keys come first (origin "<config file>:<line>"), then the dir's files
// sorted by name (origin: the file's path). Errors: a dir that is not a directory, a
// template file that cannot be read, a value that is not a string, a name given both as
// a key and as a file.
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_TEMPLATES_SCHEMA_H_
#define DUBAN_CONFIG_TEMPLATES_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

// A template file larger than this is refused.
inline constexpr std::size_t kMaxTemplateBytes = 256 * 1024;

std::vector<std::string_view> TemplatesKeys();  // {"dir"}: the names are free

void ReadTemplates(const toml::table& table, const std::string& field, ErrorSink& sink,
                   const LoadContext& context, Config& config);
// dir and the overrides from keys; the dir's files are read again from dir.
void DescribeTemplates(std::string_view name, const Config& config, std::string& out);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_TEMPLATES_SCHEMA_H_
