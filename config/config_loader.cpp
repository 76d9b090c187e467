#include "config/config_loader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

#include <toml++/toml.h>

#include "config/agency_checks.h"
#include "config/config_errors.h"
#include "config/config_schema.h"
#include "config/delivery_checks.h"
#include "config/report_schema.h"
#include "config/rules_checks.h"
#include "config/secret_reader.h"
#include "config/tzdb_time_zone.h"

namespace duban {

using config_internal::ErrorSink;
using config_internal::LoadContext;
using config_internal::PositionOf;
using config_internal::SectionSpec;
using config_internal::SectionLabel;

namespace {

constexpr std::size_t kMaxConfigBytes = 16 * 1024 * 1024;

std::filesystem::path AbsoluteNormal(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return (ec ? path : absolute).lexically_normal();
}

const SectionSpec* FindSection(std::string_view name) {
  for (const SectionSpec& section : config_internal::Sections()) {
    if (section.name == name) return &section;
  }
  return nullptr;
}

std::string UnknownTopLevelMessage(std::string_view key, const toml::node& node) {
  std::vector<std::string_view> names;
  for (const SectionSpec& section : config_internal::Sections()) names.push_back(section.name);
  const auto* array = node.as_array();
  const bool array_of_tables = array != nullptr && array->is_array_of_tables();
  if (!node.is_table() && !array_of_tables) {
    return config_internal::UnknownKeyMessage(key, "at the top level", {});
  }
  std::string message = "unknown table " + SectionLabel(key, array_of_tables);
  if (auto close = config_internal::ClosestMatch(key, names)) {
    const SectionSpec* section = FindSection(*close);
    message += " (did you mean " + SectionLabel(section->name, section->array_of_tables) + "?)";
  }
  return message;
}

void ReadSection(const SectionSpec& section, const toml::node& node, ErrorSink& sink,
                 const LoadContext& context, Config& config) {
  const std::string name(section.name);
  const std::string expected = SectionLabel(section.name, section.array_of_tables);
  if (!section.array_of_tables) {
    if (const auto* table = node.as_table()) {
      section.read(*table, name, sink, context, config);
    } else {
      sink.Add(PositionOf(node.source()), name,
               "expected a table (" + expected + "), got " +
                   std::string(config_internal::TypeName(node)));
    }
    return;
  }
  const auto* array = node.as_array();
  if (array == nullptr) {
    sink.Add(PositionOf(node.source()), name,
             "expected an array of tables (" + expected + "), got " +
                 std::string(config_internal::TypeName(node)));
    return;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string field = config_internal::IndexField(name, i);
    if (const auto* table = element.as_table()) {
      section.read(*table, field, sink, context, config);
    } else {
      sink.Add(PositionOf(element.source()), field,
               "expected a table, got " + std::string(config_internal::TypeName(element)));
    }
  }
}

// Defaults that depend on other values.
void FillDerivedDefaults(Config& config) {
  if (config.store.path.empty()) config.store.path = config.daemon.state_dir / "duban.db";
  if (config.mail.dir.empty()) config.mail.dir = config.daemon.state_dir / "mail";
}

// A time_zone in the file is checked where it stands; the default must load too, or the
// daemon could not start (no tzdata installed).
void CheckDefaultTimeZone(const toml::table& root, const Config& config, ErrorSink& sink) {
  if (root.at_path("daemon.time_zone")) return;
  auto zone = LoadTimeZone(config.daemon.time_zone);
  if (!zone.ok()) sink.Add({}, "daemon.time_zone", "default time zone: " + zone.status().message());
}

void ReadRoot(const toml::table& root, ErrorSink& sink, ErrorSink& warnings,
              const LoadContext& context, Config& config) {
  for (auto&& [key, node] : root) {
    const SectionSpec* section = FindSection(key.str());
    if (section == nullptr) {
      sink.Add(PositionOf(key.source()), config_internal::JoinField("", key.str()),
               UnknownTopLevelMessage(key.str(), node));
      continue;
    }
    ReadSection(*section, node, sink, context, config);
  }
  if (const auto* agencies = root.get_as<toml::array>("agency")) {
    config_internal::CheckAgencyNames(*agencies, sink);
  }
  CheckDefaultTimeZone(root, config, sink);
  config_internal::CheckWebhookReferences(root, config, sink);
  config_internal::CheckReport(root, config, sink);
  config_internal::CheckRecipientsReachable(root, config, warnings);
  config_internal::CheckDeliveryReachable(root, config, warnings);
  FillDerivedDefaults(config);
}

ConfigLoadResult Fail(ErrorSink& sink, ErrorSink* warnings = nullptr) {
  return ConfigLoadResult{std::nullopt, sink.TakeSorted(),
                          warnings ? warnings->TakeSorted() : std::vector<ConfigError>{}};
}

}  // namespace

ConfigLoadResult LoadConfigString(std::string_view toml, const std::filesystem::path& path,
                                  const LoadOptions& options) {
  ErrorSink sink(path.string());
  toml::table root;
  try {
    root = toml::parse(toml, path.string());
  } catch (const toml::parse_error& error) {
    sink.Add(PositionOf(error.source()), "", std::string(error.description()));
    return Fail(sink);
  }

  Config config;
  config.source = AbsoluteNormal(path);
  const LoadContext context{config.source.parent_path(),
                            options.secrets != nullptr ? options.secrets : &SystemSecretSource()};
  ErrorSink warnings(path.string());
  ReadRoot(root, sink, warnings, context, config);
  if (!sink.empty()) return Fail(sink, &warnings);
  return ConfigLoadResult{std::move(config), {}, warnings.TakeSorted()};
}

ConfigLoadResult LoadConfigFile(const std::filesystem::path& path, const LoadOptions& options) {
  ErrorSink sink(path.string());
  auto fail = [&](std::string message) {
    sink.Add({}, "", std::move(message));
    return Fail(sink);
  };

  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return fail("cannot read config file: is a directory");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return fail("cannot open config file: " + std::string(std::strerror(errno)));

  std::string text;
  char buffer[64 * 1024];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
    if (text.size() > kMaxConfigBytes) {
      return fail("config file is larger than " + std::to_string(kMaxConfigBytes) + " bytes");
    }
  }
  if (std::ferror(file.get())) return fail("cannot read config file: " + std::string(std::strerror(errno)));
  return LoadConfigString(text, path, options);
}

std::string DescribeConfig(const Config& config) {
  std::string out = "# duban: effective configuration";
  if (!config.source.empty()) out += " of " + config.source.string();
  out += "\n# (defaults filled in, paths absolute, secrets redacted)\n";
  for (const SectionSpec& section : config_internal::Sections()) {
    std::string body;
    section.describe(section.name, config, body);
    if (body.empty()) continue;
    out += '\n';
    out += body;
  }
  return out;
}

}  // namespace duban
