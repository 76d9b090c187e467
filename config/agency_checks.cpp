#include "config/agency_checks.h"

#include <string>
#include <unordered_map>

#include "config/config_schema.h"

namespace duban::config_internal {
namespace {

// One use of a name in the file.
struct NameUse {
  std::size_t agency = 0;    // index of the [[agency]] table
  std::string agency_name;   // that agency's canonical name ("" if it has none)
  bool is_alias = false;
  std::string field;         // "agency[0].aliases[1]"
  int line = 0;
};

std::string AgencyLabel(const NameUse& use) {
  return use.agency_name.empty() ? IndexField("agency", use.agency) : use.agency_name;
}

// "an alias of 省发改委 (agency[0].aliases[1], line 12)"
std::string Describe(const NameUse& use) {
  std::string out = use.is_alias ? "an alias of " : "the name of ";
  out += AgencyLabel(use);
  out += " (" + use.field + ", line " + std::to_string(use.line) + ")";
  return out;
}

class NameIndex {
 public:
  explicit NameIndex(ErrorSink& sink) : sink_(sink) {}

  void Use(const toml::node& node, NameUse use) {
    const auto* text = node.as_string();
    if (text == nullptr || text->get().empty()) return;
    const std::string& name = text->get();
    use.line = PositionOf(node.source()).line;
    auto [it, inserted] = uses_.emplace(name, use);
    if (inserted) return;
    const NameUse& first = it->second;
    const std::string quoted = "\"" + name + "\"";
    std::string message;
    if (first.agency != use.agency) {
      if (!use.is_alias && !first.is_alias) {
        message = "duplicate agency name " + quoted + " (first at " + first.field + ", line " +
                  std::to_string(first.line) + ")";
      } else if (use.is_alias) {
        message = "alias " + quoted + " of " + AgencyLabel(use) + " is already " + Describe(first);
      } else {
        message = "agency name " + quoted + " is already " + Describe(first);
      }
    } else {
      message = first.is_alias ? "alias " + quoted + " is listed twice"
                               : "alias " + quoted + " repeats the agency's own name";
    }
    sink_.Add(PositionOf(node.source()), use.field, std::move(message));
  }

 private:
  ErrorSink& sink_;
  std::unordered_map<std::string, NameUse> uses_;
};

}  // namespace

void CheckAgencyNames(const toml::array& agencies, ErrorSink& sink) {
  NameIndex index(sink);
  for (std::size_t i = 0; i < agencies.size(); ++i) {
    const auto* table = agencies.get(i)->as_table();
    if (table == nullptr) continue;
    const std::string prefix = IndexField("agency", i);
    std::string canonical;
    if (const auto* name = table->get("name")) {
      if (const auto* text = name->as_string()) canonical = text->get();
      index.Use(*name, NameUse{i, canonical, false, JoinField(prefix, "name"), 0});
    }
    const auto* aliases_node = table->get("aliases");
    const auto* aliases = aliases_node ? aliases_node->as_array() : nullptr;
    if (aliases == nullptr) continue;
    for (std::size_t j = 0; j < aliases->size(); ++j) {
      index.Use(*aliases->get(j),
                NameUse{i, canonical, true, IndexField(JoinField(prefix, "aliases"), j), 0});
    }
  }
}

}  // namespace duban::config_internal
