#!/usr/bin/env python3
"""Benchmark harness for portfolio-audit (see BENCHMARKS.md).

Builds deterministic corpora with examples/gen_corpus.rs (synthetic, never
copies of real repositories), then measures, in the same run, the tool and
a floor. Prints medians and ratios; never asserts on time.

Real shapes (the default; bench/real.py): a library with a 5,000-commit
history and about 1 MB of Python, and a portfolio of 20 small projects,
against the read-every-object floor (`git rev-list --objects HEAD | git
cat-file --batch`), cold and warm, one new commit, -j 1 against -j 2, and
repo-review side by side.

Legacy shapes (--legacy): 300 small repositories, 3 x 10,000 commits, the
memory and growth corpora, against a floor of the files the pack reads.

    python3 bench/run.py [--dir /tmp/pa-bench] [--runs 5] [--quick] [--legacy]
"""

import argparse
import concurrent.futures as cf
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
# BENCH_BIN / BENCH_GEN: measure binaries built elsewhere (with BENCH_NO_BUILD=1).
BIN = Path(os.environ.get("BENCH_BIN", TARGET / "release/portfolio-audit"))
GEN = Path(os.environ.get("BENCH_GEN", TARGET / "release/examples/gen_corpus"))

# Files the default pack opens (facts/mod.rs): code, notebooks, manifests,
# CI configs, READMEs, ignore files, Dockerfiles, env and docs pages.
READ = re.compile(
    r"(\.py|\.ipynb|\.toml|\.cfg|\.txt|\.ya?ml|\.md|\.rst|\.env|Dockerfile|Pipfile|Jenkinsfile|Makefile|\.gitignore|\.python-version)$"
)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def repos_in(d):
    return sorted(p for p in Path(d).iterdir() if (p / ".git").exists())


def floor_one(repo):
    git = ["git", "-C", str(repo)]
    subprocess.run(git + ["log", "--format=%H%x00%P%x00%an%x00%ae%x00%at%x00%B", "--raw", "--no-abbrev", "-M"],
                   stdout=subprocess.DEVNULL, check=True)
    tree = subprocess.run(git + ["ls-tree", "-r", "-l", "HEAD"], capture_output=True, check=True, text=True).stdout
    oids = []
    for line in tree.splitlines():
        meta, path = line.split("\t", 1)
        parts = meta.split()
        if parts[1] == "blob" and READ.search(path):
            oids.append(parts[2])
    subprocess.run(git + ["cat-file", "--batch"], input=("\n".join(oids) + "\n").encode(),
                   stdout=subprocess.DEVNULL, check=True)


def floor(d, workers=2):
    repos = repos_in(d)
    with cf.ThreadPoolExecutor(workers) as pool:
        list(pool.map(floor_one, repos))


def tool(d, threads, extra=()):
    sh([str(BIN), "audit", str(d), "--format", "json", "-q", "-j", str(threads), *extra], stdout=subprocess.DEVNULL)


