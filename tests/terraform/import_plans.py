#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Terraform sources: the plan of what exists against the plan of what
batchgen import makes of it.

    import_plans.py write CASES_DIR OUT.tf.json
    import_plans.py write-hcl CASES_DIR OUT.tf
    import_plans.py compare SOURCE_PLAN.json IMPORTED_PLAN.json

`write` turns the real definitions of tests/import/cases (the ones that
import cleanly) into hand-written Terraform JSON: one
aws_batch_job_definition each, its JSON attributes in the original's own
key order and spelling (legacy vcpus and memory too), eks_properties as
blocks, every string escaped as Terraform reads it. The test then
imports that file, renders the spec, and plans both modules.

`write-hcl` writes the same definitions as hand-written HCL, their JSON
attributes as `jsonencode({...})`: batchgen reads no HCL, so the test
plans that module and imports what `terraform show -json` says of the
plan.

`compare` holds the two plans side by side, resource by resource (the
import keeps the labels): every planned attribute must be equal. The
JSON strings (container_properties, node_properties, ecs_properties)
are compared as what they say, up to the normalisations the import
documents (tests/import/roundtrip.py, normal()); an EKS pod's
host_network, which batchgen writes as AWS's default true, is true when
the source leaves it out. Prints one summary line; exit 1 on a
difference.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "import"))
from roundtrip import EXPECT_FIX, normal, provider_attrs  # noqa: E402

EKS_KEYS = {"readOnlyRootFilesystem": "read_only_root_file_system",
            "imagePullSecrets": "image_pull_secret"}
MAPS = {"limits", "requests", "labels", "annotations"}


def escape(v):
    """A value as Terraform JSON writes it: every string is a template."""
    if isinstance(v, str):
        return v.replace("${", "$${").replace("%{", "%%{")
    if isinstance(v, list):
        return [escape(x) for x in v]
    if isinstance(v, dict):
        return {escape(k): escape(x) for k, x in v.items()}
    return v


def snake(k):
    return EKS_KEYS.get(k) or "".join("_" + c.lower() if c.isupper() else c for c in k)


def eks_blocks(v, key=None):
    """The API's eksProperties as the provider's nested blocks."""
    if isinstance(v, dict):
        if key in MAPS:
            return dict(v)
        return {snake(k): eks_blocks(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [eks_blocks(x) for x in v]
    return v


def resource(d, escaped=True):
    r = provider_attrs(d)
    if "eksProperties" in d:
        r["eks_properties"] = eks_blocks(d["eksProperties"])
    if "retryStrategy" in d:
        rs = d["retryStrategy"]
        r["retry_strategy"] = {snake(k): ([{snake(a): b for a, b in e.items()} for e in x]
                                          if k == "evaluateOnExit" else x)
                               for k, x in rs.items()}
    if "timeout" in d:
        r["timeout"] = {"attempt_duration_seconds": d["timeout"]["attemptDurationSeconds"]}
    return escape(r) if escaped else r


def write(cases, out):
    names = sorted(f[:-5] for f in os.listdir(cases)
                   if f.endswith(".json") and f[:-5] not in EXPECT_FIX)
    res = {}
    for name in names:
        d = json.load(open(os.path.join(cases, name + ".json")))
        # names are unique in an account; some originals share one
        d["jobDefinitionName"] = "t%s-%s" % (name[:3], d["jobDefinitionName"])
        res["src_" + name[:3]] = resource(d)
    json.dump({"resource": {"aws_batch_job_definition": res}}, open(out, "w"), indent=1)
    print("%d Terraform JSON sources written" % len(res))


def hcl_value(v):
    """A value as an HCL expression (strings templates, escaped)."""
    if isinstance(v, dict):
        return "{" + ", ".join("%s = %s" % (hcl_value(k), hcl_value(x)) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(hcl_value(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, str):
        return json.dumps(v).replace("${", "$${").replace("%{", "%%{")
    return json.dumps(v)


def hcl_body(d, indent):
    """Attributes, and nested blocks for objects and lists of objects
    (eks_properties, retry_strategy, timeout); the user's maps stay
    attributes."""
    pad, out = "  " * indent, []
    for k, v in d.items():
        items = v if isinstance(v, list) and v and all(isinstance(x, dict) for x in v) else \
            [v] if isinstance(v, dict) and k not in MAPS | {"parameters", "tags"} else None
        if items is None:
            out.append("%s%s = %s" % (pad, k, hcl_value(v)))
            continue
        for x in items:
            out.append("%s%s {\n%s\n%s}" % (pad, k, hcl_body(x, indent + 1), pad))
    return "\n".join(out)


def write_hcl(cases, out):
    """The same sources as hand-written HCL: the JSON attributes as
    jsonencode() of an object, blocks as blocks."""
    names = sorted(f[:-5] for f in os.listdir(cases)
                   if f.endswith(".json") and f[:-5] not in EXPECT_FIX)
    text = []
    for name in names:
        d = json.load(open(os.path.join(cases, name + ".json")))
        d["jobDefinitionName"] = "h%s-%s" % (name[:3], d["jobDefinitionName"])
        r = resource(d, escaped=False)
        for k in ("container_properties", "node_properties", "ecs_properties"):
            if k in r:
                r[k] = JsonEncode(json.loads(r[k]))
        body = []
        for k, v in r.items():
            if isinstance(v, JsonEncode):
                body.append("  %s = jsonencode(%s)" % (k, hcl_value(v.value)))
            else:
                body.append(hcl_body({k: v}, 1))
        text.append('resource "aws_batch_job_definition" "src_%s" {\n%s\n}\n' % (
            name[:3], "\n".join(body)))
    with open(out, "w") as f:
        f.write("\n".join(text))
    print("%d HCL sources written" % len(names))


class JsonEncode:
    def __init__(self, value):
        self.value = value


def planned(path):
    plan = json.load(open(path))
    return {r["address"]: r["change"]["after"]
            for r in plan.get("resource_changes", [])
            if r["type"] == "aws_batch_job_definition"}


def compared(attrs):
    a = dict(attrs)
    fargate = "FARGATE" in (a.get("platform_capabilities") or [])
    for k, api in (("container_properties", "containerProperties"),
                   ("node_properties", "nodeProperties"),
                   ("ecs_properties", "ecsProperties")):
        if a.get(k):
            a[k] = normal(json.loads(a[k]), api, fargate)
    for eks in a.get("eks_properties") or []:
        for pod in eks.get("pod_properties") or []:
            if pod.get("host_network") is None:
                pod["host_network"] = True
    return a


def compare(src_plan, imp_plan):
    src, imp = planned(src_plan), planned(imp_plan)
    diffs = []
    for addr in sorted(set(src) | set(imp)):
        if addr not in src or addr not in imp:
            diffs.append("%s: only in the %s plan" % (addr, "source" if addr in src else
                                                      "imported"))
            continue
        a, b = compared(src[addr]), compared(imp[addr])
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                diffs.append("%s.%s:\n#   source   %s\n#   imported %s" % (
                    addr, k, json.dumps(a.get(k), sort_keys=True)[:600],
                    json.dumps(b.get(k), sort_keys=True)[:600]))
    for d in diffs:
        print("# " + d)
    print("%d Terraform sources and their imports planned, %d resources compared value "
          "for value, %d differ" % (len(src), len(set(src) & set(imp)), len(diffs)))
    return 1 if diffs or not src else 0


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "write-hcl":
        write_hcl(sys.argv[2], sys.argv[3])
    else:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
