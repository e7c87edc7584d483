#!/usr/bin/env python3
"""cflite-check.py: `make cflite-check`.  The ClusterFuzzLite files stay
in step with fuzz/oss-fuzz/ (the build ClusterFuzzLite and OSS-Fuzz run
must be the one make oss-fuzz-check tries): the Dockerfile is OSS-Fuzz's
but for where build.sh comes from, build.sh runs OSS-Fuzz's, the language
is the same, and each workflow is valid YAML that builds for that
language and runs in its documented mode.  Every failure names the file
and what was expected; exit status 1 on any."""
import sys

try:
    import yaml
except ImportError:
    sys.exit("cflite-check: needs PyYAML: install python3-yaml (clang-tidy-14 "
             "pulls it in on Debian)")

errors = []


def fail(path, why):
    errors.append(f"{path}: {why}")


def lines(path):
    with open(path) as f:
        return [l for l in f.read().splitlines()
                if l.strip() and not l.startswith("#")]


oss, cfl = lines("fuzz/oss-fuzz/Dockerfile"), lines(".clusterfuzzlite/Dockerfile")
want = [l.replace("COPY fuzz/oss-fuzz/build.sh", "COPY .clusterfuzzlite/build.sh")
        for l in oss]
if cfl != want:
    fail(".clusterfuzzlite/Dockerfile",
         "expected fuzz/oss-fuzz/Dockerfile's lines with build.sh copied from "
         f".clusterfuzzlite/: {want}, got {cfl}")
if 'fuzz/oss-fuzz/build.sh' not in open(".clusterfuzzlite/build.sh").read():
    fail(".clusterfuzzlite/build.sh", "expected it to run fuzz/oss-fuzz/build.sh")
with open("fuzz/oss-fuzz/project.yaml") as f:
    lang = yaml.safe_load(f).get("language")
with open(".clusterfuzzlite/project.yaml") as f:
    if yaml.safe_load(f) != {"language": lang}:
        fail(".clusterfuzzlite/project.yaml", f"expected only language: {lang}")
for path, mode in ((".github/workflows/cflite_pr.yml", "code-change"),
                   (".github/workflows/cflite_batch.yml", "batch")):
    try:
        with open(path) as f:
            doc = yaml.safe_load(f)
        steps = [s for job in doc["jobs"].values() for s in job["steps"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        fail(path, f"expected a workflow with jobs and steps: {e}")
        continue
    uses = {s.get("uses", "").split("@")[0]: s.get("with", {}) for s in steps}
    build = uses.get("google/clusterfuzzlite/actions/build_fuzzers")
    run = uses.get("google/clusterfuzzlite/actions/run_fuzzers")
    if build is None or build.get("language") != lang:
        fail(path, f"expected a build_fuzzers step with language: {lang}")
    if run is None or run.get("mode") != mode:
        fail(path, f"expected a run_fuzzers step with mode: {mode}")
for e in errors:
    print("cflite-check: " + e)
if errors:
    sys.exit(1)
print("cflite-check: .clusterfuzzlite/ and its workflows agree with fuzz/oss-fuzz/")
