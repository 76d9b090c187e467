#include "notifiers/templates.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <vector>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "notifiers/default_templates.h"
#include "notifiers/template_fields.h"

namespace duban {
namespace {

namespace mustache = kainjow::mustache;

constexpr std::array<Level, 4> kLevels = {Level::kRemind, Level::kUrge, Level::kSupervise,
                                          Level::kCirculate};
constexpr std::array<std::string_view, 3> kEmailParts = {"subject", "text", "html"};
constexpr std::array<std::string_view, 2> kWebhookParts = {"text", "markdown"};

std::vector<std::string> AllNames() {
  std::vector<std::string> names;
  for (Level level : kLevels) {
    for (std::string_view part : kEmailParts) {
      names.push_back(TemplateSet::NameFor(Channel::kEmail, level, part));
    }
    for (std::string_view part : kWebhookParts) {
      names.push_back(TemplateSet::NameFor(Channel::kWebhook, level, part));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool IsHtmlPart(std::string_view name) { return name.ends_with(".html"); }

// kainjow reports "Unclosed tag at 12": the byte offset, if the message ends with one,
// and the message without it.
std::pair<std::optional<std::size_t>, std::string> SplitParseError(const std::string& error) {
  const std::size_t at = error.rfind(" at ");
  if (at == std::string::npos) return {std::nullopt, error};
  std::size_t offset = 0;
  const char* first = error.data() + at + 4;
  const char* last = error.data() + error.size();
  const auto [end, ec] = std::from_chars(first, last, offset);
  if (ec != std::errc() || end != last) return {std::nullopt, error};
  return {offset, error.substr(0, at)};
}

std::string Located(std::string_view source, std::size_t offset, std::string_view what) {
  const TextPosition position = PositionAt(source, offset);
  return "line " + std::to_string(position.line) + ", column " +
         std::to_string(position.column) + ": " + std::string(what);
}

// Why `source` cannot serve as a template, or "" if it can.
std::string Refusal(std::string_view source) {
  const mustache::mustache parsed{std::string(source)};
  if (!parsed.is_valid()) {
    const auto [offset, message] = SplitParseError(parsed.error_message());
    if (!offset) return "does not parse: " + message;
    return Located(source, *offset, "does not parse: " + message);
  }
  if (const auto problem = CheckTemplateFields(source, NoticeFields())) {
    return Located(source, problem->offset, problem->message);
  }
  return "";
}

std::string NameHelp() {
  return "template names are email.<level>.subject|text|html and "
         "webhook.<level>.text|markdown, <level> one of remind, urge, supervise, circulate";
}

// True if `line` (without its newline) is one section, inverted-section, end or comment
// tag with nothing but blanks around it: a "standalone" tag in the Mustache spec.
bool IsStandaloneTag(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return false;
  line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
  return line.size() >= 5 && line.starts_with("{{") && line.find("}}") == line.size() - 2 &&
         std::string_view("#^/!").find(line[2]) != std::string_view::npos;
}

// kainjow's own line handling drops the blank line that follows a section which rendered
// and keeps an empty line for one that did not. So templates are rendered as one line:
// line breaks are swapped for these two bytes (which values never keep, see
// ToMustache) and swapped back afterwards, and the Mustache spec's "standalone" rule is
// applied here instead: a line holding only a section, end or comment tag is reduced to
// the bare tag, its blanks and line break dropped.
constexpr char kLineFeed = '\x1f';
constexpr char kCarriageReturn = '\x1e';

std::string PrepareForRender(std::string_view source) {
  std::string out;
  out.reserve(source.size());
  std::size_t begin = 0;
  while (begin < source.size()) {
    std::size_t end = source.find('\n', begin);
    const std::size_t next = end == std::string_view::npos ? source.size() : end + 1;
    if (end == std::string_view::npos) end = source.size();
    const std::string_view line = source.substr(begin, end - begin);
    if (IsStandaloneTag(line)) {
      const std::size_t tag = line.find("{{");
      out.append(line.substr(tag, line.find("}}") + 2 - tag));
    } else {
      out.append(source.substr(begin, next - begin));
    }
    begin = next;
  }
  for (char& c : out) {
    if (c == '\n') c = kLineFeed;
    if (c == '\r') c = kCarriageReturn;
  }
  return out;
}

void RestoreLineBreaks(std::string* text) {
  for (char& c : *text) {
    if (c == kLineFeed) c = '\n';
    if (c == kCarriageReturn) c = '\r';
  }
}

// A value never carries the stand-in bytes, so only the template's own breaks come back.
std::string WithoutStandIns(std::string text) {
  for (char& c : text) {
    if (c == kLineFeed || c == kCarriageReturn) c = ' ';
  }
  return text;
}

// kainjow's data has no way to move a child in (set and push_back copy it), so each
// level would copy its whole subtree again. A placeholder is added and the child moved
// over it instead: the element is const only through the accessor, not in itself.
mustache::data ToMustache(const nlohmann::json& value);

void MoveInto(const mustache::data* slot, mustache::data child) {
  *const_cast<mustache::data*>(slot) = std::move(child);
}

mustache::data ToMustache(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, child] : value.items()) {
        object.set(key, mustache::data{false});
        MoveInto(object.get(key), ToMustache(child));
      }
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& child : value) {
        list.push_back(mustache::data{false});
        MoveInto(&list.list_value().back(), ToMustache(child));
      }
      return list;
    }
    case nlohmann::json::value_t::string:
      // "" as false: renders as nothing either way, and {{#title}}…{{/title}} then means
      // "if there is a title" (kainjow would render the section for any string).
      if (value.get_ref<const std::string&>().empty()) return mustache::data{false};
      return mustache::data{WithoutStandIns(value.get<std::string>())};
    case nlohmann::json::value_t::boolean:
      return mustache::data{value.get<bool>()};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return mustache::data{value.dump()};
    default:
      return mustache::data{false};
  }
}

}  // namespace

