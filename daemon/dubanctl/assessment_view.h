// The terminal form of a 考核 assessment (`dubanctl report assessment`, format table):
// the title, the agencies' table in ranking order, the per-section summary and the late
// and missing occurrences, laid out with CJK display widths (table.h). The cells are the
// documents' own (reports/report_labels.h), so the terminal and the CSV never disagree.
// Pure; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_ASSESSMENT_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_ASSESSMENT_VIEW_H_

#include <string>

#include "workflow/assessment.h"

namespace duban::ctl {

// Every line ends in '\n'. `width` > 0 is the terminal width the findings table fits.
std::string RenderAssessmentTable(const Assessment& assessment, int width);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_ASSESSMENT_VIEW_H_
