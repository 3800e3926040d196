#include "lib/posix/machine_info.h"

#include "gtest/gtest.h"

namespace parbench {
namespace {

TEST(MachineInfoTest, CpuModelIsTheFirstModelNameLine) {
  EXPECT_EQ(CpuModelFromCpuinfo("processor\t: 0\nvendor_id\t: AuthenticAMD\n"
                                "model name\t: AMD EPYC 7763 64-Core Processor  \n"
                                "processor\t: 1\nmodel name\t: something else\n"),
            "AMD EPYC 7763 64-Core Processor");
}

TEST(MachineInfoTest, CpuModelOfOlderArmKernelsAndOfNone) {
  EXPECT_EQ(CpuModelFromCpuinfo("Processor\t: ARMv7 Processor rev 4 (v7l)\nBogoMIPS\t: 38.40"),
            "ARMv7 Processor rev 4 (v7l)");
  EXPECT_EQ(CpuModelFromCpuinfo("processor\t: 0\nBogoMIPS\t: 50.00\n"), "");
  EXPECT_EQ(CpuModelFromCpuinfo(""), "");
  // A key that only starts like "model name" is another key.
  EXPECT_EQ(CpuModelFromCpuinfo("model name extra: x\n"), "");
}

TEST(MachineInfoTest, ProbeNamesThisMachine) {
  const MachineInfo info = ProbeMachineInfo();
  EXPECT_FALSE(info.cpu_model.empty());
  EXPECT_FALSE(info.kernel.empty());
  EXPECT_NE(info.kernel, "unknown");  // uname() does not fail on Linux.
}

}  // namespace
}  // namespace parbench
