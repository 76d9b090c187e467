// The bundled Chinese notice templates: one for every TemplateSet name, written as a
// 领导小组办公室 would write them (提醒 polite, 催办 firm, 督办 to the agency's leadership
// with a copy to the office, 通报 to the leading group naming who is late). They use
// only the fields of template_fields.h; docs/DELIVERY.md shows them.
//
// Constant data; thread-safe.
#ifndef DUBAN_NOTIFIERS_DEFAULT_TEMPLATES_H_
#define DUBAN_NOTIFIERS_DEFAULT_TEMPLATES_H_

#include <span>
#include <string_view>

namespace duban {

struct DefaultTemplate {
  std::string_view name;    // "email.remind.subject"
  std::string_view source;  // Mustache
};

// Every bundled template, one per TemplateSet name.
std::span<const DefaultTemplate> DefaultTemplates();

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_DEFAULT_TEMPLATES_H_
