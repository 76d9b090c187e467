// The extractor's vocabulary (workflow/target_words.h).
#include "workflow/target_words.h"

#include <array>
#include <string>

namespace duban::target_words {

namespace {

// Units that are a rate or a count by themselves.
constexpr std::array<std::u32string_view, 5> kRateUnits = {U"个百分点", U"百分点", U"%", U"‰",
                                                           U"倍"};
// Magnitudes written before a base unit: 亿元, 万人, 千万吨. Longest first.
constexpr std::array<std::u32string_view, 9> kMagnitudes = {
    U"万亿", U"千万", U"百万", U"十万", U"亿", U"万", U"千", U"百", U""};
// Base units of accumulating quantities. Deliberately no 年/月/日/号/岁/次/度: those are
// dates, durations, ordinals and ages, the false positives a plan is full of.
constexpr std::array<std::u32string_view, 30> kBaseUnits = {
    U"平方公里", U"平方米", U"立方米", U"千瓦时", U"千瓦", U"美元", U"人次", U"公顷",
    U"公里", U"千米", U"标箱", U"元", U"人", U"户", U"个", U"家", U"所", U"项", U"座",
    U"条", U"台", U"套", U"辆", U"艘", U"亩", U"吨", U"米", U"处", U"张", U"间"};

// What follows a unit and makes it something else: 个月 (a duration), 家庭, 人民, 项目 …
struct Guard {
  std::u32string_view unit_end;
  std::u32string_view next;
};
constexpr std::array<Guard, 12> kGuards = {{
    {U"个", U"月"}, {U"个", U"工作日"}, {U"个", U"小时"}, {U"个", U"季度"},
    {U"个", U"星期"}, {U"家", U"庭"},   {U"人", U"民"},   {U"人", U"员"},
    {U"项", U"目"},   {U"条", U"件"},   {U"所", U"有"},   {U"处", U"理"},
}};

struct PrefixWord {
  std::u32string_view word;
  TargetComparison comparison;
  bool keep_in_name;
};
// Longest first where one word ends another ("提高到" before "到"-less "提高").
constexpr std::array<PrefixWord, 38> kPrefixes = {{
    {U"增长到", TargetComparison::kAtLeast, false},
    {U"增长至", TargetComparison::kAtLeast, false},
    {U"增加到", TargetComparison::kAtLeast, false},
    {U"增加至", TargetComparison::kAtLeast, false},
    {U"提高到", TargetComparison::kAtLeast, false},
    {U"提高至", TargetComparison::kAtLeast, false},
    {U"提升到", TargetComparison::kAtLeast, false},
    {U"提升至", TargetComparison::kAtLeast, false},
    {U"上升到", TargetComparison::kAtLeast, false},
    {U"上升至", TargetComparison::kAtLeast, false},
    {U"下降到", TargetComparison::kAtMost, false},
    {U"下降至", TargetComparison::kAtMost, false},
    {U"降低到", TargetComparison::kAtMost, false},
    {U"降低至", TargetComparison::kAtMost, false},
    {U"减少到", TargetComparison::kAtMost, false},
    {U"减少至", TargetComparison::kAtMost, false},
    {U"不低于", TargetComparison::kAtLeast, false},
    {U"不少于", TargetComparison::kAtLeast, false},
    {U"不超过", TargetComparison::kAtMost, false},
    {U"不高于", TargetComparison::kAtMost, false},
    {U"控制在", TargetComparison::kAtMost, false},
    {U"保持在", TargetComparison::kAbout, false},
    {U"稳定在", TargetComparison::kAbout, false},
    {U"达到", TargetComparison::kAtLeast, false},
    {U"超过", TargetComparison::kAtLeast, false},
    {U"突破", TargetComparison::kAtLeast, false},
    {U"高于", TargetComparison::kAtLeast, false},
    {U"低于", TargetComparison::kAtMost, false},
    {U"降至", TargetComparison::kAtMost, false},
    {U"增长", TargetComparison::kAtLeast, true},
    {U"增加", TargetComparison::kAtLeast, true},
    {U"提高", TargetComparison::kAtLeast, true},
    {U"提升", TargetComparison::kAtLeast, true},
    // A reduction is measured as its size: 能耗下降3% is met by a fall of 3 or more.
    {U"下降", TargetComparison::kAtLeast, true},
    {U"降低", TargetComparison::kAtLeast, true},
    {U"减少", TargetComparison::kAtLeast, true},
    {U"达", TargetComparison::kAtLeast, false},
    {U"约", TargetComparison::kAbout, false},
}};

// Words that open a clause without naming what is measured.
constexpr std::array<std::u32string_view, 14> kLeadingConnectors = {
    U"确保", U"力争", U"争取", U"努力", U"实现", U"其中", U"同时", U"全年",
    U"每年", U"年均", U"累计", U"预计", U"使", U"并且"};
// Words dropped wherever they are: the period (read separately) and the effort words.
constexpr std::array<std::u32string_view, 6> kDroppedWords = {U"每年", U"年均", U"力争",
                                                              U"确保", U"争取", U"分别"};

// Adverbs and particles left between a name and its comparison word: 机械化率均达到45%,
// 机械化率总体达到50%, 用地占全部新增产业用地的50%以上.
constexpr std::array<std::u32string_view, 8> kTrailingWords = {U"总体", U"均", U"都", U"也",
                                                               U"将", U"要", U"的", U"为"};

bool IsDigit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }

// A task label left in the text ("1.", "3、", "(二)" is dropped with the brackets).
size_t LeadingLabel(std::u32string_view text) {
  size_t digits = 0;
  while (digits < text.size() && IsDigit(text[digits])) ++digits;
  if (digits == 0 || digits >= text.size()) return 0;
  return (text[digits] == U'.' || text[digits] == U'、') ? digits + 1 : 0;
}

// "到2015年", "至2020年底", "2023年": a year (and what follows it) opening a clause.
size_t LeadingYear(std::u32string_view text) {
  size_t pos = 0;
  for (std::u32string_view word : {U"截至", U"截止到", U"截止", U"到", U"至"}) {
    if (HasAt(text, 0, word)) {
      pos = word.size();
      break;
    }
  }
  size_t digits = 0;
  while (pos + digits < text.size() && IsDigit(text[pos + digits])) ++digits;
  if (digits != 4 || !HasAt(text, pos + 4, U"年")) return 0;
  pos += 5;
  for (std::u32string_view word : {U"底前", U"末前", U"底", U"末", U"前"}) {
    if (HasAt(text, pos, word)) return pos + word.size();
  }
  return pos;
}

}  // namespace

