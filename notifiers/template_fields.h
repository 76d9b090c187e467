// The fields a notice template may name, and the check that a template names only those.
//
// Every template (email.urge.text, webhook.remind.markdown ...) is rendered with the same
// data, built by the message planner (notice_data.h): top-level fields about the message,
// and lists (`items`, `roles` → `levels` → `items`, `agencies` → `items`, `unreached`)
// whose entries have fields of their own. docs/DELIVERY.md "## Templates" documents each
// field; a test checks that every field listed here appears there.
//
// CheckTemplateFields scans the tags of a template that kainjow has already parsed and
// refuses a tag naming a field that is not valid at that nesting, so a typo is caught when
// the configuration loads instead of rendering as nothing in every notice.
//
// Pure functions over constant tables; thread-safe.
#ifndef DUBAN_NOTIFIERS_TEMPLATE_FIELDS_H_
#define DUBAN_NOTIFIERS_TEMPLATE_FIELDS_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace duban {

enum class FieldKind {
  kText,    // a string (numbers are rendered as decimal text): {{name}}
  kFlag,    // true/false, for {{#name}}…{{/name}} and {{^name}}…{{/name}}
  kObject,  // an object, or false when absent: {{#name}}…{{/name}}, {{name.child}}
  kList,    // a list of objects: {{#name}}…{{/name}} repeats for each entry
};

struct TemplateField {
  std::string_view name;
  FieldKind kind = FieldKind::kText;
  std::span<const TemplateField> children;  // kObject, kList: the fields of the entries
};

// The top-level fields of every notice template.
std::span<const TemplateField> NoticeFields();

struct TemplateProblem {
  std::size_t offset = 0;  // byte offset of the tag's "{{" in the template
  std::string message;     // "unknown field \"agnecy\" (did you mean \"agency\"?)"
};

// The first tag of `source` that names an unknown field or uses an unsupported tag
// (partials {{>x}}, set-delimiter {{=<% %>=}}, an empty {{}}, a tag other than a
// comment broken over lines), or nullopt if every tag is
// fine. A name is looked up innermost section first, then outwards, as mustache does;
// dotted names ("task.ref") go through objects; "." is valid only inside a text section.
// A list or flag used as a plain {{variable}} is refused too: it would render nothing.
// REQUIRES: `source` parses (kainjow reported no error), so sections are balanced.
std::optional<TemplateProblem> CheckTemplateFields(std::string_view source,
                                                   std::span<const TemplateField> top);

// 1-based line and column of byte `offset` in `text`; columns count UTF-8 characters.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition PositionAt(std::string_view text, std::size_t offset);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_TEMPLATE_FIELDS_H_
