#!/usr/bin/env python3
"""Takt vs SimPy on the six-station line of ../shared/bench (same model, same machine, one run).

    python3 bench/compare.py [SIMPY_REPLICATIONS]      (default 100)

Builds `takt` in release, runs the SimPy peer for R replications and `takt simulate` for
20·R replications (to amortise process start-up), each three times alternately, and prints
the best time per replication of each (this machine is shared and noisy: the best of
several runs is the stable figure; the median is printed too), their ratio, Takt's events
per second, and whether the throughputs agree. Installs SimPy with pip if it is missing.
"""
import json, math, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
LINE = os.path.join(SHARED, "line6.json")
PEER = os.path.join(SHARED, "line_simpy.py")


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    try:
        import simpy  # noqa: F401
    except ImportError:
        print("installing simpy (pip) ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "simpy"], check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "takt-cli"], cwd=ROOT, check=True)
    takt = os.path.join(ROOT, "target", "release", "takt")

    line = json.load(open(LINE))
    means = ",".join(str(s["process"]["mean"]) for s in line["stations"])
    buf = line["stations"][1]["buffer"]
    horizon = line["horizon"]
    takt_reps = 20 * reps
    simpy_walls, takt_walls = [], []
    for _ in range(3):
        peer = subprocess.run([sys.executable, PEER, means, str(buf), str(horizon), str(reps)],
                              check=True, capture_output=True, text=True)
        simpy_out = json.loads(peer.stdout)
        simpy_walls.append(simpy_out["wall_s"] / reps)
        t0 = time.perf_counter()
        out = subprocess.run([takt, "simulate", LINE, "--replications", str(takt_reps)],
                             check=True, capture_output=True, text=True)
        takt_walls.append((time.perf_counter() - t0) / takt_reps)
    report = json.loads(out.stdout)
    simpy_per_rep, takt_per_rep = min(simpy_walls), min(takt_walls)
    median = lambda xs: sorted(xs)[len(xs) // 2]

    th, ci = report["throughput"], report["ci95"]["throughput"]
    # SimPy's mean over `reps` replications has about sqrt(20) times Takt's half-width.
    tolerance = ci * (1 + math.sqrt(takt_reps / reps))
    agree = abs(th - simpy_out["throughput"]) <= tolerance
    print(json.dumps({
        "line": "line6 (6 stations, exponential, buffers 3, blocking, 28800 s)",
        "simpy": {"replications": reps, "per_replication_ms": simpy_per_rep * 1e3,
                  "throughput": simpy_out["throughput"]},
        "takt": {"replications": takt_reps, "per_replication_ms": takt_per_rep * 1e3,
                 "throughput": th, "ci95": ci,
                 "events_per_s": report["events"] / (takt_per_rep * takt_reps)},
        "speedup": simpy_per_rep / takt_per_rep,
        "speedup_median": median(simpy_walls) / median(takt_walls),
        "throughputs_agree": agree,
    }, indent=2))
    if not agree:
        sys.exit("the two engines disagree on throughput")


if __name__ == "__main__":
    main()
