// Status and Result<T>: the one error vocabulary at module boundaries.
//
// A Status is either OK or carries a code and a human-readable message that names what
// went wrong (file, line, field, task). Result<T> is a value or a non-OK Status. Both are
// cheap values and [[nodiscard]], so an ignored error is a compiler warning. Adapters
// catch the exceptions of the libraries they wrap (SQLiteCpp, toml++) and return these.
//
// Thread-safety: plain values; const methods may be called from several threads.
#ifndef DUBAN_WORKFLOW_STATUS_H_
#define DUBAN_WORKFLOW_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace duban {

class [[nodiscard]] Status {
 public:
  // The codes double as the control protocol's error codes (see CodeName).
  enum class Code {
    kOk,
    kInvalidArgument,     // the caller's input is malformed or out of range
    kNotFound,            // a named task, agency, file ... does not exist
    kConflict,            // the request clashes with the current state
    kFailedPrecondition,  // the state does not allow this now (e.g. doubtful import)
    kPermissionDenied,    // the peer may not do this
    kIOError,             // the file system or database failed
    kCorruption,          // stored data is not what this binary expects
    kInternal,            // a bug: an invariant did not hold
  };

  Status() = default;  // OK

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status FailedPrecondition(std::string msg) { return Status(Code::kFailedPrecondition, std::move(msg)); }
  static Status PermissionDenied(std::string msg) { return Status(Code::kPermissionDenied, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "not_found: no task 48" (or "ok").
  std::string ToString() const;

  // Stable snake_case name of a code, used on the wire: "invalid_argument", "not_found" ...
  static std::string_view CodeName(Code code);
  // Inverse of CodeName; unknown names map to kInternal.
  static Code CodeFromName(std::string_view name);

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// A value of T, or the Status that explains why there is none.
// REQUIRES: a Result is built from a non-OK Status only.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_STATUS_H_
