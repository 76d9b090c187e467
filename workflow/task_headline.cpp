#include "workflow/task_headline.h"

#include <string_view>

namespace duban {
namespace {

// Bytes of the UTF-8 character that starts with `lead`.
std::size_t CharLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;  // a stray continuation byte: step over it alone
}

bool EndsSentence(std::string_view rest) {
  return rest.starts_with("。") || rest.starts_with("；") || rest.starts_with(";");
}

}  // namespace

std::string TaskHeadline(const Task& task, int max_chars) {
  std::string_view text = task.text;
  // The assignment is the bracketed tail; what comes before it is the work itself.
  if (!task.assignment.empty()) {
    const std::size_t at = text.rfind(task.assignment);
    if (at != std::string_view::npos && at > 0) text = text.substr(0, at);
    while (text.ends_with("(") || text.ends_with("（") || text.ends_with(" ")) {
      text.remove_suffix(text.ends_with("（") ? std::string_view("（").size() : 1);
    }
  }
  std::string headline;
  int chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (EndsSentence(text.substr(i))) break;
    const std::size_t length = std::min(CharLength(static_cast<unsigned char>(text[i])),
                                        text.size() - i);
    if (chars == max_chars) {
      headline += "…";
      break;
    }
    headline.append(text.substr(i, length));
    ++chars;
    i += length;
  }
  return headline;
}

}  // namespace duban
