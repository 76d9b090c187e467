#include "workflow/status.h"

#include <array>

namespace duban {
namespace {

struct CodeNameEntry {
  Status::Code code;
  std::string_view name;
};

constexpr std::array<CodeNameEntry, 9> kCodeNames = {{
    {Status::Code::kOk, "ok"},
    {Status::Code::kInvalidArgument, "invalid_argument"},
    {Status::Code::kNotFound, "not_found"},
    {Status::Code::kConflict, "conflict"},
    {Status::Code::kFailedPrecondition, "failed_precondition"},
    {Status::Code::kPermissionDenied, "permission_denied"},
    {Status::Code::kIOError, "io_error"},
    {Status::Code::kCorruption, "corruption"},
    {Status::Code::kInternal, "internal"},
}};

}  // namespace

std::string_view Status::CodeName(Code code) {
  for (const auto& entry : kCodeNames) {
    if (entry.code == code) return entry.name;
  }
  return "internal";
}

Status::Code Status::CodeFromName(std::string_view name) {
  for (const auto& entry : kCodeNames) {
    if (entry.name == name) return entry.code;
  }
  return Code::kInternal;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(CodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

}  // namespace duban
