#include "config/config.h"

#include <algorithm>

namespace duban {
namespace {

bool SameAgency(const AgencyInfo& a, const AgencyInfo& b) {
  return a.name == b.name && a.aliases == b.aliases && a.email == b.email &&
         a.leadership_email == b.leadership_email && a.webhook == b.webhook;
}

}  // namespace

bool operator==(const Config& a, const Config& b) {
  return a.source == b.source && a.daemon == b.daemon && a.control == b.control &&
         a.store == b.store && a.mail == b.mail && a.plan == b.plan &&
         std::equal(a.agencies.begin(), a.agencies.end(), b.agencies.begin(), b.agencies.end(),
                    &SameAgency) &&
         a.office == b.office && a.calendar == b.calendar && a.deadlines == b.deadlines &&
         a.rules == b.rules && a.webhooks == b.webhooks && a.delivery == b.delivery &&
         a.templates == b.templates && a.metrics == b.metrics &&
         a.report == b.report;
}

}  // namespace duban
