"""Real shapes for the benchmark harness (issue 14): run by bench/run.py.

Two synthetic corpora shaped like what reviewers audit, generated once and
deterministically by examples/gen_corpus.rs, never copied from a real
repository:

- library: one repository with a 5,000-commit history and about 1 MB of
  Python source at HEAD, repacked;
- portfolio: 20 small projects of 60 commits and 40 files each.

On each, in the same run, pairs alternating (A B A B ...), the ratio taken
pair by pair and its median quoted:

- floor: every object reachable from HEAD read once, two repositories at a
  time (`git rev-list --objects HEAD | cut -d' ' -f1 | git cat-file --batch`;
  without the cut, cat-file takes "id path" lines as names it cannot find
  and reads no tree or blob);
- cold: `audit DIR --format json -q --no-cache`, at -j 2 and at -j 1;
- warm: the same with a filled cache and unchanged HEADs;
- one new commit: the cache filled at HEAD~1, then the audit at HEAD
  (incremental history, the rest of the facts gathered afresh);
- repo-review (with sp-repo-review's checks) on the same checked-out trees,
  two processes each given half the repositories, so its start-up is paid
  twice, not once per repository. Skipped with the reason printed when it
  cannot be installed.

Wall and CPU seconds (user + system of every child process, from
getrusage) are recorded, with the load average before and after.
"""

import concurrent.futures as cf
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = "git -C {r} rev-list --objects HEAD | cut -d' ' -f1 | git -C {r} cat-file --batch > /dev/null"

# (commits, files) of the library; count of portfolio projects.
FULL = {"library": (5_000, 950), "portfolio": 20}
QUICK = {"library": (600, 120), "portfolio": 4}


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def repos_in(d):
    return sorted(p for p in Path(d).iterdir() if (p / ".git").exists())


def halves(items, n=2):
    """Splits items into at most n contiguous, non-empty parts."""
    items = list(items)
    size = -(-len(items) // n) if items else 0
    return [items[i:i + size] for i in range(0, len(items), size)] if size else []


def floor_cmd(repo):
    return FLOOR.format(r=shlex_quote(str(repo)))


def shlex_quote(s):
    import shlex
    return shlex.quote(s)


def floor(repos, workers=2):
    with cf.ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda r: sh(["sh", "-c", floor_cmd(r)]), repos))


def timed(fn):
    """Runs fn; returns (wall seconds, CPU seconds of the children it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    fn()
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def paired(fa, fb, runs, setup=None, warmup=1):
    """A and B in turn, `runs` counted pairs after `warmup`. `setup`, when
    given, runs untimed before every A and every B. Returns medians of
    each side's wall and CPU seconds and of the ratios A/B pair by pair."""
    a_runs, b_runs = [], []
    for i in range(warmup + runs):
        pair = []
        for fn in (fa, fb):
            if setup:
                setup()
            pair.append(timed(fn))
        if i >= warmup:
            a_runs.append(pair[0])
            b_runs.append(pair[1])
    med = statistics.median
    return {
        "a_wall": med(w for w, _ in a_runs), "a_cpu": med(c for _, c in a_runs),
        "b_wall": med(w for w, _ in b_runs), "b_cpu": med(c for _, c in b_runs),
        "ratio_wall": med(a[0] / b[0] for a, b in zip(a_runs, b_runs)),
        "ratio_cpu": med(a[1] / b[1] for a, b in zip(a_runs, b_runs) if b[1] > 0) if any(b[1] > 0 for b in b_runs) else None,
        "runs": runs,
    }


def generate(base, gen, sizes):
    lib, port = base / "real-library", base / "real-portfolio"
    commits, files = sizes["library"]
    if not lib.exists():
        sh([str(gen), "large", str(lib), "1", str(commits), str(files)])
    if not port.exists():
        sh([str(gen), "portfolio", str(port), str(sizes["portfolio"])])
    for d in (lib, port):
        for r in repos_in(d):
            sh(["git", "-C", str(r), "repack", "-adq"])
            # repo-review reads files on disk: check HEAD out (the audit
            # reads the committed tree either way).
            sh(["git", "-C", str(r), "reset", "-q", "--hard"])
    return {"library": lib, "portfolio": port}


def python_bytes(repo):
    out = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "-l", "HEAD"], capture_output=True, text=True, check=True).stdout
    total = 0
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        if path.endswith(".py"):
            total += int(meta.split()[3])
    return total


def repo_review_bin(base):
    venv = Path(base) / "rr-venv"
    if not (venv / "bin/repo-review").exists():
        try:
            sh([sys.executable, "-m", "venv", str(venv)], stdout=subprocess.DEVNULL)
            sh([str(venv / "bin/pip"), "install", "-q", "repo-review[cli]", "sp-repo-review"], stdout=subprocess.DEVNULL)
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            print(f"repo-review: skipped, it could not be installed ({e})")
            return None
    return venv / "bin/repo-review"


