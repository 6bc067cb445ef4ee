#!/usr/bin/env python3
"""`takt optimize` on every built-in scenario (public/scenarios/*.json): time and score at the
default time limit, and the score it reaches with 10x that limit.

    python3 bench/optimize.py [LIMIT]        (default 10 s, the CLI's default)
    python3 bench/optimize.py --cores 2      (pin to the first two cores with taskset)

Builds the release CLI, then for each scenario runs `takt optimize FILE --time-limit LIMIT`
and `--time-limit 10*LIMIT` and prints, per scenario, the wall time of each run, the score
(`score.total`), the cost and size of each plan, whether the clock capped the search
(`capped`: then the result depends on the machine), and the ratio of the two scores. The
targets (issue 18): at most 10 s at the default limit natively on two cores, and a score
within 1 % of the 10x one (ratio >= 0.99). Printed, never asserted: the machine is shared.
"""
import glob, json, os, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAKT = os.path.join(ROOT, "target", "release", "takt")


def run(pin, scenario, limit):
    start = time.perf_counter()
    out = subprocess.run(pin + [TAKT, "optimize", scenario, "--time-limit", str(limit)],
                         check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    best = json.loads(out)
    return {
        "seconds": round(seconds, 2),
        "score": round(best["score"]["total"], 2),
        "cost": best["cost"],
        "changes": len(best["plan"]),
        "evaluated": best["evaluated"],
        "meets_order": best["meets_order"],
        "capped": best["capped"],
    }


def main():
    args = sys.argv[1:]
    pin = []
    if "--cores" in args:
        k = args.index("--cores")
        cores = int(args[k + 1])
        del args[k:k + 2]
        if shutil.which("taskset"):
            pin = ["taskset", "-c", f"0-{cores - 1}"]
    limit = float(args[0]) if args else 10.0
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "takt-cli"], cwd=ROOT, check=True)
    rows = []
    for scenario in sorted(glob.glob(os.path.join(ROOT, "public", "scenarios", "*.json"))):
        name = os.path.splitext(os.path.basename(scenario))[0]
        short = run(pin, scenario, limit)
        long = run(pin, scenario, 10 * limit)
        ratio = short["score"] / long["score"] if long["score"] else float("nan")
        rows.append({"scenario": name, "limit": limit, "default": short, "ten_times": long,
                     "ratio": round(ratio, 4)})
        print(f"{name:20} {short['seconds']:6.2f} s  score {short['score']:7.2f}"
              f"  | 10x: {long['seconds']:6.2f} s  score {long['score']:7.2f}"
              f"  | ratio {ratio:.4f}", file=sys.stderr)
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
