// The lifecycle table: every (state, command) pair by hand, the reasons required, and the
// commands between states the store uses.
#include <catch2/catch.hpp>

#include "workflow/task_lifecycle.h"

namespace duban {
namespace {

using C = LifecycleCommand;
using S = TaskState;

TEST_CASE("Lifecycle: each command from the one state it applies to", "[task_lifecycle]") {
  CHECK(*CheckTransition(S::kActive, C::kSuspend, "等待国务院文件") == S::kSuspended);
  CHECK(*CheckTransition(S::kSuspended, C::kResume, "") == S::kActive);
  CHECK(*CheckTransition(S::kActive, C::kComplete, "") == S::kCompleted);
  CHECK(*CheckTransition(S::kCompleted, C::kReopen, "复核发现遗留问题") == S::kActive);
}

TEST_CASE("Lifecycle: every other pair is refused, naming the state", "[task_lifecycle]") {
  const S states[] = {S::kActive, S::kSuspended, S::kCompleted, S::kRemoved};
  const C commands[] = {C::kSuspend, C::kResume, C::kComplete, C::kReopen};
  int allowed = 0;
  for (S from : states) {
    for (C command : commands) {
      Result<TaskState> to = CheckTransition(from, command, "a reason");
      INFO(TaskStateName(from) << " " << LifecycleCommandName(command));
      if (to.ok()) {
        ++allowed;
        continue;
      }
      CHECK(to.status().code() == Status::Code::kFailedPrecondition);
      CHECK_THAT(to.status().message(),
                 Catch::Contains(std::string(TaskStateName(from)) + " task"));
    }
  }
  CHECK(allowed == 4);  // the four rows of the table, nothing else
}

TEST_CASE("Lifecycle: the refusals say what to do instead", "[task_lifecycle]") {
  Result<TaskState> complete = CheckTransition(S::kSuspended, C::kComplete, "");
  CHECK(complete.status().message() ==
        "cannot complete a suspended task (complete needs an active task): resume it first");
  CHECK_THAT(CheckTransition(S::kActive, C::kReopen, "x").status().message(),
             Catch::Contains("only a completed task is reopened"));
  CHECK_THAT(CheckTransition(S::kCompleted, C::kResume, "").status().message(),
             Catch::Contains("reopened, with a reason"));
  CHECK_THAT(CheckTransition(S::kRemoved, C::kResume, "").status().message(),
             Catch::Contains("re-import"));
}

TEST_CASE("Lifecycle: suspend and reopen need a reason, blanks do not count",
          "[task_lifecycle]") {
  for (std::string_view blank : {"", "   ", "\t\n"}) {
    Result<TaskState> reopen = CheckTransition(S::kCompleted, C::kReopen, blank);
    CHECK(reopen.status().code() == Status::Code::kInvalidArgument);
    CHECK_THAT(reopen.status().message(), Catch::Contains("reopen needs a reason"));
    CHECK(CheckTransition(S::kActive, C::kSuspend, blank).status().code() ==
          Status::Code::kInvalidArgument);
  }
  // The state is checked before the reason: a missing reason on the wrong state names the state.
  CHECK(CheckTransition(S::kActive, C::kReopen, "").status().code() ==
        Status::Code::kFailedPrecondition);
  CHECK(CheckTransition(S::kActive, C::kComplete, std::string(kMaxReasonBytes + 1, 'x'))
            .status()
            .code() == Status::Code::kInvalidArgument);
  CHECK(CheckTransition(S::kActive, C::kComplete, std::string(kMaxReasonBytes, 'x')).ok());
}

TEST_CASE("Lifecycle: the command between two states", "[task_lifecycle]") {
  CHECK(CommandBetween(S::kActive, S::kSuspended) == C::kSuspend);
  CHECK(CommandBetween(S::kSuspended, S::kActive) == C::kResume);
  CHECK(CommandBetween(S::kActive, S::kCompleted) == C::kComplete);
  CHECK(CommandBetween(S::kCompleted, S::kActive) == C::kReopen);
  CHECK_FALSE(CommandBetween(S::kSuspended, S::kCompleted));
  CHECK_FALSE(CommandBetween(S::kCompleted, S::kSuspended));
  CHECK_FALSE(CommandBetween(S::kActive, S::kRemoved));
  CHECK_FALSE(CommandBetween(S::kRemoved, S::kActive));
  CHECK(LifecycleTransitions().size() == 4);
  for (const LifecycleTransition& row : LifecycleTransitions()) {
    CHECK(ParseLifecycleCommand(LifecycleCommandName(row.command)) == row.command);
    CHECK(row.from != S::kRemoved);
    CHECK(row.to != S::kRemoved);
  }
  CHECK_FALSE(ParseLifecycleCommand("remove"));
}

}  // namespace
}  // namespace duban