def main(args, bin_, gen):
    base = Path(args.dir)
    base.mkdir(parents=True, exist_ok=True)
    sizes = QUICK if args.quick else FULL
    shapes = generate(base, gen, sizes)
    rr = repo_review_bin(base)
    runs = args.runs
    results = {"machine": {"cpus": os.cpu_count(), "uname": " ".join(os.uname())}, "shapes": {}}

    def audit(d, threads, cache=None):
        env = dict(os.environ)
        extra = ["--no-cache"] if cache is None else []
        if cache is not None:
            env["PORTFOLIO_AUDIT_CACHE_DIR"] = str(cache)
        return lambda: subprocess.run([str(bin_), "audit", str(d), "--format", "json", "-q", "-j", str(threads), *extra],
                                      stdout=subprocess.DEVNULL, env=env, check=False)

    for name, d in shapes.items():
        repos = repos_in(d)
        row = {"repos": len(repos), "commits": int(subprocess.run(["git", "-C", str(repos[0]), "rev-list", "--count", "HEAD"],
                                                                  capture_output=True, text=True).stdout),
               "python_bytes_first": python_bytes(repos[0]), "load_before": os.getloadavg()}
        fl = lambda: floor(repos)
        row["cold_vs_floor"] = paired(audit(d, 2), fl, runs)
        row["j1_vs_j2"] = paired(audit(d, 1), audit(d, 2), runs)
        cache = Path(tempfile.mkdtemp(prefix="pa-bench-cache", dir=base))
        audit(d, 2, cache)()
        row["warm_vs_floor"] = paired(audit(d, 2, cache), fl, runs)
        if rr:
            parts = halves(repos)

            def review():
                with cf.ThreadPoolExecutor(2) as pool:
                    list(pool.map(lambda part: subprocess.run([str(rr), *map(str, part), "--format", "json"],
                                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), parts))
            row["warm_vs_repo_review"] = paired(audit(d, 2, cache), review, runs)
            row["cold_vs_repo_review"] = paired(audit(d, 2), review, runs)
        else:
            row["repo_review"] = "skipped: could not be installed"
        row["one_new_commit"] = one_new_commit(d, repos, audit, base, runs)
        row["load_after"] = os.getloadavg()
        shutil.rmtree(cache, ignore_errors=True)
        results["shapes"][name] = row
        report(name, row)
    out = base / "results-real.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out}")


def one_new_commit(d, repos, audit, base, runs):
    """The audit at HEAD with a cache filled at HEAD~1 (each run a fresh
    cache), against the cold audit at HEAD."""
    heads = {r: subprocess.run(["git", "-C", str(r), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
             for r in repos}
    cache = base / "pa-bench-incremental"

    def move(to_parent):
        for r, h in heads.items():
            target = f"{h}~1" if to_parent else h
            sh(["git", "-C", str(r), "update-ref", "refs/heads/main", target])

    def fill():
        shutil.rmtree(cache, ignore_errors=True)
        move(True)
        audit(d, 2, cache)()
        move(False)

    try:
        incremental = audit(d, 2, cache)
        cold = audit(d, 2)
        return paired(incremental, cold, runs, setup=fill)
    finally:
        move(False)
        shutil.rmtree(cache, ignore_errors=True)


def report(name, row):
    def fmt(p, a, b):
        cpu = f", CPU {p['ratio_cpu']:.2f}x" if p.get("ratio_cpu") else ""
        return (f"  {a} {p['a_wall']:.2f} s wall / {p['a_cpu']:.2f} s CPU; {b} {p['b_wall']:.2f} s / {p['b_cpu']:.2f} s; "
                f"{a}/{b} {p['ratio_wall']:.2f}x wall{cpu} (median of {p['runs']} pairs)")
    print(f"{name}: {row['repos']} repos, {row['commits']} commits in the first, "
          f"{row['python_bytes_first'] / 1e6:.2f} MB of Python in the first; load {row['load_before'][0]:.2f}")
    print(fmt(row["cold_vs_floor"], "cold -j2", "floor"))
    print(fmt(row["j1_vs_j2"], "cold -j1", "cold -j2"))
    print(fmt(row["warm_vs_floor"], "warm", "floor"))
    if "warm_vs_repo_review" in row:
        print(fmt(row["warm_vs_repo_review"], "warm", "repo-review"))
        print(fmt(row["cold_vs_repo_review"], "cold", "repo-review"))
    else:
        print(f"  repo-review: {row['repo_review']}")
    print(fmt(row["one_new_commit"], "one new commit", "cold"))
    print(f"  load after {row['load_after'][0]:.2f}")
