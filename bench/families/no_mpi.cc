// A build without MPI: no MPI family (see families/mpi.cc).
#include "bench/families/families.h"

namespace parbench {

void RegisterMpiFamily(const SuiteConfig& /*config*/) {}

}  // namespace parbench
