#include "daemon/duband/command_args.h"

#include <algorithm>

namespace duban {
namespace {

std::string Field(std::string_view key) { return "args." + std::string(key); }

std::string Quoted(std::initializer_list<std::string_view> names) {
  std::string list;
  for (std::string_view name : names) {
    if (!list.empty()) list += ", ";
    list += "\"" + std::string(name) + "\"";
  }
  return list;
}

const nlohmann::json* Find(const nlohmann::json& args, std::string_view key) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Status CheckArgNames(const nlohmann::json& args, std::string_view command,
                     std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : args.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = Field(key) + " is not an argument of " + std::string(command);
    message += known.size() == 0 ? " (it takes none)" : " (it takes " + Quoted(known) + ")";
    return Status::InvalidArgument(message);
  }
  return Status::OK();
}

Status ReadStringArg(const nlohmann::json& args, std::string_view key, std::string* out) {
  const nlohmann::json* value = Find(args, key);
  if (value == nullptr) return Status::OK();
  if (!value->is_string()) return Status::InvalidArgument(Field(key) + " must be a string");
  *out = value->get<std::string>();
  return Status::OK();
}

Status ReadBoolArg(const nlohmann::json& args, std::string_view key, bool* out) {
  const nlohmann::json* value = Find(args, key);
  if (value == nullptr) return Status::OK();
  if (!value->is_boolean()) return Status::InvalidArgument(Field(key) + " must be true or false");
  *out = value->get<bool>();
  return Status::OK();
}

Status ReadRequiredStringArg(const nlohmann::json& args, std::string_view key, std::string* out) {
  if (Find(args, key) == nullptr) return Status::InvalidArgument(Field(key) + " is required");
  std::string value;
  if (Status status = ReadStringArg(args, key, &value); !status.ok()) return status;
  if (value.empty()) return Status::InvalidArgument(Field(key) + " must not be empty");
  *out = std::move(value);
  return Status::OK();
}

Status ReadChoiceArg(const nlohmann::json& args, std::string_view key,
                     std::initializer_list<std::string_view> choices, std::string* out) {
  if (Find(args, key) == nullptr) return Status::OK();
  std::string value;
  if (Status status = ReadStringArg(args, key, &value); !status.ok()) return status;
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    return Status::InvalidArgument(Field(key) + " must be one of " + Quoted(choices) +
                                   ", not \"" + value + "\"");
  }
  *out = std::move(value);
  return Status::OK();
}

Status ReadIntArg(const nlohmann::json& args, std::string_view key, int min, int max, int* out) {
  const nlohmann::json* value = Find(args, key);
  if (value == nullptr) return Status::OK();
  const std::string range = " from " + std::to_string(min) + " to " + std::to_string(max);
  if (!value->is_number_integer()) {
    return Status::InvalidArgument(Field(key) + " must be an integer" + range);
  }
  const int64_t number = value->get<int64_t>();
  if (number < min || number > max) {
    return Status::InvalidArgument(Field(key) + " must be" + range + ", not " +
                                   std::to_string(number));
  }
  *out = static_cast<int>(number);
  return Status::OK();
}

Status ReadDateArg(const nlohmann::json& args, std::string_view key,
                   std::optional<CivilDate>* out) {
  std::string text;
  if (Status status = ReadStringArg(args, key, &text); !status.ok()) return status;
  if (Find(args, key) == nullptr) return Status::OK();
  std::optional<CivilDate> date = ParseCivilDate(text);
  if (!date) {
    return Status::InvalidArgument(Field(key) + " must be a date YYYY-MM-DD, not \"" + text + "\"");
  }
  *out = date;
  return Status::OK();
}

bool HasArg(const nlohmann::json& args, std::string_view key) { return Find(args, key) != nullptr; }

}  // namespace duban
