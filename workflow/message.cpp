#include "workflow/message.h"

namespace duban {

bool IsMessageState(std::string_view state) {
  return state == kMessageQueued || state == kMessageFailed || state == kMessageSent ||
         state == kMessageDead;
}

}  // namespace duban
