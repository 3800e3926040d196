// Small helpers the tests share: what a test process holds (children,
// descriptors, mappings) before and after the code under test.
#ifndef PARBENCH_TEST_TEST_UTIL_H_
#define PARBENCH_TEST_TEST_UTIL_H_

#include <dirent.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "lib/core/task.h"
#include "lib/core/workload_table.h"

namespace parbench::testing {

// Descriptors open in this process (/proc/self/fd, less the one used to list it).
inline int OpenDescriptorCount() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int count = 0;
  while (readdir(dir) != nullptr) ++count;
  closedir(dir);
  return count - 3;  // ".", ".." and the directory's own descriptor.
}

// Shared mappings of this process: the lines of /proc/self/maps whose
// permissions end in 's'. Only shared ones, because the allocators of the
// sanitizers map private memory of their own whenever they like, and what a
// test must not leave behind is a shared segment.
inline int SharedMappingCount() {
  std::ifstream maps("/proc/self/maps");
  int shared = 0;
  for (std::string line; std::getline(maps, line);) {
    // "start-end perms offset dev inode path": perms is the second field.
    const std::size_t space = line.find(' ');
    if (space != std::string::npos && space + 4 < line.size() && line[space + 4] == 's') ++shared;
  }
  return shared;
}

// True when this process has no child at all, running or zombie.
inline bool HasNoChildren() {
  int status = 0;
  return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

// The checksums of a Map()'s results, in task order.
inline std::vector<std::uint64_t> Checksums(const std::vector<TaskResult>& results) {
  std::vector<std::uint64_t> checksums;
  checksums.reserve(results.size());
  for (const TaskResult& r : results) checksums.push_back(r.checksum);
  return checksums;
}

// How a Map()'s CPU time was charged: to how many results, and in all.
struct CpuCharges {
  int results = 0;
  std::int64_t nanos = 0;
};
inline CpuCharges CountCpuCharges(const std::vector<TaskResult>& results) {
  CpuCharges charges;
  for (const TaskResult& result : results) {
    charges.results += result.cpu_nanos > 0 ? 1 : 0;
    charges.nanos += result.cpu_nanos;
  }
  return charges;
}

// A protocol violation by worker 1 of a pool, on tasks 0-1: DataLoss, and
// the message names the worker, its pid, the tasks and the violation.
inline void ExpectViolationOfWorker1(const absl::Status& status, pid_t worker,
                                     absl::string_view violation) {
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  const std::string message(status.message());
  EXPECT_TRUE(absl::StrContains(message, "process pool worker 1")) << message;
  EXPECT_TRUE(absl::StrContains(message, absl::StrCat("(pid ", worker, ")"))) << message;
  EXPECT_TRUE(absl::StrContains(message, "tasks 0-1")) << message;
  EXPECT_TRUE(absl::StrContains(message, violation)) << message;
}

// A task of the named workload; a test naming one that is not registered is
// a broken test, stopped here.
inline Task TaskOf(absl::string_view workload, std::uint64_t size) {
  absl::StatusOr<Task> task = MakeTask(workload, size);
  if (!task.ok()) {
    std::fprintf(stderr, "test: %s\n", std::string(task.status().message()).c_str());
    std::abort();
  }
  return *task;
}

// `count` Cpu tasks of sizes first, first + step, ...: distinct checksums,
// so that a result at the wrong index or a task dropped shows.
inline std::vector<Task> DistinctCpuTasks(int count, std::uint64_t first, std::uint64_t step) {
  std::vector<Task> tasks;
  tasks.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    tasks.push_back(TaskOf("Cpu", first + step * static_cast<std::uint64_t>(i)));
  }
  return tasks;
}

// A workload id no table has: what a corrupted message would carry.
inline constexpr WorkloadId kNoSuchWorkload = 99;

// Names of the entries of `dir`, less "." and "..".
inline std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return {"<cannot open " + dir + ">"};
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(d);
  return names;
}

// The children of a single-threaded process (a fork server), running or
// zombie, read from /proc.
inline std::vector<pid_t> ChildrenOf(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> children;
  for (pid_t child; file >> child;) children.push_back(child);
  return children;
}

// A fresh $TMPDIR for the test, so that temporaries left behind can be
// counted; restores the old value and removes the (empty) folder.
class ScopedTmpDir {
 public:
  ScopedTmpDir() {
    std::string pattern = ::testing::TempDir() + "parbench-test.XXXXXX";
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
    const char* old = getenv("TMPDIR");
    if (old != nullptr) old_ = old;
    had_old_ = old != nullptr;
    setenv("TMPDIR", path_.c_str(), 1);
  }
  ~ScopedTmpDir() {
    if (had_old_) {
      setenv("TMPDIR", old_.c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
    rmdir(path_.c_str());
  }
  ScopedTmpDir(const ScopedTmpDir&) = delete;
  ScopedTmpDir& operator=(const ScopedTmpDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string old_;
  bool had_old_ = false;
};

// The path of a file not created yet, in a fresh folder of its own; the
// file and the folder are removed with this object.
class ScratchFile {
 public:
  ScratchFile() {
    std::string pattern = ::testing::TempDir() + "parbench-scratch.XXXXXX";
    dir_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
    path_ = dir_ + "/file";
  }
  ~ScratchFile() {
    unlink(path_.c_str());
    rmdir(dir_.c_str());
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  const std::string& path() const { return path_; }

  // What the file holds now ("" while it does not exist).
  std::string Contents() const {
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // Its lines, without their newlines.
  std::vector<std::string> Lines() const {
    std::ifstream in(path_);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace parbench::testing

#endif  // PARBENCH_TEST_TEST_UTIL_H_