bool HasAt(std::u32string_view text, size_t pos, std::u32string_view word) {
  return pos <= text.size() && text.substr(pos).starts_with(word);
}

bool HasBefore(std::u32string_view text, size_t end, std::u32string_view word) {
  return end <= text.size() && end >= word.size() && text.substr(end - word.size(), word.size()) == word;
}

size_t MatchUnit(std::u32string_view text, size_t pos) {
  size_t best = 0;
  for (std::u32string_view rate : kRateUnits) {
    if (HasAt(text, pos, rate) && rate.size() > best) best = rate.size();
  }
  if (best > 0) return best;
  for (std::u32string_view magnitude : kMagnitudes) {
    if (!HasAt(text, pos, magnitude)) continue;
    for (std::u32string_view base : kBaseUnits) {
      const size_t length = magnitude.size() + base.size();
      if (!HasAt(text, pos + magnitude.size(), base) || length <= best) continue;
      bool guarded = false;
      for (const Guard& guard : kGuards) {
        guarded = guarded || (base == guard.unit_end && HasAt(text, pos + length, guard.next));
      }
      if (!guarded) best = length;
    }
    if (best > 0) return best;  // 亿元 is 亿 + 元, never 亿 alone
  }
  return 0;
}

std::optional<Suffix> MatchSuffix(std::u32string_view text, size_t pos) {
  struct Word {
    std::u32string_view word;
    TargetComparison comparison;
  };
  static constexpr std::array<Word, 6> kSuffixes = {{
      {U"及以上", TargetComparison::kAtLeast},
      {U"以上", TargetComparison::kAtLeast},
      {U"及以下", TargetComparison::kAtMost},
      {U"以下", TargetComparison::kAtMost},
      {U"以内", TargetComparison::kAtMost},
      {U"左右", TargetComparison::kAbout},
  }};
  for (const Word& suffix : kSuffixes) {
    if (HasAt(text, pos, suffix.word)) return Suffix{suffix.word.size(), suffix.comparison};
  }
  return std::nullopt;
}

std::optional<Prefix> MatchPrefix(std::u32string_view text, size_t end) {
  for (const PrefixWord& prefix : kPrefixes) {
    if (HasBefore(text, end, prefix.word)) {
      return Prefix{prefix.word.size(), prefix.comparison, prefix.keep_in_name};
    }
  }
  return std::nullopt;
}

bool IsClauseEnd(char32_t cp) { return IsHardBoundary(cp) || cp == U'、'; }

bool IsHardBoundary(char32_t cp) {
  switch (cp) {
    case U',': case U';': case U':': case U'!': case U'?': case U'。': case U'；':
    case U'，': case U'：': case U'！': case U'？':
      return true;
    default:
      return false;
  }
}

std::u32string CleanName(std::u32string name) {
  std::u32string out;
  for (char32_t cp : name) {
    if (cp != U'“' && cp != U'”' && cp != U'"' && cp != U'‘' && cp != U'’' && cp != U'\'' &&
        cp != U'「' && cp != U'」' && cp != U'=') {
      out += cp;
    }
  }
  for (std::u32string_view word : kDroppedWords) {
    for (size_t at = out.find(word); at != std::u32string::npos; at = out.find(word, at)) {
      out.erase(at, word.size());
    }
  }
  bool trimmed = true;
  while (trimmed && !out.empty()) {
    trimmed = false;
    if (size_t year = LeadingYear(out); year > 0) {
      out.erase(0, year);
      trimmed = true;
      continue;
    }
    if (size_t label = LeadingLabel(out); label > 0) {
      out.erase(0, label);
      trimmed = true;
      continue;
    }
    for (std::u32string_view word : kLeadingConnectors) {
      // 使 opens "使…达到" but also 使用率; 使用 stays.
      if (HasAt(out, 0, word) && !(word == U"使" && HasAt(out, 0, U"使用"))) {
        out.erase(0, word.size());
        trimmed = true;
        break;
      }
    }
  }
  for (bool again = true; again;) {
    again = false;
    for (std::u32string_view word : kTrailingWords) {
      if (out.size() > word.size() && out.ends_with(word)) {
        out.erase(out.size() - word.size());
        again = true;
      }
    }
  }
  return out;
}

}  // namespace duban::target_words
