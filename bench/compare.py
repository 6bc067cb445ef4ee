#!/usr/bin/env python3
"""Takt vs SimPy on the six-station line (bench/line6.json, bench/line_simpy.py), one run.

    python3 bench/compare.py [SIMPY_REPLICATIONS]      (default 100)
    python3 bench/compare.py --browser                 (WebAssembly in Chromium vs native)

Everything runs pinned to one core (`taskset -c 0`), so Takt's replications do not spread
over the machine's cores. Builds `takt` in release and the bare hold loop (bench/hold.rs),
runs the SimPy peer for R replications, `takt simulate` for 20·R replications (to
amortise process start-up) and the hold loop, each three times alternately, and prints in one JSON object:
the best time per replication of each (this machine is shared and noisy: the best of several
runs is the stable figure; the median is printed too) and their ratio; Takt's nanoseconds
per event against the hold loop's nanoseconds per hold in the same run, and that ratio; the
callgrind instruction count per replication (the difference between 2·K and K replications,
so process start-up cancels; stable where wall time is not); and whether the throughputs
agree. Installs SimPy with pip if it is missing; callgrind is skipped without valgrind.

With --browser it runs, in one go, the engine natively (`cargo bench -p takt-core --bench
engine`, one core) and the same engine compiled to WebAssembly at the web build's profile in
headless Chromium (the measuring tests of `tests/web.rs`, through wasm-bindgen-test with
--nocapture; needs the tools `scripts/setup.sh` installs), and prints each figure and the
WebAssembly / native speed ratio on the six-station line, with the browser's round of the
process factory (30 replications + analysis) and the improve step's forecast.
"""
import json, math, os, re, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
LINE = os.path.join(BENCH, "line6.json")
PEER = os.path.join(BENCH, "line_simpy.py")
ONE_CORE = ["taskset", "-c", "0"] if shutil.which("taskset") else []


def instructions(takt, replications):
    """Instructions executed by `takt simulate` with `replications`, counted by callgrind."""
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          takt, "simulate", LINE, "--replications", str(replications)],
                         check=True, capture_output=True, text=True)
    found = re.search(r"Collected\s*:\s*(\d+)", run.stderr)
    return int(found.group(1))


def build_hold_loop():
    """Builds the bare heap hold loop (bench/hold.rs)."""
    exe = os.path.join(ROOT, "target", "hold")
    subprocess.run(["rustc", "-C", "opt-level=3", os.path.join(BENCH, "hold.rs"), "-o", exe], check=True)
    return exe


def hold_loop(exe, pending=16, holds=20_000_000):
    """One run of the hold loop on one core."""
    out = subprocess.run(ONE_CORE + [exe, str(pending), str(holds)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def browser():
    """WebAssembly in Chromium against native, on the same line, from one run."""
    env_sh = os.path.join(ROOT, "scripts", "env.sh")
    pin = " ".join(ONE_CORE)
    native = subprocess.run(["bash", "-c", f"source {env_sh} >/dev/null && cargo bench -q -p takt-core --bench engine --no-run"
                             f" && {pin} cargo bench -q -p takt-core --bench engine"],
                            cwd=ROOT, check=True, capture_output=True, text=True)
    line6 = re.search(r"line6: \d+ replications in [\d.]+ s = ([\d.]+) µs per replication", native.stdout)
    if not line6:
        sys.exit(f"no line6 figure in the native bench's output:\n{native.stdout}")
    native_ms = float(line6.group(1)) / 1e3
    wasm = subprocess.run(["bash", "-c", f"source {env_sh} >/dev/null && cargo test --profile web -p takt-app"
                           " --target wasm32-unknown-unknown --test web -- --nocapture measured"],
                          cwd=ROOT, check=True, capture_output=True, text=True)
    out = wasm.stdout + wasm.stderr
    engine = re.search(r"engine \(bench/line6\.json, \d+ replications\): median ([\d.]+) ms per replication", out)
    if not engine:
        sys.exit(f"no engine figure in the browser tests' output:\n{out}")
    wasm_ms = float(engine.group(1))
    lines = [l.strip() for l in out.splitlines() if re.match(r"\s*(round|forecast|what-if|engine) ", l)]
    print(json.dumps({
        "line": "line6, one thread: native (cargo bench, opt-level 3) vs WebAssembly in headless Chromium (profile web)",
        "native_ms_per_replication": native_ms,
        "wasm_ms_per_replication": wasm_ms,
        "wasm_vs_native_speed": native_ms / wasm_ms,
        "browser_figures": lines,
    }, indent=2, ensure_ascii=False))


def main():
    if sys.argv[1:] == ["--browser"]:
        return browser()
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
    simpy_walls, takt_walls, holds = [], [], []
    hold_exe = build_hold_loop()
    for _ in range(3):
        holds.append(hold_loop(hold_exe))
        peer = subprocess.run(ONE_CORE + [sys.executable, PEER, means, str(buf), str(horizon), str(reps)],
                              check=True, capture_output=True, text=True)
        simpy_out = json.loads(peer.stdout)
        simpy_walls.append(simpy_out["wall_s"] / reps)
        t0 = time.perf_counter()
        out = subprocess.run(ONE_CORE + [takt, "simulate", LINE, "--replications", str(takt_reps)],
                             check=True, capture_output=True, text=True)
        takt_walls.append((time.perf_counter() - t0) / takt_reps)
    report = json.loads(out.stdout)
    simpy_per_rep, takt_per_rep = min(simpy_walls), min(takt_walls)
    hold = min(holds, key=lambda h: h["ns_per_hold"])
    ns_per_event = takt_per_rep * takt_reps * 1e9 / report["events"]
    events_per_rep = report["events"] / takt_reps
    per_rep_instructions = None
    if shutil.which("valgrind"):
        k = 20
        per_rep_instructions = (instructions(takt, 2 * k) - instructions(takt, k)) / k
    median = lambda xs: sorted(xs)[len(xs) // 2]

    th, ci = report["throughput"], report["ci95"]["throughput"]
    # SimPy's mean over `reps` replications has about sqrt(20) times Takt's half-width.
    tolerance = ci * (1 + math.sqrt(takt_reps / reps))
    agree = abs(th - simpy_out["throughput"]) <= tolerance
    print(json.dumps({
        "line": "line6 (6 stations, exponential, buffers 3, blocking, 28800 s), one core",
        "simpy": {"replications": reps, "per_replication_ms": simpy_per_rep * 1e3,
                  "throughput": simpy_out["throughput"]},
        "takt": {"replications": takt_reps, "per_replication_ms": takt_per_rep * 1e3,
                 "throughput": th, "ci95": ci,
                 "events_per_s": report["events"] / (takt_per_rep * takt_reps),
                 "events_per_replication": events_per_rep,
                 "ns_per_event": ns_per_event,
                 "instructions_per_replication": per_rep_instructions,
                 "instructions_per_event": per_rep_instructions and per_rep_instructions / events_per_rep},
        "hold_loop": hold,
        "event_vs_hold": ns_per_event / hold["ns_per_hold"],
        "speedup": simpy_per_rep / takt_per_rep,
        "speedup_median": median(simpy_walls) / median(takt_walls),
        "throughputs_agree": agree,
    }, indent=2))
    if not agree:
        sys.exit("the two engines disagree on throughput")


if __name__ == "__main__":
    main()
