#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>
#include <poll.h>
int main(int argc, char** argv) {
  int mode = argc > 1 ? atoi(argv[1]) : 0;
  std::vector<char> mem(64 << 20, 1);  // some resident memory, as the bench has
  std::thread sleeper;
  if (mode == 2) sleeper = std::thread([] { poll(nullptr, 0, 100000); });
  auto t0 = std::chrono::steady_clock::now();
  const int n = 200;
  double thread_ns = 0;
  for (int i = 0; i < n; ++i) {
    pid_t a = fork(); if (a == 0) { pause(); _exit(0); }
    pid_t b = fork(); if (b == 0) { pause(); _exit(0); }
    if (mode == 1) {
      auto s = std::chrono::steady_clock::now();
      std::thread t([] { poll(nullptr, 0, 0); });
      t.join();
      thread_ns += std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - s).count();
    }
    kill(a, 9); kill(b, 9); waitpid(a, nullptr, 0); waitpid(b, nullptr, 0);
  }
  double total = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  if (mode == 2) sleeper.detach();
  printf("mode %d: %.0f us per cycle, thread create+join %.0f us\n", mode, total / n, thread_ns / n / 1000);
}
