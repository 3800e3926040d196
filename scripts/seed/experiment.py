"""The seed tutorial's experiment, measured: the subject of scripts/seed.sh.

This program is what is measured, not a tool of parbench: the tutorial
(Python) counts to ten million in a while loop and sleeps, sequentially,
in multiprocessing.Pool(n) and in multiprocessing.pool.ThreadPool(n); this
runs that, and the same through concurrent.futures, and prints the times as
Google Benchmark JSON (the shape bench writes) under parbench's names:
    <Workload>/<Strategy>[/cold]/workers:N/tasks:T/lang:python[/api:A]/real_time
with the context key parbench_language "python". Every pool is made and
closed inside the timed run, as the tutorial's `with Pool(...)` does: cold.
Options: --workloads=Cpu,Io --workers=1,2,10 --tasks=10 --cpu_count=N
--io_latency_ms=MS --repetitions=R --sizes=NAME (a label for the context).
"""

import argparse
import concurrent.futures
import datetime
import json
import multiprocessing
import multiprocessing.pool
import os
import platform
import random
import resource
import socket
import statistics
import sys
import time


def count(number):
    """The tutorial's count(), without its prints (they would be measured)."""
    result = 0
    while result < number:
        result += 1
    return result


def wait(milliseconds):
    """The I/O-bound task: a sleep, as the tutorial's."""
    time.sleep(milliseconds / 1000)
    return milliseconds


def sequential(func, args, workers):
    return [func(a) for a in args]


def process_pool(func, args, workers):
    with multiprocessing.Pool(processes=workers) as pool:
        return pool.map(func, args)


def thread_pool(func, args, workers):
    with multiprocessing.pool.ThreadPool(processes=workers) as pool:
        return pool.map(func, args)


def process_executor(func, args, workers):
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, args))


def thread_executor(func, args, workers):
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, args))


# parbench's strategy and pool life, the Python API, how it runs.
STRATEGIES = [
    ("Sequential", "", "", sequential),
    ("ProcessPool", "cold", "multiprocessing", process_pool),
    ("ThreadPool", "cold", "multiprocessing", thread_pool),
    ("ProcessPool", "cold", "futures", process_executor),
    ("ThreadPool", "cold", "futures", thread_executor),
]

# parbench's workload names, the task and the option giving its size.
WORKLOADS = {"Cpu": (count, "cpu_count"), "Io": (wait, "io_latency_ms")}


def positive_list(text):
    values = [int(v) for v in text.split(",")]
    if not values or min(values) < 1:
        raise ValueError(text)
    return values


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="experiment.py")
    parser.add_argument("--workloads", default="Cpu,Io")
    parser.add_argument("--workers", type=positive_list, default=[1, 2, 10])
    parser.add_argument("--tasks", type=int, default=10)
    parser.add_argument("--cpu_count", type=int, default=10_000_000)
    parser.add_argument("--io_latency_ms", type=int, default=50)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--sizes", default="parbench")
    args = parser.parse_args(argv)
    args.workloads = args.workloads.split(",")
    for w in args.workloads:
        if w not in WORKLOADS:
            parser.error(f"unknown workload {w} (known: {','.join(WORKLOADS)})")
    if min(args.tasks, args.cpu_count, args.io_latency_ms, args.repetitions) < 1:
        parser.error("--tasks, --cpu_count, --io_latency_ms and --repetitions must be at least 1")
    return args


def cases(args):
    """Every benchmark: (name, workload, strategy, api, workers, run)."""
    out = []
    for workload in args.workloads:
        for strategy, life, api, run in STRATEGIES:
            for workers in [1] if strategy == "Sequential" else args.workers:
                parts = [workload, strategy] + ([life] if life else [])
                parts += [f"workers:{workers}", f"tasks:{args.tasks}", "lang:python"]
                parts += [f"api:{api}"] if api else []
                out.append(("/".join(parts + ["real_time"]), workload, workers, run))
    return out


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(workload, workers, run, args):
    """One run of the tasks: wall and CPU time, or an error message."""
    func, size_flag = WORKLOADS[workload]
    size = getattr(args, size_flag)
    task_args = [size] * args.tasks
    start_children = children_cpu()
    start_cpu = time.process_time()
    start = time.perf_counter()
    results = run(func, task_args, workers)
    real = time.perf_counter() - start
    cpu = time.process_time() - start_cpu
    total = cpu + children_cpu() - start_children
    if results != task_args:
        return None, f"wrong results: {results[:3]}... where every task gives {size}"
    return (real, cpu, total), None


