"""Unit tests for the benchmark harness's pure parts (bench/run.py).

The harness is what every speed claim in BENCHMARKS.md rests on, so the
parts that decide *what* is measured are tested: which files count as read
by the floor, which folders count as repositories, and how medians are
taken. Run with `python3 -m unittest discover -s bench/tests` (stdlib only);
tests/bench_harness.rs runs them as part of `cargo test`.
"""

import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import real  # noqa: E402  (the real shapes, imported from bench/)
import run  # noqa: E402  (the harness module, imported from bench/)


class ReadPattern(unittest.TestCase):
    def test_files_the_default_pack_opens_are_read_by_the_floor(self):
        for path in ["app/main.py", "nb/eda.ipynb", "pyproject.toml", "setup.cfg",
                     "requirements.txt", ".github/workflows/ci.yml", "README.md",
                     "docs/index.rst", "Dockerfile", "Pipfile", "Makefile",
                     ".gitignore", ".python-version", "config/.env"]:
            self.assertTrue(run.READ.search(path), path)

    def test_binary_and_other_files_are_not(self):
        for path in ["logo.png", "data.csv", "model.pkl", "main.rs", "app.py.orig", "README"]:
            self.assertFalse(run.READ.search(path), path)


class ReposIn(unittest.TestCase):
    def test_only_folders_with_git_are_repositories_and_they_are_sorted(self):
        with tempfile.TemporaryDirectory() as d:
            for name in ["b", "a", "plain"]:
                (Path(d) / name).mkdir()
            (Path(d) / "b" / ".git").mkdir()
            (Path(d) / "a" / ".git").mkdir()
            self.assertEqual([p.name for p in run.repos_in(d)], ["a", "b"])


class MedianTime(unittest.TestCase):
    def test_runs_the_function_the_given_number_of_times(self):
        calls = []
        median, times = run.median_time(lambda: calls.append(1), 5)
        self.assertEqual(len(calls), 5)
        self.assertEqual(len(times), 5)
        self.assertGreaterEqual(median, 0.0)
        self.assertEqual(median, sorted(times)[2])


class RealShapes(unittest.TestCase):
    def test_the_floor_reads_every_object_not_only_commits(self):
        # cat-file takes a whole "id path" line as a name it cannot find:
        # the ids must be cut out first, or no tree or blob is read.
        cmd = real.floor_cmd(Path("/tmp/a repo"))
        self.assertIn("rev-list --objects HEAD | cut -d' ' -f1 | git", cmd)
        self.assertIn("'/tmp/a repo'", cmd)

    def test_halves_cover_every_repository_once(self):
        for n in range(0, 7):
            parts = real.halves(range(n))
            self.assertEqual([x for p in parts for x in p], list(range(n)))
            self.assertLessEqual(len(parts), 2)
            self.assertTrue(all(parts))

    def test_pairs_alternate_and_ratios_are_taken_pair_by_pair(self):
        order = []
        p = real.paired(lambda: order.append("a"), lambda: order.append("b"), 3,
                        setup=lambda: order.append("s"))
        self.assertEqual(order, ["s", "a", "s", "b"] * 4)  # one warm-up pair
        self.assertEqual(p["runs"], 3)
        self.assertGreater(p["ratio_wall"], 0)


if __name__ == "__main__":
    unittest.main()
