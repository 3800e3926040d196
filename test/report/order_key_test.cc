#include "lib/report/order_key.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace parbench::report {
namespace {

TEST(OrderKeyTest, PadNumbersSortsNumbersNumerically) {
  EXPECT_EQ(PadNumbers("w:2"), "w:0000000000002.000000");
  EXPECT_EQ(PadNumbers("x1.5y"), "x0000000000001.500000y");
  EXPECT_EQ(PadNumbers("v1."), "v0000000000001.000000.")
      << "a point without digits is not the number's";
  EXPECT_LT(PadNumbers("workers:2"), PadNumbers("workers:10"));
}

TEST(OrderKeyTest, SortedIndexesTieBreakAsTheAwk) {
  EXPECT_EQ(SortedIndexes({"b", "a", "c"}), (std::vector<size_t>{1, 0, 2}));
  // Equal keys by the index's digits as text, as stats.awk's sort_order:
  // index 10 before index 2.
  std::vector<std::string> keys(10, "k");
  const std::vector<size_t> order = SortedIndexes(keys);
  EXPECT_EQ(order[0], 0U);
  EXPECT_EQ(order[1], 9U);
  EXPECT_EQ(order[2], 1U);
}

TEST(OrderKeyTest, StrategyRankFromTheRunOrTheLegacyOrder) {
  report::Run run;
  const std::vector<std::string> legacy = StrategyOrder(run);
  EXPECT_EQ(StrategyRank(legacy, "Sequential"), 1);
  EXPECT_EQ(StrategyRank(legacy, "OpenMp"), 7);
  EXPECT_EQ(StrategyRank(legacy, "Tbb"), 900);
  EXPECT_EQ(StrategyRank(legacy, "BareThreads"), 999);
  run.context["parbench_strategies"] = std::string("Tbb, Sequential");
  const std::vector<std::string> own = StrategyOrder(run);
  EXPECT_EQ(StrategyRank(own, "Tbb"), 1);
  EXPECT_EQ(StrategyRank(own, "Sequential"), 2);
}

BenchFacts Grid(const std::string& workload, const std::string& strategy, int64_t workers) {
  BenchFacts f;
  f.workload = workload;
  f.strategy = strategy;
  f.workers = workers;
  f.tasks = 10;
  return f;
}

TEST(OrderKeyTest, TableOrder) {
  const std::vector<std::string> order = StrategyOrder(report::Run{});
  const BenchFacts none;
  auto less = [&](const BenchFacts& a, const BenchFacts& b) {
    return TableOrderLess(order, a, "a", b, "b");
  };
  EXPECT_TRUE(less(Grid("Cpu", "OpenMp", 1), Grid("Io", "Sequential", 1))) << "workload first";
  EXPECT_TRUE(less(Grid("Cpu", "Sequential", 8), Grid("Cpu", "ThreadPool", 1)))
      << "then the strategy, in the run's order, not by name";
  EXPECT_TRUE(less(Grid("Cpu", "ThreadPool", 2), Grid("Cpu", "ThreadPool", 10)))
      << "workers as numbers";
  BenchFacts cold = Grid("Cpu", "ThreadPool", 2), warm = cold;
  cold.life = "cold";
  warm.life = "warm";
  EXPECT_TRUE(less(cold, warm));
  EXPECT_TRUE(less(Grid("Zzz", "BareThreads", 64), none)) << "names outside the grid last";
  EXPECT_TRUE(TableOrderLess(order, none, "BM_x/2", none, "BM_x/10"));
}

}  // namespace
}  // namespace parbench::report