def aggregates(record, times):
    """Google Benchmark's mean, median, stddev and cv of the repetitions."""
    reals = [t[0] for t in times]
    cpus = [t[1] for t in times]
    stats = [
        ("mean", "time", statistics.mean),
        ("median", "time", statistics.median),
        ("stddev", "time", statistics.stdev),
        ("cv", "percentage", lambda v: statistics.stdev(v) / statistics.mean(v)),
    ]
    for name, unit, f in stats:
        agg = {k: record[k] for k in ("family_index", "per_family_instance_index", "run_name",
                                      "repetitions", "threads")}
        scale = 1 if unit == "percentage" else 1e3
        agg.update(name=record["run_name"] + "_" + name, run_type="aggregate",
                   aggregate_name=name, aggregate_unit=unit, iterations=len(times),
                   real_time=f(reals) * scale, cpu_time=f(cpus) * scale, time_unit="ms")
        yield agg


def context(args):
    usable = len(os.sched_getaffinity(0))
    mhz = 0
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("cpu MHz"):
                    mhz = round(float(line.split(":")[1]))
                    break
    except OSError:
        pass
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "host_name": socket.gethostname().split(".")[0],
        "executable": sys.executable,
        "num_cpus": os.cpu_count(),
        "mhz_per_cpu": mhz,
        "cpu_scaling_enabled": False,
        "caches": [],
        "load_avg": list(os.getloadavg()),
        "library_build_type": "release",
        "parbench_language": "python",
        "parbench_python": f"{platform.python_implementation()} {platform.python_version()}",
        "parbench_python_start_method": multiprocessing.get_start_method(),
        "parbench_seed_sizes": args.sizes,
        "parbench_cpu_count": str(args.cpu_count),
        "parbench_io_latency_ms": str(args.io_latency_ms),
        "parbench_tasks": str(args.tasks),
        "parbench_workers": ",".join(map(str, args.workers)),
        "parbench_workloads": ",".join(args.workloads),
        "parbench_strategies": "Sequential,ThreadPool,ProcessPool",
        "parbench_process_strategies": "ProcessPool",
        "parbench_usable_cpus": str(usable),
        "parbench_oversubscribed_workers": ",".join(str(w) for w in args.workers if w > usable),
    }


def main(argv):
    args = parse_args(argv)
    benchmarks = cases(args)
    times = {name: [] for name, _, _, _ in benchmarks}
    errors = {}
    # Repetitions interleaved in a new random order each round, as run.sh
    # runs bench: the machine's drift hits every benchmark alike.
    order = list(range(len(benchmarks)))
    rng = random.Random(0)
    for _ in range(args.repetitions):
        rng.shuffle(order)
        for i in order:
            name, workload, workers, run = benchmarks[i]
            if name in errors:
                continue
            result, error = measure(workload, workers, run, args)
            if error:
                errors[name] = error
            else:
                times[name].append(result)
    records = []
    for family, (name, _, _, _) in enumerate(benchmarks):
        record = {"name": name, "family_index": family, "per_family_instance_index": 0,
                  "run_name": name, "run_type": "iteration", "repetitions": args.repetitions,
                  "threads": 1}
        if name in errors:
            records.append(dict(record, repetition_index=0, iterations=0,
                                error_occurred=True, error_message=errors[name]))
            continue
        for index, (real, cpu, total) in enumerate(times[name]):
            records.append(dict(record, repetition_index=index, iterations=1,
                                real_time=real * 1e3, cpu_time=cpu * 1e3, time_unit="ms",
                                process_cpu_s=cpu, total_cpu_s=total))
        if args.repetitions > 1:
            records.extend(aggregates(record, times[name]))
    json.dump({"context": context(args), "benchmarks": records}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
