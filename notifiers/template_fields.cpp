#include "notifiers/template_fields.h"

#include <algorithm>
#include <array>
#include <vector>

namespace duban {
namespace {

using K = FieldKind;

// The tables below are the contract with docs/DELIVERY.md "## Templates" and with
// notice_data.cpp, which fills exactly these fields.
constexpr std::array<TemplateField, 9> kTargetFields{{
    {"name", K::kText, {}},
    {"target", K::kText, {}},
    {"last_value", K::kText, {}},
    {"last_date", K::kText, {}},
    {"last_agency", K::kText, {}},
    {"status", K::kText, {}},
    {"status_zh", K::kText, {}},
    {"behind", K::kFlag, {}},
    {"line", K::kText, {}},
}};

constexpr std::array<TemplateField, 19> kItemFields{{
    {"index", K::kText, {}},
    {"ref", K::kText, {}},
    {"title", K::kText, {}},
    {"section", K::kText, {}},
    {"agency", K::kText, {}},
    {"role", K::kText, {}},
    {"level", K::kText, {}},
    {"due", K::kText, {}},
    {"due_iso", K::kText, {}},
    {"occurrence", K::kText, {}},
    {"what", K::kText, {}},
    {"overdue", K::kFlag, {}},
    {"days_overdue", K::kText, {}},
    {"days_left", K::kText, {}},
    {"due_today", K::kFlag, {}},
    {"times", K::kText, {}},
    {"repeated", K::kFlag, {}},
    {"targets", K::kList, kTargetFields},
    {"targets_line", K::kText, {}},
}};

constexpr std::array<TemplateField, 3> kLevelGroupFields{{
    {"level", K::kText, {}},
    {"count", K::kText, {}},
    {"items", K::kList, kItemFields},
}};

constexpr std::array<TemplateField, 4> kRoleGroupFields{{
    {"role", K::kText, {}},
    {"role_heading", K::kText, {}},
    {"count", K::kText, {}},
    {"levels", K::kList, kLevelGroupFields},
}};

constexpr std::array<TemplateField, 3> kAgencyGroupFields{{
    {"name", K::kText, {}},
    {"count", K::kText, {}},
    {"items", K::kList, kItemFields},
}};

constexpr std::array<TemplateField, 4> kUnreachedFields{{
    {"recipient", K::kText, {}},
    {"agency", K::kText, {}},
    {"ref", K::kText, {}},
    {"missing", K::kText, {}},
}};

constexpr std::array<TemplateField, 5> kTaskFields{{
    {"ref", K::kText, {}},
    {"title", K::kText, {}},
    {"section", K::kText, {}},
    {"targets", K::kList, kTargetFields},
    {"targets_line", K::kText, {}},
}};

constexpr std::array<TemplateField, 22> kTopFields{{
    {"recipient", K::kText, {}},
    {"salutation", K::kText, {}},
    {"office", K::kText, {}},
    {"level", K::kText, {}},
    {"date", K::kText, {}},
    {"count", K::kText, {}},
    {"task_count", K::kText, {}},
    {"overdue_count", K::kText, {}},
    {"agency_names", K::kText, {}},
    {"agency_count", K::kText, {}},
    {"single_agency", K::kFlag, {}},
    {"show_agency", K::kFlag, {}},
    {"to_contact", K::kFlag, {}},
    {"to_leadership", K::kFlag, {}},
    {"to_office", K::kFlag, {}},
    {"to_leading_group", K::kFlag, {}},
    {"task", K::kObject, kTaskFields},
    {"items", K::kList, kItemFields},
    {"roles", K::kList, kRoleGroupFields},
    {"agencies", K::kList, kAgencyGroupFields},
    {"unreached", K::kList, kUnreachedFields},
    {"has_unreached", K::kFlag, {}},
}};

// One tag as mustache reads it with the default delimiters.
struct Tag {
  std::size_t offset = 0;
  char sigil = 0;  // '#', '^', '/', '>', '&', '!', '=', '{' (triple) or 0 (plain variable)
  std::string_view name;
  bool multiline = false;  // a line break inside the tag
};

std::string_view Trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// The tags of `source` in order, delimited exactly as kainjow does ({{{ }}} for triples).
std::vector<Tag> ScanTags(std::string_view source) {
  std::vector<Tag> tags;
  std::size_t pos = 0;
  while ((pos = source.find("{{", pos)) != std::string_view::npos) {
    Tag tag;
    tag.offset = pos;
    std::size_t begin = pos + 2;
    const bool triple = begin < source.size() && source[begin] == '{';
    if (triple) ++begin;
    const std::string_view close = triple ? "}}}" : "}}";
    const std::size_t end = source.find(close, begin);
    if (end == std::string_view::npos) break;  // kainjow refused this already
    const std::string_view raw = source.substr(begin, end - begin);
    tag.multiline = raw.find_first_of("\r\n") != std::string_view::npos;
    std::string_view contents = Trim(raw);
    if (triple) {
      tag.sigil = '{';
    } else if (!contents.empty() &&
               std::string_view("#^/>&!=").find(contents.front()) != std::string_view::npos) {
      tag.sigil = contents.front();
      contents = Trim(contents.substr(1));
    }
    tag.name = contents;
    tags.push_back(tag);
    pos = end + close.size();
  }
  return tags;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The names visible from the innermost section outwards, as mustache resolves them.
class ScopeStack {
 public:
  explicit ScopeStack(std::span<const TemplateField> top) { scopes_.push_back({top, false}); }

  void Push(std::span<const TemplateField> fields, bool text_value) {
    scopes_.push_back({fields, text_value});
  }
  void Pop() {
    if (scopes_.size() > 1) scopes_.pop_back();
  }
  bool InTextSection() const { return scopes_.back().text_value; }

  const TemplateField* Find(std::string_view name) const {
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
      for (const TemplateField& field : scope->fields) {
        if (field.name == name) return &field;
      }
    }
    return nullptr;
  }

  // The visible name closest to `name` (at most 2 edits away), or "".
  std::string_view Closest(std::string_view name) const {
    std::string_view best;
    std::size_t best_distance = 3;
    for (const Scope& scope : scopes_) {
      for (const TemplateField& field : scope.fields) {
        const std::size_t distance = EditDistance(name, field.name);
        if (distance < best_distance) {
          best = field.name;
          best_distance = distance;
        }
      }
    }
    return best;
  }

 private:
  struct Scope {
    std::span<const TemplateField> fields;
    bool text_value;  // inside {{#text}}: "." is that text
  };
  std::vector<Scope> scopes_;
};

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Resolves a possibly dotted name; on failure says why in `*error`.
const TemplateField* Resolve(const ScopeStack& scopes, std::string_view name, std::string* error) {
  const std::size_t dot = name.find('.');
  const std::string_view head = name.substr(0, dot);
  const TemplateField* field = scopes.Find(head);
  if (field == nullptr) {
    *error = "unknown field " + Quoted(head);
    const std::string_view closest = scopes.Closest(head);
    if (!closest.empty()) *error += " (did you mean " + Quoted(closest) + "?)";
    return nullptr;
  }
  std::string_view rest = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  while (!rest.empty()) {
    const std::size_t next = rest.find('.');
    const std::string_view part = rest.substr(0, next);
    if (field->kind != FieldKind::kObject) {
      *error = Quoted(field->name) + " has no fields to name with a dot";
      return nullptr;
    }
    const auto child = std::find_if(field->children.begin(), field->children.end(),
                                    [&](const TemplateField& f) { return f.name == part; });
    if (child == field->children.end()) {
      *error = "unknown field " + Quoted(part) + " in " + Quoted(field->name);
      return nullptr;
    }
    field = &*child;
    rest = next == std::string_view::npos ? "" : rest.substr(next + 1);
  }
  return field;
}

std::string NotAVariable(const TemplateField& field) {
  const std::string section = "{{#" + std::string(field.name) + "}}…{{/" +
                              std::string(field.name) + "}}";
  switch (field.kind) {
    case FieldKind::kFlag: return Quoted(field.name) + " is a yes/no flag: use " + section;
    case FieldKind::kList: return Quoted(field.name) + " is a list: use " + section;
    case FieldKind::kObject: return Quoted(field.name) + " is a group of fields: use " + section;
    case FieldKind::kText: break;
  }
  return "";
}

// Checks one tag and updates the scopes; returns "" when the tag is fine.
std::string CheckTag(const Tag& tag, ScopeStack* scopes) {
  switch (tag.sigil) {
    case '!': return "";
    case '/': scopes->Pop(); return "";
    case '>': return "partials ({{>" + std::string(tag.name) + "}}) are not supported";
    case '=': return "set-delimiter tags are not supported: use {{ }}";
    default: break;
  }
  if (tag.multiline) return "a tag may not span lines";
  if (tag.name.empty()) return "empty tag";
  if (tag.name == ".") {
    if (tag.sigil == '#' || tag.sigil == '^' || !scopes->InTextSection()) {
      return "{{.}} is only valid inside a text field's section: name a field instead";
    }
    return "";
  }
  std::string error;
  const TemplateField* field = Resolve(*scopes, tag.name, &error);
  if (field == nullptr) return error;
  if (tag.sigil == '#') {
    const bool has_fields = field->kind == FieldKind::kList || field->kind == FieldKind::kObject;
    scopes->Push(has_fields ? field->children : std::span<const TemplateField>{},
                 field->kind == FieldKind::kText);
    return "";
  }
  if (tag.sigil == '^') {
    scopes->Push({}, false);  // rendered only when the value is absent: it adds no names
    return "";
  }
  return NotAVariable(*field);
}

}  // namespace

std::span<const TemplateField> NoticeFields() { return kTopFields; }

std::optional<TemplateProblem> CheckTemplateFields(std::string_view source,
                                                   std::span<const TemplateField> top) {
  ScopeStack scopes(top);
  for (const Tag& tag : ScanTags(source)) {
    std::string error = CheckTag(tag, &scopes);
    if (!error.empty()) return TemplateProblem{tag.offset, std::move(error)};
  }
  return std::nullopt;
}

TextPosition PositionAt(std::string_view text, std::size_t offset) {
  TextPosition position;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++position.column;
    }
  }
  return position;
}

}  // namespace duban
