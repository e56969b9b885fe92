"""A round across CI runners: the CI templates are valid for their services, and their shard jobs merge into the tree of one `build --all`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import AGENCY, ENGINE, REPO, copy_library, run_cli, write_agencies
from mentorkit.shards import Shard

TEMPLATES = {"github": REPO / "ci/github-actions.yml", "gitlab": REPO / "ci/gitlab-ci.yml"}
SCHEMAS = {"github": "vendor.github-workflows", "gitlab": "vendor.gitlab-ci"}
EPOCH = "1790000000"
"""One build date for every job, as the templates set it from the commit."""


def check_schema(template: Path, schema: str) -> subprocess.CompletedProcess:
    """Validate a CI file against the schema check-jsonschema ships for its service (no network)."""
    return subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, str(template)], capture_output=True, text=True)


@pytest.mark.parametrize("service", sorted(TEMPLATES))
def test_ci_template_is_valid_for_its_service(service: str, tmp_path: Path) -> None:
    """Each template passes its service's published schema; the same template with a misspelt key does not."""
    result = check_schema(TEMPLATES[service], SCHEMAS[service])
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / TEMPLATES[service].name
    broken.write_text(TEMPLATES[service].read_text(encoding="utf-8").replace("needs:", "neds:", 1), encoding="utf-8")
    assert check_schema(broken, SCHEMAS[service]).returncode != 0


def commands(service: str) -> tuple[list[str], str]:
    """Return the shell commands of a template's shard jobs (one per shard, K and N filled in as the service fills them) and of its final job."""
    ci = yaml.safe_load(TEMPLATES[service].read_text(encoding="utf-8"))
    if service == "github":
        shards = ci["jobs"]["shard"]["strategy"]["matrix"]["shard"]
        run = next(step["run"] for step in ci["jobs"]["shard"]["steps"] if "--shard" in step.get("run", ""))
        final = next(step["run"] for step in ci["jobs"]["final"]["steps"] if "--merge" in step.get("run", ""))
        fill = lambda k: run.replace("${{ matrix.shard }}", str(k)).replace("${{ strategy.job-total }}", str(len(shards)))
        return [fill(k) for k in shards], final
    count = ci["shard"]["parallel"]
    run = "\n".join(ci["shard"]["script"])
    return [f"CI_NODE_INDEX={k} CI_NODE_TOTAL={count}\n{run}" for k in range(1, count + 1)], "\n".join(ci["final"]["script"])


