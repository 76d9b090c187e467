// Checks across [[agency]] tables: every name and alias must identify one agency only,
// the same rule AgencyDirectory::Add enforces at run time, but reported here with the
// positions of both uses so the office can fix the file.
//
// Internal to config/. Thread-safe (no state).
#ifndef DUBAN_CONFIG_AGENCY_CHECKS_H_
#define DUBAN_CONFIG_AGENCY_CHECKS_H_

#include <toml++/toml.h>

#include "config/config_errors.h"

namespace duban::config_internal {

// `agencies` is the root's "agency" node, an array of tables. Reports, at the later use:
// duplicate agency names; an alias or name already used by another agency (naming both
// agencies); an alias repeated within one agency or equal to its own name. Values that are
// not strings, and empty strings, are skipped (the field checks report them).
void CheckAgencyNames(const toml::array& agencies, ErrorSink& sink);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_AGENCY_CHECKS_H_
