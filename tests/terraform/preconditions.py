#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rules that travel to plan time, proved with the real terraform.

    preconditions.py BATCHGEN CASES.json WORKDIR

Renders the jobs of CASES.json (see its "//") as Terraform JSON and as
HCL into two modules under WORKDIR, declares the variables they use,
and plans each module once with the valid values (must succeed) and
once per violation (must fail, with the rule's message and code in
terraform's output). Expects terraform on PATH and TF_CLI_CONFIG_FILE
pointing at the provider mirror (run-terraform.sh sets both). Prints
one line per check: "ok ..." or "FAIL ..."; exit 1 on any failure.
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys

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
        json.dump(PROVIDER, open(os.path.join(mod, "provider.tf.json"), "w"))
        json.dump({"variable": {k: {"type": t}
                                for k, t in cases["variables"].items()}},
                  open(os.path.join(mod, "variables.tf.json"), "w"))
        r = terraform(mod, "init", "-backend=false", "-input=false")
        if r.returncode != 0:
            return 1, 1, ["FAIL terraform init (%s): %s" % (fmt, r.stderr)]

        def plan(values):
            path = os.path.join(mod, "values.tfvars.json")
            json.dump(values, open(path, "w"))
            return terraform(mod, "plan", "-refresh=false", "-input=false",
                             "-var-file=" + path)

        checks += 1
        r = plan(cases["valid"])
        if r.returncode != 0:
            failed += 1
            out.append("FAIL %s: valid values do not plan:\n%s" % (fmt, r.stderr))
        else:
            out.append("ok %s: valid values plan" % fmt)
        for v in cases["violations"]:
            checks += 1
            r = plan(dict(cases["valid"], **v["vars"]))
            # terraform wraps long messages: compare with spaces joined.
            text = re.sub(r"\s+", " ", r.stderr.replace("\u2502", " "))
            if r.returncode == 0:
                failed += 1
                out.append("FAIL %s: %s planned, but should fail [%s]" % (
                    fmt, json.dumps(v["vars"]), v["code"]))
            elif v["message"] not in text:
                failed += 1
                out.append("FAIL %s: %s failed without the message %r:\n%s" % (
                    fmt, json.dumps(v["vars"]), v["message"], r.stderr))
            else:
                out.append("ok %s: %s fails the plan with [%s]" % (
                    fmt, json.dumps(v["vars"]), v["code"]))
        return checks, failed, out

    # The two formats plan side by side, in modules of their own.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda a: run_format(*a),
                                (("json", "jobs.tf.json"), ("hcl", "jobs.tf"))))
    checks = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    for r in results:
        print("\n".join(r[2]))
    print("%d plans, %d as expected" % (checks, checks - failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