struct TemplateSet::Compiled {
  explicit Compiled(std::string_view source, bool html) : parsed(PrepareForRender(source)) {
    if (!html) parsed.set_custom_escape([](const std::string& text) { return text; });
  }
  // kainjow's render is not const, though it only reads a valid template.
  mutable mustache::mustache parsed;
};

struct TemplateSet::Values::Impl {
  mustache::data data;
};

TemplateSet::Values::Values(const nlohmann::json& data)
    : impl_(std::make_unique<Impl>(Impl{ToMustache(data)})) {}
TemplateSet::Values::~Values() = default;
TemplateSet::Values::Values(Values&&) noexcept = default;
TemplateSet::Values& TemplateSet::Values::operator=(Values&&) noexcept = default;

TemplateSet TemplateSet::Defaults() {
  TemplateSet set;
  for (const DefaultTemplate& bundled : DefaultTemplates()) {
    set.entries_[std::string(bundled.name)] =
        Entry{std::string(bundled.source), "bundled",
              std::make_shared<const Compiled>(bundled.source, IsHtmlPart(bundled.name))};
  }
  return set;
}

Result<TemplateSet> TemplateSet::Build(const TemplatesConfig& config) {
  TemplateSet set = Defaults();
  std::map<std::string, std::string, std::less<>> given;  // name → origin of its override
  std::vector<std::string> errors;
  for (const auto& [name, override_] : config.overrides) {
    const std::string prefix = override_.origin + ": " + name + ": ";
    if (!IsName(name)) {
      errors.push_back(override_.origin + ": \"" + name + "\" is not a template name (" +
                       NameHelp() + ")");
      continue;
    }
    if (const auto first = given.find(name); first != given.end()) {
      errors.push_back(prefix + "given twice (also in " + first->second + ")");
      continue;
    }
    given.emplace(name, override_.origin);
    if (std::string refusal = Refusal(override_.text); !refusal.empty()) {
      errors.push_back(prefix + refusal);
      continue;
    }
    set.entries_[name] = Entry{override_.text, override_.origin,
                               std::make_shared<const Compiled>(override_.text, IsHtmlPart(name))};
  }
  if (errors.empty()) return set;
  std::string message;
  for (const std::string& error : errors) {
    if (!message.empty()) message += '\n';
    message += error;
  }
  return Status::InvalidArgument(std::move(message));
}

std::span<const std::string> TemplateSet::Names() {
  static const std::vector<std::string> names = AllNames();
  return names;
}

bool TemplateSet::IsName(std::string_view name) {
  const auto names = Names();
  return std::binary_search(names.begin(), names.end(), name);
}

std::string TemplateSet::NameFor(Channel channel, Level level, std::string_view part) {
  std::string name(ChannelName(channel));
  name += '.';
  name += LevelName(level);
  name += '.';
  name += part;
  return name;
}

std::string TemplateSet::Render(std::string_view name, const Values& values) const {
  const auto entry = entries_.find(name);
  if (entry == entries_.end()) return "";
  std::string text = entry->second.compiled->parsed.render(values.impl_->data);
  RestoreLineBreaks(&text);
  return text;
}

std::string TemplateSet::Render(std::string_view name, const nlohmann::json& data) const {
  return Render(name, Values(data));
}

std::string_view TemplateSet::Source(std::string_view name) const {
  const auto entry = entries_.find(name);
  return entry == entries_.end() ? std::string_view() : entry->second.source;
}

std::string_view TemplateSet::Origin(std::string_view name) const {
  const auto entry = entries_.find(name);
  return entry == entries_.end() ? std::string_view() : entry->second.origin;
}

}  // namespace duban
