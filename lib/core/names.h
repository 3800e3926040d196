// The spellings the tables accept: a row's name appears in benchmark names,
// which the report scripts split on '/' and ':', and a size flag becomes a
// command-line flag and a JSON context key.
#ifndef PARBENCH_LIB_CORE_NAMES_H_
#define PARBENCH_LIB_CORE_NAMES_H_

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace parbench {

// A letter, then letters and digits ("Cpu", "IoNet").
inline bool IsRowName(absl::string_view s) {
  const auto alnum = [](char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)); };
  return !s.empty() && absl::ascii_isalpha(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), alnum);
}

// A lower-case letter, then lower-case letters, digits and '_' ("cpu_count").
inline bool IsFlagName(absl::string_view s) {
  const auto allowed = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return absl::ascii_islower(u) || absl::ascii_isdigit(u) || c == '_';
  };
  return !s.empty() && absl::ascii_islower(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), allowed);
}

}  // namespace parbench

#endif  // PARBENCH_LIB_CORE_NAMES_H_
