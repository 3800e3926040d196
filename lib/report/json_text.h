// Parses Google Benchmark's JSON text with nlohmann::json. Google Benchmark
// writes the bare words NaN, Infinity and -Infinity (not JSON) for
// non-finite values; they are read as numbers through JsonNumber().
#ifndef PARBENCH_LIB_REPORT_JSON_TEXT_H_
#define PARBENCH_LIB_REPORT_JSON_TEXT_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace parbench::report {

// The document, or InvalidArgument with a one-line reason ("is not valid
// JSON (at byte 12: ...)", "is empty").
absl::StatusOr<nlohmann::json> ParseJsonText(std::string_view text);

// A number of the document (non-finite ones included); nullopt for any other
// type.
std::optional<double> JsonNumber(const nlohmann::json& value);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_JSON_TEXT_H_
