#include "lib/posix/shared_mapping.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_format.h"

namespace parbench {
namespace {

// The seals a peer's memfd must carry before we map it: its size is fixed.
constexpr int kSizeSeals = F_SEAL_SHRINK | F_SEAL_GROW;

absl::StatusOr<void*> MapShared(std::size_t bytes, int flags, int fd) {
  if (bytes == 0) return absl::InvalidArgumentError("mmap(): a shared mapping of 0 bytes");
  void* data = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | flags, fd, 0);
  if (data == MAP_FAILED) {
    return absl::ErrnoToStatus(errno, absl::StrFormat("mmap(%u bytes, MAP_SHARED)", bytes));
  }
  return data;
}

}  // namespace

absl::StatusOr<SharedMapping> SharedMapping::Anonymous(std::size_t bytes) {
  absl::StatusOr<void*> data = MapShared(bytes, MAP_ANONYMOUS, -1);
  if (!data.ok()) return data.status();
  return SharedMapping(*data, bytes, UniqueFd());
}

absl::StatusOr<SharedMapping> SharedMapping::Memfd(std::size_t bytes, const char* name) {
  UniqueFd fd(::memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING));
  if (!fd.valid()) return absl::ErrnoToStatus(errno, absl::StrFormat("memfd_create(%s)", name));
  if (::ftruncate(fd.get(), static_cast<off_t>(bytes)) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrFormat("ftruncate(memfd %s, %u)", name, bytes));
  }
  if (::fcntl(fd.get(), F_ADD_SEALS, kSizeSeals | F_SEAL_SEAL) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrFormat("fcntl(memfd %s, F_ADD_SEALS)", name));
  }
  absl::StatusOr<void*> data = MapShared(bytes, 0, fd.get());
  if (!data.ok()) return data.status();
  return SharedMapping(*data, bytes, std::move(fd));
}

absl::StatusOr<SharedMapping> SharedMapping::MapReceived(UniqueFd fd, std::size_t bytes) {
  const int seals = ::fcntl(fd.get(), F_GET_SEALS);
  if (seals < 0) return absl::ErrnoToStatus(errno, "fcntl(F_GET_SEALS) on a received memfd");
  if ((seals & kSizeSeals) != kSizeSeals) {
    return absl::FailedPreconditionError(
        absl::StrFormat("a received memfd is not sealed against resizing (seals 0x%x)", seals));
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return absl::ErrnoToStatus(errno, "fstat() on a received memfd");
  if (st.st_size < 0 || static_cast<std::size_t>(st.st_size) < bytes) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "a received memfd holds %d bytes, fewer than the %u expected", st.st_size, bytes));
  }
  absl::StatusOr<void*> data = MapShared(bytes, 0, fd.get());
  if (!data.ok()) return data.status();
  return SharedMapping(*data, bytes, std::move(fd));
}

absl::StatusOr<SharedMapping> SharedMapping::File(const std::string& path, std::size_t bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.valid()) return absl::ErrnoToStatus(errno, absl::StrFormat("open(%s)", path));
  // Truncated to 0 first, then grown: every byte reads as zero.
  if (::ftruncate(fd.get(), static_cast<off_t>(bytes)) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrFormat("ftruncate(%s, %u)", path, bytes));
  }
  absl::StatusOr<void*> data = MapShared(bytes, 0, fd.get());
  if (!data.ok()) return data.status();
  return SharedMapping(*data, bytes, std::move(fd));
}

SharedMapping& SharedMapping::operator=(SharedMapping&& other) noexcept {
  if (this != &other) {
    Unmap();
    data_ = std::exchange(other.data_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
    fd_ = std::move(other.fd_);
  }
  return *this;
}

SharedMapping::~SharedMapping() { Unmap(); }

void SharedMapping::Unmap() {
  // munmap fails only for an address range that is not ours, which the
  // type rules out; nothing to recover in a destructor either way.
  if (data_ != nullptr) ::munmap(data_, bytes_);
  data_ = nullptr;
  bytes_ = 0;
  fd_.Reset();
}

}  // namespace parbench