def peak_rss_kb(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def repo_review_env(base):
    venv = Path(base) / "rr-venv"
    if not (venv / "bin/repo-review").exists():
        try:
            sh([sys.executable, "-m", "venv", str(venv)], stdout=subprocess.DEVNULL)
            sh([str(venv / "bin/pip"), "install", "-q", "repo-review[cli]", "sp-repo-review"], stdout=subprocess.DEVNULL)
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            print(f"repo-review: skipped, could not install it ({e})")
            return None
    return venv / "bin/repo-review"


def repo_review(rr, d, workers=2):
    def one(repo):
        subprocess.run([str(rr), str(repo), "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with cf.ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, repos_in(d)))


def generate(base, quick):
    base = Path(base)
    n_port, n_mem, n_large, commits, files = (30, 100, 1, 2000, 500) if quick else (300, 1000, 3, 10_000, 2_000)
    shapes = {
        "portfolio": (["portfolio", str(base / "portfolio"), str(n_port)], base / "portfolio"),
        "memory": (["portfolio", str(base / "memory"), str(n_mem)], base / "memory"),
        "large": (["large", str(base / "large"), str(n_large), str(commits), str(files)], base / "large"),
    }
    for name, (args, d) in shapes.items():
        if not d.exists():
            t = time.perf_counter()
            sh([str(GEN), *args])
            if name == "large":
                for r in repos_in(d):
                    sh(["git", "-C", str(r), "repack", "-adq"])
            print(f"generated {name} in {time.perf_counter() - t:.0f} s")
    # Growth: one repository at three history sizes around --max-commits.
    for c in (2_500, 5_000, 10_000) if not quick else (500, 1_000, 2_000):
        d = base / f"growth-{c}"
        if not d.exists():
            sh([str(GEN), "large", str(d), "1", str(c), str(files)])
            for r in repos_in(d):
                sh(["git", "-C", str(r), "repack", "-adq"])
    return shapes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.environ.get("BENCH_DIR", "/tmp/pa-bench"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="small corpora, for trying the harness")
    ap.add_argument("--legacy", action="store_true", help="the earlier synthetic shapes (300 repos, 3 x 10,000 commits)")
    args = ap.parse_args()
    if not os.environ.get("BENCH_NO_BUILD"):
        sh(["cargo", "build", "--release", "--quiet", "--bin", "portfolio-audit", "--example", "gen_corpus"], cwd=ROOT)
    if not args.legacy:
        import real
        real.main(args, BIN, GEN)
        return
    shapes = generate(args.dir, args.quick)
    results = {"machine": {"cpus": os.cpu_count(), "uname": " ".join(os.uname())}}

    for name in ("portfolio", "large"):
        d = shapes[name][1]
        runs = args.runs if name == "portfolio" else max(3, args.runs // 2)
        f, _ = median_time(lambda: floor(d), runs)
        t2, _ = median_time(lambda: tool(d, 2), runs)
        t1, _ = median_time(lambda: tool(d, 1), runs)
        results[name] = {"repos": len(repos_in(d)), "floor_s": f, "tool_j2_s": t2, "tool_j1_s": t1,
                         "tool_over_floor": t2 / f, "speedup_2_threads": t1 / t2}
        print(f"{name}: {len(repos_in(d))} repos; floor {f:.2f} s, tool {t2:.2f} s (-j2), {t1:.2f} s (-j1); "
              f"tool/floor {t2 / f:.2f}x; 2-thread speed-up {t1 / t2:.2f}x")

    rr = repo_review_env(args.dir)
    if rr:
        d = shapes["portfolio"][1]
        r, _ = median_time(lambda: repo_review(rr, d), max(1, args.runs // 2))
        results["portfolio"]["repo_review_s"] = r
        results["portfolio"]["tool_over_repo_review"] = results["portfolio"]["tool_j2_s"] / r
        print(f"repo-review on the portfolio: {r:.2f} s; portfolio-audit takes {results['portfolio']['tool_j2_s'] / r:.2f}x its time")

    mem_dir = shapes["memory"][1]
    small = peak_rss_kb([str(BIN), "audit", str(shapes["portfolio"][1]), "--format", "json", "-q"])
    big = peak_rss_kb([str(BIN), "audit", str(mem_dir), "--format", "json", "-q"])
    results["memory"] = {"repos_small": len(repos_in(shapes["portfolio"][1])), "peak_rss_kb_small": small,
                         "repos_big": len(repos_in(mem_dir)), "peak_rss_kb_big": big}
    print(f"peak RSS: {small / 1024:.0f} MB for {len(repos_in(shapes['portfolio'][1]))} repos, "
          f"{big / 1024:.0f} MB for {len(repos_in(mem_dir))} repos")

    growth = {}
    for d in sorted(Path(args.dir).glob("growth-*"), key=lambda p: int(p.name.split("-")[1])):
        t, _ = median_time(lambda: tool(d, 1), 3)
        growth[d.name] = t
        print(f"{d.name}: {t:.2f} s (one repository, --max-commits 5000)")
    results["growth"] = growth
    out = Path(args.dir) / "results.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
