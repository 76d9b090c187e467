#include "config/templates_schema.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

namespace duban::config_internal {
namespace {

constexpr std::string_view kExtension = ".mustache";

struct TemplatesDraft {
  TemplatesConfig templates;
  std::optional<Located> dir_at;
};

std::string Origin(const ErrorSink& sink, SourcePos pos) { return sink.file() + ":" + std::to_string(pos.line); }

// A string is one template; a table ("[templates.email.remind]") holds more, named by
// its path joined with '.'.
void ReadOverride(const toml::node& node, const std::string& name, const std::string& field,
                  ErrorSink& sink, TemplatesDraft& d) {
  if (const auto* text = node.as_string()) {
    d.templates.overrides.push_back({name, TemplateOverride{text->get(), Origin(sink, PositionOf(node.source()))}});
    return;
  }
  if (const auto* table = node.as_table()) {
    for (auto&& [key, child] : *table) {
      ReadOverride(child, name + "." + std::string(key.str()), JoinField(field, key.str()), sink, d);
    }
    return;
  }
  sink.Add(PositionOf(node.source()), field,
           "expected a string (the text of template \"" + name + "\"), got " + std::string(TypeName(node)));
}

void ReadDir(ValueReader& in, TemplatesDraft& d) {
  auto path = in.Path(/*allow_empty=*/true);
  if (!path) return;
  d.dir_at = in.where();
  if (!path->empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(*path, ec)) {
      return in.Error("template directory " + path->string() +
                      (std::filesystem::exists(*path, ec) ? " is not a directory" : " does not exist"));
    }
  }
  d.templates.dir = std::move(*path);
}

std::optional<std::string> ReadTemplateFile(const std::filesystem::path& path, std::string* problem) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    *problem = "cannot read template file " + path.string() + ": " + ec.message();
    return std::nullopt;
  }
  if (size > kMaxTemplateBytes) {
    *problem = "template file " + path.string() + " is larger than " + std::to_string(kMaxTemplateBytes) + " bytes";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) {
    *problem = "cannot read template file " + path.string();
    return std::nullopt;
  }
  return text;
}

std::vector<std::filesystem::path> TemplateFiles(const std::filesystem::path& dir, std::string* problem) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == kExtension && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) *problem = "cannot list template directory " + dir.string() + ": " + ec.message();
  std::sort(files.begin(), files.end());
  return files;
}

// Appends an override per NAME.mustache in the dir, refusing a name a key already gave.
void ReadDirFiles(TemplatesDraft& d, ErrorSink& sink) {
  if (d.templates.dir.empty()) return;
  const Located& at = *d.dir_at;
  std::string problem;
  const auto files = TemplateFiles(d.templates.dir, &problem);
  if (!problem.empty()) return sink.Add(at.pos, at.field, problem);
  auto& overrides = d.templates.overrides;
  const std::size_t from_keys = overrides.size();
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    auto same = std::find_if(overrides.begin(), overrides.begin() + static_cast<std::ptrdiff_t>(from_keys),
                             [&](const auto& entry) { return entry.first == name; });
    if (same != overrides.begin() + static_cast<std::ptrdiff_t>(from_keys)) {
      sink.Add(at.pos, at.field,
               "template \"" + name + "\" is given both at " + same->second.origin + " and by " + file.string());
      continue;
    }
    auto text = ReadTemplateFile(file, &problem);
    if (!text) {
      sink.Add(at.pos, at.field, problem);
      continue;
    }
    overrides.push_back({name, TemplateOverride{std::move(*text), file.string()}});
  }
}

bool FromDir(const TemplatesConfig& templates, const std::string& name, const TemplateOverride& entry) {
  return !templates.dir.empty() && entry.origin == (templates.dir / (name + std::string(kExtension))).string();
}

}  // namespace

std::vector<std::string_view> TemplatesKeys() { return {"dir"}; }

void ReadTemplates(const toml::table& table, const std::string& field, ErrorSink& sink,
                   const LoadContext& context, Config& config) {
  TemplatesDraft d;
  for (auto&& [key, node] : table) {
    const std::string key_field = JoinField(field, key.str());
    if (key.str() == "dir") {
      ValueReader in(node, key_field, sink, context);
      ReadDir(in, d);
    } else {
      ReadOverride(node, std::string(key.str()), key_field, sink, d);
    }
  }
  ReadDirFiles(d, sink);
  config.templates = std::move(d.templates);
}

void DescribeTemplates(std::string_view name, const Config& config, std::string& out) {
  const TemplatesConfig& templates = config.templates;
  if (templates.dir.empty() && templates.overrides.empty()) return;
  out += SectionLabel(name, false) + '\n';
  if (!templates.dir.empty()) out += "dir = " + TomlString(templates.dir.string()) + '\n';
  for (const auto& [template_name, entry] : templates.overrides) {
    if (FromDir(templates, template_name, entry)) continue;
    out += TomlString(template_name) + " = " + TomlString(entry.text) + '\n';
  }
}

}  // namespace duban::config_internal
