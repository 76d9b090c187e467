// The version duband reports (--version, the status command). DUBAN_VERSION comes from the
// project version in CMakeLists.txt.
#ifndef DUBAN_DAEMON_DUBAND_VERSION_H_
#define DUBAN_DAEMON_DUBAND_VERSION_H_

#include <string_view>

#ifndef DUBAN_VERSION
#define DUBAN_VERSION "unknown"
#endif

namespace duban {

inline constexpr std::string_view kDubandVersion = DUBAN_VERSION;

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_VERSION_H_