def run_job(script: str, *, root: Path) -> subprocess.CompletedProcess:
    """Run a job's commands in the project as the runner would, with this checkout's mentorkit, without PDFs (and the tests' engine)."""
    command = f"{sys.executable} -m mentorkit"
    script = re.sub(r"(^|\n)\s*export SOURCE_DATE_EPOCH=.*", "", script).replace("./mentorkit", command)
    options = "--no-pdf" + (f" --engine {ENGINE}" if ENGINE else "")
    env = {**os.environ, "MENTORKIT_OPTIONS": options, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(["bash", "-euc", script], cwd=root, capture_output=True, text=True, env=env)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_shard_jobs_merge_into_the_tree_of_one_build(tmp_path: Path, monkeypatch) -> None:
    """Three agencies in three shards: the GitLab and GitHub shard jobs, then the final job, give the tree `build --all` gives, byte for byte; nothing is built twice."""
    root = copy_library(tmp_path / "library")
    write_agencies(root)
    third = AGENCY.replace("testivirasto", "kolmas-laitos").replace("Testivirasto", "Kolmas laitos").replace("Test Agency", "Third Agency")
    (root / "agencies/kolmas.yml").write_text(third, encoding="utf-8")
    ids = ("testivirasto", "toinen-virasto", "kolmas-laitos")
    assert sorted(k for i in ids for k in (1, 2, 3) if Shard(k, 3).holds(i)) == [1, 2, 3], "one agency in each shard, each in exactly one"

    gitlab_shards, gitlab_final = commands("gitlab")
    github_shards, github_final = commands("github")
    for number, script in enumerate(gitlab_shards, start=1):
        result = run_job(script, root=root)
        assert result.returncode == 0, result.stderr
        assert f"Wrote shards/{number}/shard.json (shard {number}/3: 1 agency)" in result.stderr.splitlines()
    for script in github_shards:
        # The same shards again, from the other service's template: its cache keeps them.
        result = run_job(script, root=root)
        assert result.returncode == 0, result.stderr
        assert "Rendered" not in result.stderr and "Up to date: shards/" in result.stderr, result.stderr
    result = run_job(gitlab_final, root=root)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "Took 3 of the round's 3 agencies from 3 shard folders" in lines
    assert [line for line in lines if line.startswith("Up to date: dist/agencies/")] == [f"Up to date: dist/agencies/{i}" for i in sorted(ids)]
    assert [line for line in lines if line.startswith("Rendered ")] == ["Rendered dist/site (1/1)"], "only the base site is built in the final job"
    result = run_job(github_final, root=root)
    assert result.returncode == 0 and "Rendered" not in result.stderr, result.stderr

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    whole = run_cli("build", "--all", "--no-pdf", "--dist", "whole", cwd=root)
    assert whole.returncode == 0, whole.stderr
    merged, one = files_of(root / "dist"), files_of(root / "whole")
    assert sorted(merged) == sorted(one)
    assert [name for name in merged if merged[name] != one[name]] == []
    assert {"cohort/index.html", "site/index.html", "site/.mentorkit-output", "agencies/kolmas-laitos/site/index.html"} <= set(merged)

    # A shard that lost an agency's folder on the way: that agency is built in the final job.
    shutil.rmtree(root / "shards/2/agencies/testivirasto")
    result = run_cli("build", "--all", "--no-pdf", "--merge", "shards", "--dist", "again", cwd=root)
    assert result.returncode == 0, result.stderr
    assert f"Left out agency testivirasto of the shard in shards/2: its folder {Path('shards/2/agencies/testivirasto')} is missing; it is built here" in result.stderr.splitlines()
    assert [line.split(" (")[0] for line in result.stderr.splitlines() if line.startswith("Rendered ")] in (
        ["Rendered again/agencies/testivirasto/site", "Rendered again/site"], ["Rendered again/site", "Rendered again/agencies/testivirasto/site"])


def test_shard_options_are_checked(library_root: Path) -> None:
    """A shard number out of range, --shard with --all, --merge without --all, a folder with no shard: exit 2 with what to type."""
    wrong = run_cli("build", "--shard", "4/3", cwd=library_root)
    assert (wrong.returncode, wrong.stderr.splitlines()[-1]) == (2, "Error: --shard 4/3: expected K/N with 1 ≤ K ≤ N, e.g. --shard 2/3 (the second of three shards)")
    both = run_cli("build", "--all", "--shard", "1/2", cwd=library_root)
    assert both.returncode == 2 and "--shard builds its share of agencies/*.yml; it takes no --all, --agency or --merge" in both.stderr
    alone = run_cli("build", "--merge", str(library_root), cwd=library_root)
    assert alone.returncode == 2 and "--merge takes the shards into a whole round: use it with --all, e.g. build --all --merge shards" in alone.stderr
    empty = library_root / "nothing"
    empty.mkdir()
    none = run_cli("build", "--all", "--no-pdf", "--merge", "nothing", cwd=library_root)
    assert none.returncode == 2, none.stderr
    assert none.stderr.splitlines()[-1] == (
        "Error: --merge nothing: no shard.json in it or in a folder directly inside it; expected the --dist of a `build --shard K/N`, or a folder of them, e.g. --merge shards"
    )
    assert not (library_root / "dist").exists(), "a refused merge writes nothing"
