#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Import round trip: real job definitions -> batchgen import -> spec ->
batchgen render -> the same definitions.

    roundtrip.py BATCHGEN CASES_DIR WORK_DIR

CASES_DIR holds real definitions in the register-job-definition shape
(NAME.json; where each comes from: the real-world corpus's source.txt
of the same name, ../shared/corpus/realworld/cases/NAME). For each: the
import must succeed (exit 0), or, where EXPECT_FIX lists the case (the
original holds what AWS refuses, or what Kubernetes refuses), exit 4
with the spec written. The spec then renders (Terraform JSON); the
rendered resource, turned back into the API's shape, must equal the
original up to these normalisations, and nothing else:

  - key order; null, [] and {} are the same as absent;
  - environment, secrets, secretOptions and resourceRequirements compared
    as sets (the provider compares the first three so; batchgen writes
    resourceRequirements sorted by type);
  - a vCPU amount compared as a number ("1.0" is written "1");
  - a container's legacy vcpus and memory are its VCPU and MEMORY
    resource requirements;
  - evaluateOnExit action in any case (the API's own rule);
  - text as Terraform reads it ("$${" in the rendered JSON is "${");
  - what batchgen adds as AWS's default: the type container, a mount
    point's readOnly false, assignPublicIp DISABLED and
    runtimePlatform LINUX/X86_64 on Fargate, an EFS volume's
    rootDirectory "/" and transitEncryption (and iam) DISABLED, an EKS
    pod's hostNetwork true, a multinode job's mainNode 0.

Each original is also written as a CloudFormation template (JSON, or
YAML with short forms; keys capitalised but in user maps; the account
id through Fn::Sub, roles through Fn::GetAtt, every third without its
name): it must import with exactly the expected input variables, and,
given the values the stack had, render equal to the original. A
register input with Terraform look-alikes renders to the same literal
text.

Each rendering is a Terraform JSON source in turn: imported, it must
render to the same bytes (the same resource, label and all, so terraform
plans the two the same). Also: the same definitions as one
describe-job-definitions answer
(revisions, statuses and ARNs, an INACTIVE and an older revision that
must be left out) import to the same spec jobs. TAP on stdout.
"""
import json
import re
import os
import subprocess
import sys

# The originals with a real mistake: imported (exit 4), not rendered.
EXPECT_FIX = {
    "007-awsdocs-efs-access-point": "efs-iam",
    "012-tfdocs-container-host-volume": "vcpus",
    "043-cdk-ecs-ec2-secrets-ulimits": "mount-path",
    "048-cdk-eks-volumes": "eks-volume",
}

SETS = {"environment": "name", "secrets": "name", "secretOptions": "name",
        "resourceRequirements": "type"}


def camel(k):
    parts = k.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


EKS_KEYS = {"read_only_root_file_system": "readOnlyRootFilesystem",
            "image_pull_secret": "imagePullSecrets"}
EKS_SINGLE = {"pod_properties", "resources", "security_context", "metadata",
              "empty_dir", "host_path", "secret"}


def eks_api(v, key=None):
    """The eks_properties block (Terraform JSON) in the API's shape."""
    if isinstance(v, list):
        items = [eks_api(x) for x in v]
        return items[0] if key in EKS_SINGLE and items else items
    if isinstance(v, dict):
        return {EKS_KEYS.get(k) or camel(k): eks_api(x, k) for k, x in v.items()}
    return v


def rendered_api(res):
    """A rendered aws_batch_job_definition in the register shape."""
    out = {"jobDefinitionName": res["name"], "type": res.get("type", "container")}
    for k, api in (("platform_capabilities", "platformCapabilities"),
                   ("parameters", "parameters"), ("tags", "tags"),
                   ("propagate_tags", "propagateTags"),
                   ("scheduling_priority", "schedulingPriority")):
        if k in res:
            out[api] = res[k]
    for k, api in (("container_properties", "containerProperties"),
                   ("node_properties", "nodeProperties"),
                   ("ecs_properties", "ecsProperties")):
        if k in res:
            out[api] = json.loads(res[k])
    if "eks_properties" in res:
        out["eksProperties"] = eks_api(res["eks_properties"])
    if "retry_strategy" in res:
        r = res["retry_strategy"]
        out["retryStrategy"] = {camel(k): ([{camel(a): b for a, b in e.items()} for e in x]
                                           if k == "evaluate_on_exit" else x)
                                for k, x in r.items()}
    if "timeout" in res:
        out["timeout"] = {"attemptDurationSeconds": res["timeout"]["attempt_duration_seconds"]}
    return out


def number(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return v


def normal(v, key=None, fargate=False):
    if isinstance(v, dict):
        v = dict(v)
        if key in ("containerProperties", "container") or "image" in v:
            for legacy, typ in (("vcpus", "VCPU"), ("memory", "MEMORY")):
                if legacy in v:
                    rr = v.setdefault("resourceRequirements", [])
                    rr.append({"type": typ, "value": str(v.pop(legacy))})
            if fargate and "fargatePlatformConfiguration" not in v:
                pass
        if key == "efsVolumeConfiguration":
            v.setdefault("rootDirectory", "/")
            v.setdefault("transitEncryption", "DISABLED")
            if "authorizationConfig" in v:
                v["authorizationConfig"] = dict(v["authorizationConfig"])
                v["authorizationConfig"].setdefault("iam", "DISABLED")
        if key == "podProperties":
            v.setdefault("hostNetwork", True)
        if key == "nodeProperties":
            v.setdefault("mainNode", 0)
        if key is None:
            v.setdefault("type", "container")
        if "sourceVolume" in v and v.get("readOnly") is False:
            del v["readOnly"]
        if key == "containerProperties" and fargate:
            v.setdefault("networkConfiguration", {"assignPublicIp": "DISABLED"})
            rp = dict(v.get("runtimePlatform") or {})
            rp.setdefault("operatingSystemFamily", "LINUX")
            rp.setdefault("cpuArchitecture", "X86_64")
            v["runtimePlatform"] = rp
        out = {}
        for k, x in v.items():
            x = normal(x, k, fargate)
            if x in (None, [], {}):
                continue
            if k == "action":
                x = x.upper()
            out[k] = x
        if out.get("type") == "VCPU" and "value" in out:
            out["value"] = number(out["value"])
        return out
    if isinstance(v, list):
        items = [normal(x, None, fargate) for x in v]
        if key in SETS:
            items.sort(key=lambda e: json.dumps(e, sort_keys=True))
        return items
    if isinstance(v, str):
        # Terraform's template escapes, as terraform reads them.
        return v.replace("$${", "${").replace("%%{", "%{")
    return v


def tf_text(s):
    """What Terraform makes of a string with no interpolation in it;
    None when one is left (literal text became an expression). A
    string with a carriage return is one quoted HCL string, ${"..."},
    itself a template."""
    if s.startswith('${"') and s.endswith('"}'):
        return tf_text(json.loads(s[2:-1]))
    out, i = [], 0
    while i < len(s):
        if s.startswith("$${", i) or s.startswith("%%{", i):
            out.append(s[i + 1:i + 3])
            i += 3
        elif s.startswith("${", i) or s.startswith("%{", i):
            return None
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


# CloudFormation: the API's keys capitalised, but not the keys of these
# maps, which are the user's.
CFN_MAPS = {"parameters", "tags", "options", "limits", "requests", "labels",
            "annotations"}
ACCOUNT = "123456789012"


def cfn_value(v, key, uses, yaml):
    """The original's value as a template writes it: keys capitalised,
    the account id through Fn::Sub, roles through Fn::GetAtt (uses
    gathers variable name -> the value it must be given)."""
    if isinstance(v, dict):
        if key in CFN_MAPS:
            return {k: cfn_value(x, None, uses, yaml) for k, x in v.items()}
        return {k[:1].upper() + k[1:]: cfn_value(x, k, uses, yaml) for k, x in v.items()}
    if isinstance(v, list):
        return [cfn_value(x, None, uses, yaml) for x in v]
    if key in ("jobRoleArn", "executionRoleArn") and isinstance(v, str):
        res = "JobRole" if key == "jobRoleArn" else "ExecutionRole"
        base = "job" if key == "jobRoleArn" else "execution"
        var, n = base + "_role_arn", 1
        while uses.get(var, v) != v:  # another role: another resource
            n += 1
            res, var = res.rstrip("0123456789") + str(n), "%s_role%d_arn" % (base, n)
        uses[var] = v
        return ("@@!GetAtt %s.Arn@@" % res) if yaml else {"Fn::GetAtt": [res, "Arn"]}
    if isinstance(v, str) and ACCOUNT in v:
        uses["aws_account_id"] = ACCOUNT
        # in Fn::Sub, a literal "${" is written "${!"
        text = v.replace("${", "${!").replace(ACCOUNT, "${AWS::AccountId}")
        return ("@@!Sub %s@@" % json.dumps(text)) if yaml else {"Fn::Sub": text}
    return v


def state_block(v, key=None):
    """An eks_properties value as a state holds it: every block a list,
    and what nobody set there too ("", [], null; 0 for numbers)."""
    if isinstance(v, dict):
        if key in ("limits", "requests", "labels"):
            return dict(v)
        out = {k: state_block(x, k) for k, x in v.items()}
        if key == "pod_properties":
            out.update({"dns_policy": out.get("dns_policy", ""),
                        "init_containers": out.get("init_containers", []),
                        "service_account_name": out.get("service_account_name", None)})
        if key == "containers":
            out.setdefault("image_pull_policy", "")
            out.setdefault("security_context", [])
        return [out] if key in ("pod_properties", "metadata", "resources", "security_context",
                                "empty_dir", "host_path", "secret") else out
    if isinstance(v, list):
        return [state_block(x, key) for x in v]
    return v


def terraform_state(bin_, cases, work, names, tests):
    """What terraform show -json says of a state: literal text, the
    computed attributes, the provider's defaults and what nobody set.
    Each original, so written, imports and renders equal to it."""
    resources = []
    for name in (n for n in names if n not in EXPECT_FIX):
        d = json.load(open(os.path.join(cases, name + ".json")))
        d["jobDefinitionName"] = "s%s-%s" % (name[:3], d["jobDefinitionName"])
        res = rendered_api_inverse(d)
        res.update({"arn": "arn:aws:batch:us-east-1:123456789012:job-definition/x:1",
                    "arn_prefix": "arn:aws:batch:us-east-1:123456789012:job-definition/x",
                    "id": "arn:aws:batch:us-east-1:123456789012:job-definition/x:1",
                    "revision": 1, "tags_all": res.get("tags", {})})
        for k, empty in (("propagate_tags", False), ("scheduling_priority", 0),
                         ("deregister_on_new_revision", True), ("parameters", {}),
                         ("tags", {}), ("platform_capabilities", []), ("retry_strategy", []),
                         ("timeout", []), ("eks_properties", []), ("node_properties", None),
                         ("container_properties", None), ("ecs_properties", None)):
            res.setdefault(k, empty)
        resources.append({"address": "aws_batch_job_definition.s" + name[:3], "mode": "managed",
                          "type": "aws_batch_job_definition", "name": "s" + name[:3],
                          "provider_name": "registry.terraform.io/hashicorp/aws",
                          "schema_version": 0, "values": res, "sensitive_values": {}})
    half = len(resources) // 2
    state = {"format_version": "1.0", "terraform_version": "1.11.0",
             "values": {"root_module": {"resources": resources[:half], "child_modules": [
                 {"address": "module.batch", "resources": resources[half:]}]}}}
    src = os.path.join(work, "state.json")
    json.dump(state, open(src, "w"))
    spec, out = os.path.join(work, "state.yaml"), os.path.join(work, "state.tf.json")
    r = run(bin_, "import", src, "-o", spec)
    r2 = run(bin_, "render", spec, "-o", out) if r.returncode == 0 else r
    equal = 0
    if r2.returncode == 0:
        rendered = json.load(open(out))["resource"]["aws_batch_job_definition"]
        for res in resources:
            d = json.load(open(os.path.join(cases, [n for n in names if n.startswith(
                res["name"][1:])][0] + ".json")))
            d["jobDefinitionName"] = res["values"]["name"]
            fargate = "FARGATE" in (d.get("platformCapabilities") or [])
            got = normal(rendered_api(rendered[res["name"]]), None, fargate)
            equal += got == normal(d, None, fargate)
    tests.append((equal == len(resources), "terraform show -json of a state (root and "
                  "child module): %d of %d definitions import and render equal to their "
                  "originals%s" % (equal, len(resources),
                                   "" if r2.returncode == 0 else ": " + r2.stderr[:300])))


def provider_attrs(d):
    """An original's provider attributes that are values: name, type,
    the plain ones, and the JSON strings in the original's own key order
    and spelling."""
    r = {"name": d["jobDefinitionName"], "type": d.get("type", "container")}
    for api, k in (("platformCapabilities", "platform_capabilities"),
                   ("parameters", "parameters"), ("tags", "tags"),
                   ("propagateTags", "propagate_tags"),
                   ("schedulingPriority", "scheduling_priority")):
        if api in d:
            r[k] = d[api]
    for api, k in (("containerProperties", "container_properties"),
                   ("nodeProperties", "node_properties"),
                   ("ecsProperties", "ecs_properties")):
        if api in d:
            r[k] = json.dumps(d[api])
    return r


def rendered_api_inverse(d):
    """An original as the provider's attributes, as a state holds them
    (text literal: a state is not a template)."""
    r = provider_attrs(d)
    if "eksProperties" in d:
        snake = {v: k for k, v in EKS_KEYS.items()}
        def sn(v, key=None):
            if isinstance(v, dict):
                if key in ("limits", "requests", "labels"):
                    return dict(v)
                return {snake.get(k) or "".join("_" + c.lower() if c.isupper() else c
                                                for c in k): sn(x, k) for k, x in v.items()}
            if isinstance(v, list):
                return [sn(x) for x in v]
            return v
        r["eks_properties"] = [state_block(sn(d["eksProperties"]))]
    if "retryStrategy" in d:
        rs = d["retryStrategy"]
        r["retry_strategy"] = [{"attempts": rs.get("attempts"), "evaluate_on_exit": [
            {"action": e.get("action", ""), "on_exit_code": e.get("onExitCode", ""),
             "on_reason": e.get("onReason", ""), "on_status_reason": e.get("onStatusReason", "")}
            for e in rs.get("evaluateOnExit", [])]}]
    if "timeout" in d:
        r["timeout"] = [{"attempt_duration_seconds": d["timeout"]["attemptDurationSeconds"]}]
    return r


def as_templates(bin_, cases, work, names, tests):
    """import --as-templates: every job it writes as a template renders
    to the same bytes as the full tree. The originals (few fit: they
    were not made from batchgen's templates), and each built-in
    template's own rendering, which must come back as a template."""
    same = fitted = 0
    sources = [(n, os.path.join(cases, n + ".json")) for n in names if n not in EXPECT_FIX]
    made = []
    for line in run(bin_, "templates").stdout.splitlines()[1:]:
        t = line.split()[0]
        out = os.path.join(work, "fit-%s.tf.json" % t)
        for extra in (["--execution-role-arn", "arn:aws:iam::123456789012:role/exec"], []):
            r = run(bin_, t, "--name", "fit-" + t, "--image", "app:1", "--retry-attempts",
                    "3", "-o", out, *extra)
            if r.returncode == 0:
                break
        sources.append(("template " + t, out))
        made.append("template " + t)
    for name, src in sources:
        full, fit = (os.path.join(work, "fit-%s.%s.yaml" % (os.path.basename(src), k))
                     for k in ("full", "templates"))
        r1 = run(bin_, "import", src, "-o", full)
        r2 = run(bin_, "import", "--as-templates", src, "-o", fit)
        o1, o2 = full + ".tf.json", fit + ".tf.json"
        r3 = run(bin_, "render", full, "-o", o1)
        r4 = run(bin_, "render", fit, "-o", o2)
        ok = all(r.returncode == 0 for r in (r1, r2, r3, r4)) and \
            open(o1).read() == open(o2).read()
        templated = ok and "template:" in open(fit).read()
        fitted += templated
        if name in made and not templated:
            ok = False
        same += ok
        if not ok or name in made:
            tests.append((ok, "%s: import --as-templates %s, renders to the same bytes as "
                          "the full tree%s" % (name, "writes a template" if templated else
                                               "keeps the full tree",
                                               "" if ok else ": " + (r2.stderr + r4.stderr)[:300])))
    # A user template is one too: ml-big (extends ml-training).
    user = os.path.join(cases, "..", "..", "data", "templates", "good")
    out, spec = os.path.join(work, "fit-ml-big.tf.json"), os.path.join(work, "fit-ml-big.yaml")
    r = run(bin_, "ml-big", "--templates", user, "--name", "big", "--image", "pt:2", "-o", out)
    r2 = run(bin_, "import", "--as-templates", "--templates", user, out, "-o", spec) \
        if r.returncode == 0 else r
    r3 = run(bin_, "render", "--templates", user, spec) if r2.returncode == 0 else r2
    ok = r3.returncode == 0 and r3.stdout == open(out).read() and \
        "template: ml-big\n    image: pt:2\n" in open(spec).read()
    tests.append((ok, "a user template (ml-big) comes back as itself with its one option, "
                  "and renders to the same bytes%s" % ("" if ok else ": " + r3.stderr[:300])))
    tests.append((same == len(sources), "import --as-templates: %d of %d sources render to "
                  "the same bytes as their full trees; %d written as a template" % (
                      same, len(sources), fitted)))


def cloudformation(bin_, cases, work, names, tests):
    """Each original as a CloudFormation template (JSON, or YAML with
    short forms), imported: with its variables given the values
    CloudFormation gave, it renders equal to the original."""
    equal = 0
    for i, name in enumerate(n for n in names if n not in EXPECT_FIX):
        orig = json.load(open(os.path.join(cases, name + ".json")))
        yaml = i % 2 == 1
        uses = {}
        props = cfn_value(orig, None, uses, yaml)
        logical = "JobDefinition%d" % i
        if i % 3 == 0:  # CloudFormation names it: the logical id
            del props["JobDefinitionName"]
            orig = dict(orig, jobDefinitionName=logical)
        # every role a GetAtt names is declared (CloudFormation, and
        # import, refuse a reference to no resource)
        roles = {"JobRole": {"Type": "AWS::IAM::Role"}}
        for var in uses:
            m = re.fullmatch(r"(job|execution)_role(\d*)_arn", var)
            if m:
                roles[m.group(1).capitalize() + "Role" + m.group(2)] = {"Type": "AWS::IAM::Role"}
        tmpl = {"AWSTemplateFormatVersion": "2010-09-09",
                "Resources": dict(roles, **{logical: {"Type": "AWS::Batch::JobDefinition",
                                                      "Properties": props}})}
        text = json.dumps(tmpl, indent=1)
        if yaml:  # JSON is YAML; the short forms go in as tags
            text = text.replace('"@@', "").replace('@@"', "").replace('\\"', '"')
        src = os.path.join(work, "cfn-%s.%s" % (name, "yaml" if yaml else "json"))
        with open(src, "w") as f:
            f.write(text)
        spec = os.path.join(work, "cfn-%s.spec.yaml" % name)
        r = run(bin_, "import", src, "-o", spec)
        notes = sorted(set(l.split('declare variable "')[1].split('"')[0]
                           for l in r.stderr.splitlines() if "[import-cfn-variable]" in l))
        if r.returncode != 0 or notes != sorted(uses):
            tests.append((False, "%s: CloudFormation import exit %d, variables %s, want "
                          "%s: %s" % (name, r.returncode, notes, sorted(uses),
                                      r.stderr.strip()[:300])))
            continue
        given = open(spec).read()
        for var, value in uses.items():
            given = given.replace("${var.%s}" % var, value)
        resolved = os.path.join(work, "cfn-%s.resolved.yaml" % name)
        with open(resolved, "w") as f:
            f.write(given)
        out = os.path.join(work, "cfn-%s.tf.json" % name)
        r = run(bin_, "render", resolved, "-o", out)
        if r.returncode != 0:
            tests.append((False, "%s: CloudFormation: render exit %d: %s" % (
                name, r.returncode, r.stderr.strip()[:300])))
            continue
        res = list(json.load(open(out))["resource"]["aws_batch_job_definition"].values())[0]
        fargate = "FARGATE" in (orig.get("platformCapabilities") or [])
        got, exp = normal(rendered_api(res), None, fargate), normal(orig, None, fargate)
        ok = got == exp
        equal += ok
        diff = [k for k in set(got) | set(exp) if got.get(k) != exp.get(k)]
        tests.append((ok, "%s: as CloudFormation %s (%d variables), import, render: "
                      "equal to the original%s" % (
                          name, "YAML" if yaml else "JSON", len(uses),
                          "" if ok else "\n# got  %s\n# want %s" % (
                              json.dumps({k: got.get(k) for k in diff}, sort_keys=True),
                              json.dumps({k: exp.get(k) for k in diff}, sort_keys=True)))))
    return equal


def main():
    bin_, cases, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    names = sorted(f[:-5] for f in os.listdir(cases) if f.endswith(".json"))
    tests = []
    equal = 0
    for name in names:
        src = os.path.join(cases, name + ".json")
        spec = os.path.join(work, name + ".yaml")
        r = run(bin_, "import", src, "-o", spec)
        want = 4 if name in EXPECT_FIX else 0
        if r.returncode != want or not os.path.exists(spec):
            tests.append((False, "%s: import exit %d, want %d: %s" % (
                name, r.returncode, want, r.stderr.strip()[:300])))
            continue
        if want == 4:
            code = EXPECT_FIX[name]
            ok = ("[%s]" % code) in r.stderr and (src + ":") in r.stderr
            tests.append((ok, "%s: imported for fixing, %s located in the "
                          "source" % (name, code)))
            continue
        out = os.path.join(work, name + ".tf.json")
        r = run(bin_, "render", spec, "-o", out)
        if r.returncode != 0:
            tests.append((False, "%s: render exit %d: %s" % (
                name, r.returncode, r.stderr.strip()[:300])))
            continue
        # Terraform JSON as a source: batchgen's rendering imports to a
        # spec that renders to the same bytes (so the plans are equal).
        spec2 = os.path.join(work, name + ".from-tf.yaml")
        out2 = os.path.join(work, name + ".again.tf.json")
        r2 = run(bin_, "import", out, "-o", spec2)
        r3 = run(bin_, "render", spec2, "-o", out2) if r2.returncode == 0 else r2
        same = r3.returncode == 0 and open(out).read() == open(out2).read()
        tests.append((same, "%s: its Terraform JSON imports and renders to the same "
                      "bytes%s" % (name, "" if same else ": " + (r2.stderr + r3.stderr)[:300])))
        res = list(json.load(open(out))["resource"]["aws_batch_job_definition"].values())[0]
        orig = json.load(open(src))
        fargate = "FARGATE" in (orig.get("platformCapabilities") or [])
        got, exp = normal(rendered_api(res), None, fargate), normal(orig, None, fargate)
        if got == exp:
            equal += 1
            tests.append((True, "%s: import, render: equal to the original" % name))
        else:
            diff = [k for k in set(got) | set(exp) if got.get(k) != exp.get(k)]
            tests.append((False, "%s: differs in %s\n# got  %s\n# want %s" % (
                name, diff, json.dumps({k: got.get(k) for k in diff}, sort_keys=True),
                json.dumps({k: exp.get(k) for k in diff}, sort_keys=True))))

    cfn_equal = cloudformation(bin_, cases, work, names, tests)
    as_templates(bin_, cases, work, names, tests)
    terraform_state(bin_, cases, work, names, tests)

    # The same originals as one describe answer: revisions, statuses.
    answer = {"jobDefinitions": []}
    for i, name in enumerate(n for n in names if n not in EXPECT_FIX):
        d = json.load(open(os.path.join(cases, name + ".json")))
        # Names are unique in an account: some originals share one.
        d["jobDefinitionName"] = "r%02d-%s" % (i, d["jobDefinitionName"])
        json.dump(d, open(os.path.join(work, "single-%s.json" % name), "w"))
        arn = "arn:aws:batch:us-east-1:123456789012:job-definition/%s" % d["jobDefinitionName"]
        old = dict(d, revision=1, status="ACTIVE", jobDefinitionArn=arn + ":1",
                   containerOrchestrationType="ECS", tags={"old": "revision"})
        gone = dict(d, revision=3, status="INACTIVE", jobDefinitionArn=arn + ":3",
                    containerOrchestrationType="ECS", tags={"inactive": "revision"})
        new = dict(d, revision=2, status="ACTIVE", jobDefinitionArn=arn + ":2",
                   containerOrchestrationType="EKS" if "eksProperties" in d else "ECS")
        answer["jobDefinitions"] += [old, gone, new] if i % 2 else [new, gone, old]
    path = os.path.join(work, "describe.json")
    json.dump(answer, open(path, "w"), indent=1)
    r = run(bin_, "import", path, "-f", "json", "-o", os.path.join(work, "describe-spec.json"))
    ok = r.returncode == 0
    if ok:
        jobs = json.load(open(os.path.join(work, "describe-spec.json")))["jobs"]
        singles = []
        for name in names:
            if name in EXPECT_FIX:
                continue
            rr = run(bin_, "import", os.path.join(work, "single-%s.json" % name),
                     "-f", "json")
            singles += json.loads(rr.stdout)["jobs"]
        ok = jobs == singles
    tests.append((ok, "a describe answer of %d revisions imports the newest ACTIVE "
                  "one of each of %d names, as the single files do (exit %d)" % (
                      len(answer["jobDefinitions"]), len(answer["jobDefinitions"]) // 3,
                      r.returncode)))

    # Text with Terraform's template sequences and look-alikes, through
    # Terraform JSON and back: the same bytes (the terraform test plans
    # the same strings and checks that they reach the plan unchanged).
    tricky = ['quote " backslash \\ end', 'line\nbreak\ttab\r', 'ctl \x01\x1f',
              '${AWS_BATCH_JOB_ID} %{ if x } $${lit} %%{lit} }{ ${',
              '-Dlog.dir=${user.home}/logs $${var.stage} $$${HOME:=x} ${HOME:=x}',
              'unicode \u00e9 \U0001f680', 'cr\r then $${lit} %%{lit} ${HOME} $\r $$\r']
    spec = os.path.join(work, "tricky.json")
    json.dump({"jobs": [{"name": "tricky", "image": "app:1", "vcpus": 1, "memory": 512,
                         "command": tricky,
                         "environment": {"V%d" % i: t for i, t in enumerate(tricky)},
                         "tags": {"T%d" % i: t for i, t in enumerate(tricky)}}]},
              open(spec, "w"))
    first, spec2, again = (os.path.join(work, n) for n in
                           ("tricky.tf.json", "tricky-back.yaml", "tricky-again.tf.json"))
    r = run(bin_, "render", spec, "-o", first)
    r2 = run(bin_, "import", first, "-o", spec2) if r.returncode == 0 else r
    r3 = run(bin_, "render", spec2, "-o", again) if r2.returncode == 0 else r2
    same = r3.returncode == 0 and open(first).read() == open(again).read()
    tests.append((same, "template sequences and look-alikes survive Terraform JSON -> "
                  "import -> render%s" % ("" if same else ": " + r3.stderr[:300])))

    # The same text as AWS holds it (a register input): literal, every
    # "${" of it, also the ones that look like Terraform's.
    literal = tricky + ["${var.stage} ${upper(var.x)} ${aws_iam_role.r.arn}",
                        "$${var.y} $$${var.z}", "${var.a}${HOME}$${var.b}"]
    src = os.path.join(work, "literal.json")
    json.dump({"jobDefinitionName": "literal", "type": "container",
               "tags": {"T%d" % i: t for i, t in enumerate(literal)},
               "containerProperties": {
                   "image": "app:1", "command": literal,
                   "environment": [{"name": "V%d" % i, "value": t}
                                   for i, t in enumerate(literal)],
                   "resourceRequirements": [{"type": "VCPU", "value": "1"},
                                            {"type": "MEMORY", "value": "512"}]}},
              open(src, "w"))
    spec, out = os.path.join(work, "literal.yaml"), os.path.join(work, "literal.tf.json")
    r = run(bin_, "import", src, "-o", spec)
    r2 = run(bin_, "render", spec, "-o", out) if r.returncode == 0 else r
    ok = r2.returncode == 0
    if ok:
        res = json.load(open(out))["resource"]["aws_batch_job_definition"]["literal"]
        try:  # no expression in it: plain JSON
            cp = json.loads(res["container_properties"])
        except ValueError:
            cp = {"command": [], "environment": []}
        env = {e["name"]: tf_text(e["value"]) for e in cp["environment"]}
        ok = ([tf_text(t) for t in cp["command"]] == literal and
              env == {"V%d" % i: t for i, t in enumerate(literal)} and
              {k: tf_text(v) for k, v in res["tags"].items()} ==
              {"T%d" % i: t for i, t in enumerate(literal)})
    tests.append((ok, "literal text of a register input (Terraform look-alikes "
                  "too) reaches the rendering as literal text%s" % (
                      "" if ok else ": " + r2.stderr[:300])))

    # Bad input: a located error naming the file, exit 1, nothing
    # written, and an existing -o file untouched.
    bad = {
        "broken.json": ('{"jobDefinitionName": "x", "type": "container",\n',
                        "json-syntax", 1),
        "broken.yaml": ("jobDefinitionName: [x\n", "yaml-syntax", 2),
        "empty-answer.json": ('{"jobDefinitions": []}', "import-shape", 1),
        "inactive-only.json": ('{"jobDefinitions": [{"jobDefinitionName": "x", '
                               '"type": "container", "status": "INACTIVE", '
                               '"revision": 1}]}', "import-shape", 1),
        "not-a-definition.json": ('{"Resources": {}}', "import-shape", 1),
        "a-list.json": ('[{"jobDefinitionName": "x"}]', "import-shape", 1),
        "unknown-key.json": ('{"jobDefinitionName": "x", "type": "container",\n'
                             ' "containerProperties": {"image": "a:1",\n'
                             '  "portMappings": [{"containerPort": 80}]}}',
                             "import-unknown-key", 3),
        "wrong-shape.json": ('{"jobDefinitionName": "x", "type": "container",\n'
                             ' "containerProperties": "image a:1"}',
                             "import-shape", 2),
    }
    for fname, (text, code, line) in sorted(bad.items()):
        src = os.path.join(work, fname)
        with open(src, "w") as f:
            f.write(text)
        dest = os.path.join(work, "kept-" + fname + ".yaml")
        with open(dest, "w") as f:
            f.write("# kept\n")
        r = run(bin_, "import", src, "-o", dest)
        kept = open(dest).read() == "# kept\n"
        located = ("%s:%d:" % (src, line)) in r.stderr and ("[%s]" % code) in r.stderr
        tests.append((r.returncode == 1 and kept and located and r.stdout == "",
                      "%s: exit %d, %s at line %d, the existing spec untouched%s" % (
                          fname, r.returncode, code, line,
                          "" if located else ": " + r.stderr.strip()[:200])))
    r = run(bin_, "import", os.path.join(work, "no-such-file.json"))
    tests.append((r.returncode == 3 and "[io]" in r.stderr,
                  "a file that cannot be read: exit %d, [io]" % r.returncode))

    print("1..%d" % len(tests))
    for i, (ok, text) in enumerate(tests, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, text))
    print("# %d of %d definitions imported and rendered back equal" % (
        equal, len(names) - len(EXPECT_FIX)))
    return 0 if all(ok for ok, _ in tests) else 1


if __name__ == "__main__":
    sys.exit(main())
