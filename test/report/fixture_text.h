// The text of a file of the source tree, for the report layer's tests:
// the fixtures under test/scripts/fixtures/, shared with the script tests.
#ifndef PARBENCH_TEST_REPORT_FIXTURE_TEXT_H_
#define PARBENCH_TEST_REPORT_FIXTURE_TEXT_H_

#include <fstream>
#include <iterator>
#include <string>

namespace parbench::report {

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// test/scripts/fixtures/<name>.
inline std::string Fixture(const std::string& name) {
  return Slurp(std::string(PARBENCH_SOURCE_DIR) + "/test/scripts/fixtures/" + name);
}

}  // namespace parbench::report

#endif  // PARBENCH_TEST_REPORT_FIXTURE_TEXT_H_
