#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rules that travel to plan time, proved with the real terraform.

    preconditions.py BATCHGEN CASES.json WORKDIR

Renders the jobs of CASES.json (see its "//") as Terraform JSON and as
HCL into two modules under WORKDIR, declares the variables they use,
and plans each module once with the valid values (must succeed) and
with each violation (must fail, with the rule's message and code in
terraform's output). Violations of different variables share a plan,
as terraform reports every failing precondition; a message missing
from a shared plan is checked again with its violation alone. Expects terraform on PATH and TF_CLI_CONFIG_FILE
pointing at the provider mirror (run-terraform.sh sets both). Prints
one line per check: "ok ..." or "FAIL ..."; exit 1 on any failure.
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys

# Violations planned together (of different variables).
GROUP = 12
PLANS = []  # list.append is atomic: the plans of every thread

PROVIDER = {"provider": {"aws": {
    "region": "us-east-1", "access_key": "mock", "secret_key": "mock",
    "skip_credentials_validation": True, "skip_requesting_account_id": True,
    "skip_metadata_api_check": True, "skip_region_validation": True}}}


def terraform(mod, *args):
    return subprocess.run(["terraform", *args, "-no-color"], cwd=mod,
                          capture_output=True, text=True)


def main():
    bin_, cases_path, work = sys.argv[1:4]
    cases = json.load(open(cases_path))
    spec = os.path.join(work, "preconditions-spec.json")
    json.dump({"jobs": cases["jobs"]}, open(spec, "w"))
    def run_format(fmt, name):
        """The plans of one format: (checks, failures, lines)."""
        out = []
        failed = checks = 0
        mod = os.path.join(work, "pre-" + fmt)
        os.makedirs(mod, exist_ok=True)
        r = subprocess.run([bin_, "render", spec, "-f", fmt, "-o",
                            os.path.join(mod, name)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return 1, 1, ["FAIL render %s: %s" % (fmt, r.stderr)]
        # Every rule the output carries to plan time has a violation
        # here: a new precondition cannot go untested.
        checks += 1
        written = set(re.findall(r"\[([a-z0-9-]+)\]\"", open(
            os.path.join(mod, name)).read()))
        missing = sorted(written - {v["code"] for v in cases["violations"]})
        if missing:
            failed += 1
            out.append("FAIL %s: rules at plan time without a violation: %s"
                       % (fmt, ", ".join(missing)))
        else:
            out.append("ok %s: each of the %d rules written as preconditions "
                       "or validations has a violation" % (fmt, len(written)))
        json.dump(PROVIDER, open(os.path.join(mod, "provider.tf.json"), "w"))
        json.dump({"variable": {k: {"type": t}
                                for k, t in cases["variables"].items()}},
                  open(os.path.join(mod, "variables.tf.json"), "w"))
        r = terraform(mod, "init", "-backend=false", "-input=false")
        if r.returncode != 0:
            return 1, 1, ["FAIL terraform init (%s): %s" % (fmt, r.stderr)]

        def plan(values, tag):
            # -lock=false: the plans of one module run side by side
            # (nothing is applied, so there is no state to guard).
            PLANS.append(tag)
            path = os.path.join(mod, "values-%s.tfvars.json" % tag)
            json.dump(values, open(path, "w"))
            return terraform(mod, "plan", "-refresh=false", "-input=false",
                             "-lock=false", "-var-file=" + path)

        checks += 1
        r = plan(cases["valid"], "valid")
        if r.returncode != 0:
            failed += 1
            out.append("FAIL %s: valid values do not plan:\n%s" % (fmt, r.stderr))
        else:
            out.append("ok %s: valid values plan" % fmt)

        def check(v, r):
            # terraform wraps long messages: compare with spaces joined.
            text = re.sub(r"\s+", " ", r.stderr.replace("\u2502", " "))
            if r.returncode == 0:
                return "FAIL %s: %s planned, but should fail [%s]" % (
                    fmt, json.dumps(v["vars"]), v["code"])
            if v["message"] not in text:
                return "FAIL %s: %s failed without the message %r:\n%s" % (
                    fmt, json.dumps(v["vars"]), v["message"], r.stderr)
            return "ok %s: %s fails the plan with [%s]" % (
                fmt, json.dumps(v["vars"])[:120], v["code"])

        def run_group(ig):
            # One plan for violations of different variables: terraform
            # reports every failing precondition. A message missing from
            # it is checked again with its violation alone.
            i, group = ig
            values = dict(cases["valid"])
            for v in group:
                values.update(v["vars"])
            r = plan(values, "group-%d" % i)
            lines = []
            for v in group:
                line = check(v, r)
                if line.startswith("FAIL") and len(group) > 1:
                    line = check(v, plan(dict(cases["valid"], **v["vars"]),
                                         "%d-%s" % (i, v["code"])))
                lines.append(line)
            return lines

        groups = []
        for v in cases["violations"]:
            for g in groups:
                if len(g) < GROUP and not any(set(v["vars"]) & set(w["vars"])
                                              for w in g):
                    g.append(v)
                    break
            else:
                groups.append([v])
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            for lines in pool.map(run_group, enumerate(groups)):
                for line in lines:
                    checks += 1
                    failed += line.startswith("FAIL")
                    out.append(line)
        return checks, failed, out

    # The two formats plan side by side, in modules of their own.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda a: run_format(*a),
                                (("json", "jobs.tf.json"), ("hcl", "jobs.tf"))))
    checks = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    for r in results:
        print("\n".join(r[2]))
    print("%d checks in %d plans, %d as expected" % (
        checks, len(PLANS), checks - failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
