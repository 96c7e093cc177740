#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Real EKS and ECS job definitions, round trip through a real plan.

    kinds_compare.py CASES_DIR PLAN.json...

For each CASES_DIR/NAME.original.json (a definition from a public
source; "//" says which) and its spec NAME.yaml (label: in the spec
names the resource), reads what each plan (terraform show -json) holds
for that resource and compares it with the original's properties, value
for value:

- eksProperties: the planned eks_properties block, turned back into the
  API's camelCase. Normalised, both sides: terraform's empty lists, maps
  and nulls are absent; a block is an object, repeated blocks a list;
  env is a set (the provider's TypeSet), compared sorted; hostNetwork
  true is AWS's default (the provider's too), so an original without it
  equals a plan with it.
- ecsProperties: the planned ecs_properties JSON string, parsed; and
  nodeProperties (a multinode job whose ranges run ECS tasks): the
  planned node_properties string. Normalised, both sides: environment
  and secrets sorted by name (the provider compares them so), and
  resourceRequirements sorted by type with VCPU compared as a number
  (batchgen writes "1.0" as "1", the shortest form; warned as
  number-spelling). Nothing else: every key and value of the original
  must be planned as it is, and nothing more.

Prints one line per case and plan; exit 1 on any difference.
"""
import glob
import json
import os
import re
import sys

# Terraform attribute -> API key, where camelCase is not it.
KEYS = {"read_only_root_file_system": "readOnlyRootFilesystem",
        "image_pull_secret": "imagePullSecrets"}
# Blocks the provider allows once: an object in the API.
SINGLE = {"eks_properties", "pod_properties", "resources", "security_context", "metadata",
          "empty_dir", "host_path", "secret"}


def camel(k):
    return KEYS.get(k) or re.sub(r"_([a-z])", lambda m: m.group(1).upper(), k)


def to_api(v, key=None):
    if isinstance(v, list):
        items = [to_api(x) for x in v]
        items = [x for x in items if x not in (None, {}, [])]
        if key in SINGLE:
            return items[0] if items else None
        if key == "env":
            items.sort(key=lambda e: e.get("name", ""))
        return items or None
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            x = to_api(x, k)
            if x not in (None, {}, []):
                out[camel(k)] = x
        return out
    return v


def normal(api):
    """AWS's defaults, and env as a set."""
    pod = api.get("podProperties", {})
    pod.setdefault("hostNetwork", True)
    for c in pod.get("containers", []) + pod.get("initContainers", []):
        if "env" in c:
            c["env"] = sorted(c["env"], key=lambda e: e["name"])
    return api


def normal_ecs(v):
    """The ECS normalisations above, anywhere in v."""
    if isinstance(v, list):
        return [normal_ecs(x) for x in v]
    if not isinstance(v, dict):
        return v
    out = {k: normal_ecs(x) for k, x in v.items()}
    for k in ("environment", "secrets"):
        if k in out:
            out[k] = sorted(out[k], key=lambda e: e.get("name", ""))
    if "resourceRequirements" in out:
        rr = []
        for r in out["resourceRequirements"]:
            r = dict(r)
            if r.get("type") == "VCPU":
                r["value"] = float(r["value"])
            rr.append(r)
        out["resourceRequirements"] = sorted(rr, key=lambda r: r.get("type", ""))
    return out


def planned(after, orig):
    """(what the plan holds, what the original says) for the original's
    kind of properties."""
    if "eksProperties" in orig:
        return (normal(to_api(after.get("eks_properties"), "eks_properties")),
                normal(orig["eksProperties"]))
    if "ecsProperties" in orig:
        return (normal_ecs(json.loads(after.get("ecs_properties") or "null")),
                normal_ecs(orig["ecsProperties"]))
    return (normal_ecs(json.loads(after.get("node_properties") or "null")),
            normal_ecs(orig["nodeProperties"]))


def main():
    cases_dir, plans = sys.argv[1], sys.argv[2:]
    bad = checked = 0
    for orig_path in sorted(glob.glob(os.path.join(cases_dir, "*.original.json"))):
        name = os.path.basename(orig_path)[:-len(".original.json")]
        spec = open(os.path.join(cases_dir, name + ".yaml")).read()
        label = re.search(r"^\s*label:\s*\"?([A-Za-z0-9_]+)", spec, re.M).group(1)
        orig = json.load(open(orig_path))
        for plan_path in plans:
            plan = json.load(open(plan_path))
            found = [r for r in plan["resource_changes"]
                     if r["type"] == "aws_batch_job_definition" and r["name"] == label]
            checked += 1
            if not found:
                bad += 1
                print("FAIL %s: no resource %s in %s" % (name, label, plan_path))
                continue
            got, want = planned(found[0]["change"]["after"], orig)
            if got != want:
                bad += 1
                print("FAIL %s (%s): planned %s\n  original %s" % (
                    name, plan_path, json.dumps(got, sort_keys=True),
                    json.dumps(want, sort_keys=True)))
            else:
                print("ok %s (%s)" % (name, os.path.basename(os.path.dirname(plan_path))))
    print("%d EKS and ECS definitions compared in %d plans, %d differ" % (
        checked // max(len(plans), 1), len(plans), bad))
    return 1 if bad or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
