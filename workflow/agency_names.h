// Interned agency names: each distinct name is stored once for the life of the process and
// handed out as a string_view that stays valid and unchanged until exit.
//
// Why: the tracking model holds every task's agencies, and at 100,000 tasks a separate
// string per mention was most of the daemon's memory, while a plan names a few hundred
// agencies at most (2,000 in the benchmarks). Interned names also compare equal by
// address, so the evaluator matches an agency with one comparison.
//
// The pool only grows: it is meant for agency names from plans and config, not for
// arbitrary text. Thread-safe.
#ifndef DUBAN_WORKFLOW_AGENCY_NAMES_H_
#define DUBAN_WORKFLOW_AGENCY_NAMES_H_

#include <string_view>

namespace duban {

// The pool's copy of `name`: equal names give the same data pointer.
std::string_view InternAgencyName(std::string_view name);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_AGENCY_NAMES_H_
