// TemplateSet: the Mustache templates that notices are rendered from, one per
// "<channel>.<level>.<part>":
//   email.{remind,urge,supervise,circulate}.{subject,text,html}
//   webhook.{remind,urge,supervise,circulate}.{text,markdown}
// Bundled Chinese defaults (default_templates.cpp) are replaced one by one by the office's
// [templates] overrides. Build refuses, with the template's name, its origin and the
// line:column of the tag, an override whose name is unknown, one that does not parse, or
// one that names a field not valid at that place (template_fields.h); so a bad template
// stops a start or a reload instead of producing empty notices.
//
// Lines holding only a section, end or comment tag render as nothing (Mustache's
// "standalone" rule), whether the section renders or not.
//
// Escaping: only the `.html` parts HTML-escape {{field}} values; subjects, text and
// markdown parts are rendered as is ({{{field}}} and {{&field}} never escape).
//
// Immutable after Build; Render is const and thread-safe. Values are cheap to copy.
#ifndef DUBAN_NOTIFIERS_TEMPLATES_H_
#define DUBAN_NOTIFIERS_TEMPLATES_H_

#include <map>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "config/config.h"
#include "workflow/rules.h"
#include "workflow/status.h"

namespace duban {

class TemplateSet {
 public:
  // The bundled defaults only (they always build; a test checks it).
  static TemplateSet Defaults();

  // The defaults with `config.overrides` applied in order. Fails with kInvalidArgument
  // listing every refused override, one per line:
  //   "<origin>: <name>: line L, column C: <what is wrong>"
  // (an unknown name, a name given twice, kainjow's parse error, an unknown field or an
  // unsupported tag). `config.dir` is read by the config loader, not here: its files
  // arrive as overrides with the file as origin.
  static Result<TemplateSet> Build(const TemplatesConfig& config);

  // Every valid template name, sorted.
  static std::span<const std::string> Names();
  static bool IsName(std::string_view name);
  // "email.urge.subject" for (kEmail, kUrge, "subject").
  static std::string NameFor(Channel channel, Level level, std::string_view part);

  // Renders template `name` with `data` (an object of the fields in template_fields.h;
  // numbers render as decimal text, null and missing fields as nothing). An unknown name
  // renders as "" (REQUIRES: IsName(name)).
  std::string Render(std::string_view name, const nlohmann::json& data) const;

  // The source of template `name` and where it came from ("bundled" or the override's
  // origin); "" for an unknown name.
  std::string_view Source(std::string_view name) const;
  std::string_view Origin(std::string_view name) const;

 private:
  struct Entry {
    std::string source;    // as given
    std::string origin;
    std::string prepared;  // as rendered (PrepareForRender in templates.cpp)
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_TEMPLATES_H_
