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
// Templates are parsed once, by Build. Immutable after Build: Render is const and may be
// called from several threads (a parsed template is only read while rendering; kainjow
// writes to it only when a lambda or a partial fails, and neither can occur here).
// Copies share the parsed templates and are cheap.
#ifndef DUBAN_NOTIFIERS_TEMPLATES_H_
#define DUBAN_NOTIFIERS_TEMPLATES_H_

#include <map>
#include <memory>
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

  // Template data converted once for several renders (a message renders up to three
  // templates from the same data). Move-only.
  class Values {
   public:
    explicit Values(const nlohmann::json& data);
    ~Values();
    Values(Values&&) noexcept;
    Values& operator=(Values&&) noexcept;

   private:
    friend class TemplateSet;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };

  // Renders template `name` with `data` (an object of the fields in template_fields.h;
  // numbers render as decimal text, null and missing fields as nothing; an empty text
  // counts as false in sections). An unknown name renders as "" (REQUIRES: IsName(name)).
  std::string Render(std::string_view name, const Values& data) const;
  std::string Render(std::string_view name, const nlohmann::json& data) const;

  // The source of template `name` and where it came from ("bundled" or the override's
  // origin); "" for an unknown name.
  std::string_view Source(std::string_view name) const;
  std::string_view Origin(std::string_view name) const;

 private:
  struct Compiled;  // the parsed template, as rendered (templates.cpp)
  struct Entry {
    std::string source;  // as given
    std::string origin;
    std::shared_ptr<const Compiled> compiled;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_TEMPLATES_H_
