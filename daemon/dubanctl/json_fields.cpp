#include "daemon/dubanctl/json_fields.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

// The value at `key`, or nullptr when `object` has none (or it is null).
const json* Find(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(std::string(key));
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

std::string TextField(const json& object, std::string_view key, std::string_view fallback) {
  const json* value = Find(object, key);
  return value == nullptr ? std::string(fallback) : value->get<std::string>();
}

std::string NumberField(const json& object, std::string_view key, std::string_view fallback) {
  const json* value = Find(object, key);
  if (value == nullptr) return std::string(fallback);
  return std::to_string(value->get<int64_t>());  // throws for a value that is not a number
}

int64_t IntField(const json& object, std::string_view key, int64_t fallback) {
  const json* value = Find(object, key);
  return value == nullptr ? fallback : value->get<int64_t>();
}

bool FlagField(const json& object, std::string_view key) {
  const json* value = Find(object, key);
  return value != nullptr && value->get<bool>();
}

std::vector<std::string> ListField(const json& object, std::string_view key) {
  const json* value = Find(object, key);
  return value == nullptr ? std::vector<std::string>{} : value->get<std::vector<std::string>>();
}

json ArrayField(const json& object, std::string_view key) {
  const json* value = Find(object, key);
  if (value == nullptr) return json::array();
  return json(value->get<json::array_t>());  // throws for a value that is not an array
}

}  // namespace duban::ctl
