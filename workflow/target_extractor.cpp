// PLACEHOLDER written by the lead so the interface links while the domain engineer builds
// it; replaced by the real implementation.
#include "workflow/target_extractor.h"

namespace duban {

std::vector<Target> ProposeTargets(const Task&) { return {}; }
std::vector<Target> ProposeTargets(const Plan&) { return {}; }

}  // namespace duban
