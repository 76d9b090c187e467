// Proposes the targets written in a task's text (workflow/target_extractor.h).
//
// The text is read as width-folded code points with blanks and line breaks dropped (a PDF
// wraps "达到\n60%"), each remembering its bytes in the original so the matched text is
// quoted as written. A target is a decimal number
//   - with a unit right after it (target_words: %, 个百分点, 亿元, 万人 …),
//   - with a comparison word right before it (达到, 增长, 控制在, 约 …) or right after
//     the unit (以上, 以下, 以内, 左右), the one after winning ("增长9%左右" is ≈),
//   - and the clause ending there (，、；。 or the end of the text): "10亿元以上的企业"
//     and "10亿元以上项目" describe something else and are not targets.
// Its name is the clause before it, cleaned (target_words::CleanName); its period comes
// from the clause and the sentence around it.
#include "workflow/target_extractor.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>

#include "workflow/civil_date.h"
#include "workflow/target_status.h"
#include "workflow/target_words.h"
#include "workflow/text_normalize.h"

namespace duban {

namespace {

namespace words = target_words;

// The task text as folded code points, with the byte range of each in the original.
struct Folded {
  std::u32string text;
  std::vector<size_t> begin;  // byte offset of text[i] in the original
  std::vector<size_t> end;
  // True where a line break separated text[i - 1] and text[i]: a table flattened one cell
  // per line ends a target there ("增长7.5%左右\n▲发改局"), a wrapped sentence does not
  // end a name there ("其中灌排机械动力\n达到1.3亿千瓦").
  std::vector<bool> break_before;
};

Folded Fold(std::string_view original) {
  Folded folded;
  bool line_break = false;
  for (size_t pos = 0; pos < original.size();) {
    size_t length = 0;
    const char32_t cp = DecodeUtf8(original, pos, &length);
    if (cp == U'\n') line_break = true;
    if (!IsBlank(cp)) {
      folded.text += FoldWidth(cp);
      folded.begin.push_back(pos);
      folded.end.push_back(pos + length);
      folded.break_before.push_back(line_break);
      line_break = false;
    }
    pos += length;
  }
  folded.break_before.push_back(line_break);  // one past the end, so [text.size()] is valid
  return folded;
}

std::string Utf8(std::u32string_view text) {
  std::string out;
  for (char32_t cp : text) AppendUtf8(out, cp);
  return out;
}

// The original words of [from, to), without line breaks.
std::string Quote(std::string_view original, const Folded& folded, size_t from, size_t to) {
  std::string out;
  for (char c : original.substr(folded.begin[from], folded.end[to - 1] - folded.begin[from])) {
    if (c != '\n' && c != '\r') out += c;
  }
  return out;
}

bool IsDigit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }
bool IsAsciiAlnum(char32_t cp) {
  return IsDigit(cp) || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
}

// A number that belongs to something else: a code ("2023-141193", "A3"), a decimal part,
// an ordinal (第3), or the second end of a range ("5—8%", "3至5个").
bool IsPartOfSomethingElse(std::u32string_view text, size_t start) {
  if (start == 0) return false;
  const char32_t before = text[start - 1];
  if (IsAsciiAlnum(before) || before == U'.' || before == U'/' || before == U'_' ||
      before == U'第') {
    return true;
  }
  const bool range_mark = before == U'-' || before == U'—' || before == U'–' ||
                          before == U'~' || before == U'〜' || before == U'至' || before == U'到';
  if (!range_mark || start < 2) return false;
  const char32_t before_mark = text[start - 2];
  return IsDigit(before_mark) || before_mark == U'%' || words::MatchUnit(text, start - 2) > 0;
}

// Where the clause holding a target's name starts, scanning back from `end`: after a hard
// boundary (，；。：), after an opening bracket not closed before `end`, or after a "、"
// that follows a number (a previous target: "…10万人以上、城镇调查失业率…"); a "、"
// between words joins the subjects of one target and stays in the name.
size_t ClauseStart(std::u32string_view text, size_t end) {
  int depth = 0;
  for (size_t i = end; i > 0; --i) {
    const char32_t cp = text[i - 1];
    if (words::IsHardBoundary(cp)) return i;
    if (cp == U')' || cp == U']' || cp == U'】' || cp == U'〕' || cp == U'》') ++depth;
    if (cp == U'(' || cp == U'[' || cp == U'【' || cp == U'〔' || cp == U'《') {
      if (depth == 0) return i;
      --depth;
    }
    if (cp == U'、') {
      for (size_t j = i - 1; j > 0 && !words::IsHardBoundary(text[j - 1]); --j) {
        if (IsDigit(text[j - 1])) return i;
      }
    }
  }
  return 0;
}

// The name from the clause: bracketed asides dropped ("经济开发区(工业园区)"), cleaned.
std::u32string NameOf(std::u32string_view clause) {
  std::u32string name;
  int depth = 0;
  for (char32_t cp : clause) {
    if (cp == U'(' || cp == U'[' || cp == U'【' || cp == U'〔') {
      ++depth;
    } else if ((cp == U')' || cp == U']' || cp == U'】' || cp == U'〕') && depth > 0) {
      --depth;
    } else if (depth == 0) {
      name += cp;
    }
  }
  return words::CleanName(name);
}

// "到2015年" / "至2020年12月" / "截至2025年底" in text[from, to): the last such date, as
// the last day of the year, or of the month when one is written. Not "达到2015年水平" or
// "恢复到2019年的" (a verb ending in 到 compares with a year, it sets no deadline).
std::string DeadlineIn(std::u32string_view text, size_t from, size_t to) {
  static constexpr std::u32string_view kVerbEnds = U"达高长加升降少复回减";
  std::string found;
  for (size_t i = from; i + 5 <= to; ++i) {
    if (!(text[i] == U'到' || text[i] == U'至')) continue;
    if (i > 0 && kVerbEnds.find(text[i - 1]) != std::u32string_view::npos) continue;
    size_t pos = i + 1;
    size_t digits = 0;
    while (pos + digits < to && IsDigit(text[pos + digits])) ++digits;
    if (digits != 4 || !words::HasAt(text, pos + 4, U"年")) continue;
    const int year = std::atoi(Utf8(text.substr(pos, 4)).c_str());
    pos += 5;
    unsigned month = 12;
    size_t month_digits = 0;
    while (pos + month_digits < to && month_digits < 2 && IsDigit(text[pos + month_digits])) {
      ++month_digits;
    }
    if (month_digits > 0 && words::HasAt(text, pos + month_digits, U"月")) {
      month = static_cast<unsigned>(std::atoi(Utf8(text.substr(pos, month_digits)).c_str()));
    }
    if (year < 1900 || year > 2200 || month < 1 || month > 12) continue;
    // The day written after the month is ignored on purpose: "到2020年12月31日" and
    // "到2020年12月" both end the month; a plan never sets a target mid-month.
    const auto last = std::chrono::year_month_day_last(std::chrono::year(year) /
                                                       std::chrono::month(month) /
                                                       std::chrono::last);
    found = FormatCivilDate(CivilDate(last));
  }
  return found;
}

bool Contains(std::u32string_view text, size_t from, size_t to, std::u32string_view word) {
  const size_t at = text.substr(from, to - from).find(word);
  return at != std::u32string_view::npos;
}

size_t SentenceStart(std::u32string_view text, size_t end) {
  for (size_t i = end; i > 0; --i) {
    const char32_t cp = text[i - 1];
    if (cp == U'。' || cp == U';' || cp == U'；' || cp == U'!' || cp == U'?') return i;
  }
  return 0;
}

// 每年 / 年均 / 全年 in the clause: yearly. Else a date before it in the task's text:
// by that date ("到2020年，" opens a paragraph and governs every figure after it). Else 累计
// in the sentence: cumulative. Else yearly (a work plan's figures are the year's).
void SetPeriod(std::u32string_view text, size_t clause, size_t end, Target* target) {
  for (std::u32string_view word : {U"每年", U"年均", U"全年"}) {
    if (Contains(text, clause, end, word)) return;
  }
  if (std::string date = DeadlineIn(text, 0, end); !date.empty()) {
    target->period = TargetPeriod::kByDate;
    target->by_date = date;
  } else if (Contains(text, SentenceStart(text, clause), end, U"累计")) {
    target->period = TargetPeriod::kCumulative;
  }
}

// The target whose number starts at `start`, if the words around it make one; `next` is
// set to where scanning continues.
std::optional<Target> ReadAt(std::string_view original, const Folded& folded, size_t start,
                             size_t* next) {
  const std::u32string_view text = folded.text;
  size_t pos = start;
  while (pos < text.size() && IsDigit(text[pos])) ++pos;
  if (pos + 1 < text.size() && text[pos] == U'.' && IsDigit(text[pos + 1])) {
    ++pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
  }
  *next = pos;
  if (IsPartOfSomethingElse(text, start)) return std::nullopt;
  const size_t unit_length = words::MatchUnit(text, pos);
  if (unit_length == 0) return std::nullopt;
  const size_t unit_end = pos + unit_length;
  const auto suffix = words::MatchSuffix(text, unit_end);
  const size_t end = unit_end + (suffix ? suffix->length : 0);
  const auto prefix = words::MatchPrefix(text, start);
  if (!suffix && !prefix) return std::nullopt;
  if (end < text.size() && !words::IsClauseEnd(text[end]) && !folded.break_before[end]) {
    return std::nullopt;
  }

  const size_t name_end = start - (prefix ? prefix->length : 0);
  const size_t clause = ClauseStart(text, name_end);
  std::u32string name(text.substr(clause, name_end - clause));
  if (prefix && prefix->keep_in_name) name += text.substr(name_end, prefix->length);
  name = NameOf(name);
  if (name.empty() || (prefix && prefix->keep_in_name && name.size() == prefix->length)) {
    return std::nullopt;  // "其中增长5%以上": nothing says what grows
  }

  Target target;
  target.name = Utf8(name);
  target.unit = Utf8(text.substr(pos, unit_length));
  target.comparison = suffix ? suffix->comparison : prefix->comparison;
  target.value = std::strtod(Utf8(text.substr(start, pos - start)).c_str(), nullptr);
  target.matched_text = Quote(original, folded, clause, end);
  if (target.comparison == TargetComparison::kAbout) target.tolerance = DefaultAboutTolerance(target);
  SetPeriod(text, clause, end, &target);
  *next = end;
  return target;
}

// The same clause written twice in a task is one target (its matched text is the
// proposal's identity across re-imports, so it must be unique in the task). Two targets
// with the same name get "（2）", "（3）" … in text order, skipping names already taken.
void MakeUnique(std::vector<Target>* targets) {
  std::vector<Target> kept;
  std::set<std::string> names;
  for (Target& target : *targets) {
    const bool repeated = std::any_of(kept.begin(), kept.end(), [&](const Target& earlier) {
      return earlier.matched_text == target.matched_text;
    });
    if (repeated) continue;
    const std::string base = target.name;
    for (int n = 2; names.count(target.name) > 0; ++n) {
      target.name = base + "（" + std::to_string(n) + "）";
    }
    names.insert(target.name);
    kept.push_back(std::move(target));
  }
  *targets = std::move(kept);
}

}  // namespace

std::vector<Target> ProposeTargets(const Task& task) {
  std::vector<Target> targets;
  if (FindInvalidUtf8(task.text) != std::string_view::npos) return targets;
  const Folded folded = Fold(task.text);
  for (size_t i = 0; i < folded.text.size();) {
    if (!IsDigit(folded.text[i])) {
      ++i;
      continue;
    }
    size_t next = i + 1;
    if (auto target = ReadAt(task.text, folded, i, &next)) {
      target->task_ref = task.ref;
      target->state = TargetState::kProposed;
      targets.push_back(std::move(*target));
    }
    i = next;
  }
  MakeUnique(&targets);
  return targets;
}

std::vector<Target> ProposeTargets(const Plan& plan) {
  std::vector<Target> targets;
  for (const Task& task : plan.tasks) {
    for (Target& target : ProposeTargets(task)) targets.push_back(std::move(target));
  }
  return targets;
}

}  // namespace duban
