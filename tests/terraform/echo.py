#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The echo test: does re-applying unchanged batchgen output change anything?

    echo.py MODULE_DIR

MODULE_DIR is an initialised Terraform module whose plan of batchgen's
output was saved as plan.json (run-terraform.sh does both). For every
aws_batch_job_definition the plan creates, this writes a Terraform state
holding what AWS echoes back after the create, as the aws provider
5.100.0 stores it on read (../shared/reference/provider-5.100.md §0.2):
the values that were sent, plus

  - the empty lists AWS adds to a container (command, environment,
    mountPoints, resourceRequirements, secrets, ulimits, volumes), in
    container_properties and in every node range's container;
  - fargatePlatformConfiguration {platformVersion: LATEST} on Fargate
    when none was sent;
  - the EFS defaults (rootDirectory "/", transitEncryption DISABLED,
    authorizationConfig.iam DISABLED): suspected, not verified, so
    echoed to be safe;
  - instanceTypes [] in every node range;
  - an ECS task (ecs_properties, and a node range's ecsProperties): the
    empty lists AWS adds to each container (command, dependsOn,
    environment, mountPoints, secrets, ulimits), essential true where it
    was not sent, and the task's platformVersion LATEST and volumes [];
    the provider compares these as equal to their absence (reference
    §3.2, E01-E03, M02). The values it does not normalise (an empty
    resourceRequirements, networkConfiguration or runtimePlatform
    defaults) are not echoed: the provider's ECS acceptance test
    registers a Fargate task without them and plans no change after;
  - an EKS pod (eks_properties), as the provider flattens AWS's answer
    (reference §3.3): a security_context with all five fields
    zero-filled, host_network true and share_process_namespace false
    where unset, an emptyDir medium "";
  - the computed attributes (arn, arn_prefix, id, revision, tags_all).

Then it runs `terraform plan -refresh=false -detailed-exitcode` against
that state: exit 0 (no changes) is a pass. Anything else is drift: each
apply of the same output would register a new revision. The changes the
plan shows are printed.

With --self-check, it first plans against an echo with one value
changed, which must show a change: proof that the test can fail.

Exit 0: no drift; 1: drift (or terraform failed).
"""
import json
import os
import subprocess
import sys
import uuid

CONTAINER_LISTS = ("command", "environment", "mountPoints",
                   "resourceRequirements", "secrets", "ulimits", "volumes")


def echo_container(c, fargate):
    """A container's properties as AWS returns them."""
    for key in CONTAINER_LISTS:
        c.setdefault(key, [])
    if fargate:
        c.setdefault("fargatePlatformConfiguration",
                     {"platformVersion": "LATEST"})
    # Suspected, not verified (the reference's §2.5): AWS fills in the
    # EFS defaults, as ECS does. Echoing them is the cautious side.
    for v in c["volumes"]:
        efs = v.get("efsVolumeConfiguration")
        if efs is not None:
            efs.setdefault("rootDirectory", "/")
            efs.setdefault("transitEncryption", "DISABLED")
            if "authorizationConfig" in efs:
                efs["authorizationConfig"].setdefault("iam", "DISABLED")
    return c


ECS_LISTS = ("command", "dependsOn", "environment", "mountPoints", "secrets",
             "ulimits")


def echo_ecs(e):
    """An ecsProperties task as AWS returns it."""
    for task in e.get("taskProperties", []):
        task.setdefault("platformVersion", "LATEST")
        task.setdefault("volumes", [])
        for c in task.get("containers", []):
            for key in ECS_LISTS:
                c.setdefault(key, [])
            c.setdefault("essential", True)
    return e


def echo_eks(blocks):
    """The eks_properties block as the provider flattens AWS's answer."""
    for eks in blocks or []:
        for pod in eks.get("pod_properties") or []:
            if pod.get("host_network") is None:
                pod["host_network"] = True
            if pod.get("share_process_namespace") is None:
                pod["share_process_namespace"] = False
            for c in (pod.get("containers") or []) + \
                    (pod.get("init_containers") or []):
                for sc in c.get("security_context") or []:
                    for k in ("privileged", "read_only_root_file_system",
                              "run_as_non_root"):
                        if sc.get(k) is None:
                            sc[k] = False
                    for k in ("run_as_user", "run_as_group"):
                        if sc.get(k) is None:
                            sc[k] = 0
            for v in pod.get("volumes") or []:
                for ed in v.get("empty_dir") or []:
                    if ed.get("medium") is None:
                        ed["medium"] = ""
    return blocks


def echo(values):
    """The state attributes of one job definition after create + read."""
    attrs = dict(values)
    name = attrs["name"]
    prefix = "arn:aws:batch:us-east-1:123456789012:job-definition/" + name
    attrs.update(arn=prefix + ":1", id=prefix + ":1", arn_prefix=prefix,
                 revision=1, tags_all=dict(attrs.get("tags") or {}))
    fargate = "FARGATE" in (attrs.get("platform_capabilities") or [])
    if attrs.get("container_properties"):
        c = json.loads(attrs["container_properties"])
        attrs["container_properties"] = json.dumps(echo_container(c, fargate))
    if attrs.get("node_properties"):
        n = json.loads(attrs["node_properties"])
        for r in n.get("nodeRangeProperties", []):
            r.setdefault("instanceTypes", [])
            if "container" in r:
                echo_container(r["container"], False)
            if "ecsProperties" in r:
                echo_ecs(r["ecsProperties"])
        attrs["node_properties"] = json.dumps(n)
    if attrs.get("ecs_properties"):
        attrs["ecs_properties"] = json.dumps(
            echo_ecs(json.loads(attrs["ecs_properties"])))
    if attrs.get("eks_properties"):
        echo_eks(attrs["eks_properties"])
    return attrs


def main():
    mod = sys.argv[1]
    plan = json.load(open(os.path.join(mod, "plan.json")))
    version = json.loads(subprocess.run(
        ["terraform", "version", "-json"], capture_output=True, text=True,
        check=True).stdout)["terraform_version"]
    schemas = json.loads(subprocess.run(
        ["terraform", "providers", "schema", "-json"], cwd=mod,
        capture_output=True, text=True, check=True).stdout)
    aws = [v for k, v in schemas["provider_schemas"].items()
           if k.endswith("/hashicorp/aws")][0]
    schema_version = aws["resource_schemas"]["aws_batch_job_definition"].get(
        "version", 0)

    resources = []
    for rc in plan["resource_changes"]:
        if rc["type"] == "terraform_data":
            # What the expressions fixture refers to: created as planned.
            # Its input and output are dynamically typed: the state
            # holds the value with its type.
            after = dict(rc["change"]["after"], id=rc["name"])
            after["input"] = after["output"] = {"value": after.get("input"),
                                                "type": "string"}
            resources.append({
                "mode": "managed", "type": rc["type"], "name": rc["name"],
                "provider": rc["provider_name"].join(('provider["', '"]')),
                "instances": [{"schema_version": 0, "attributes": after,
                               "sensitive_attributes": []}]})
            continue
        if rc["type"] != "aws_batch_job_definition":
            continue
        if rc["change"]["actions"] != ["create"] or rc.get("module_address"):
            print("# unexpected change %s %s" % (rc["address"],
                                                 rc["change"]["actions"]))
            return 1
        resources.append({
            "mode": "managed", "type": rc["type"], "name": rc["name"],
            "provider": rc["provider_name"].join(('provider["', '"]')),
            "instances": [{"schema_version": schema_version,
                           "attributes": echo(rc["change"]["after"]),
                           "sensitive_attributes": []}]})
    state = {"version": 4, "terraform_version": version, "serial": 1,
             "lineage": str(uuid.UUID(int=len(resources))), "outputs": {},
             "resources": resources, "check_results": None}
    def plan_against(state):
        with open(os.path.join(mod, "terraform.tfstate"), "w") as f:
            json.dump(state, f, indent=1)
        return subprocess.run(
            ["terraform", "plan", "-refresh=false", "-input=false",
             "-no-color", "-detailed-exitcode"], cwd=mod,
            capture_output=True, text=True)

    # First prove the harness sees drift: an echo where one container
    # says "privileged": true that was never sent must plan a change.
    def changed_echo_plans_a_change(attr, container):
        """Flips privileged in the first echo with attr (container: the
        container to flip, of the decoded JSON): the plan must show the
        change. None when it does, else what went wrong."""
        found = [r for r in resources
                 if r["instances"][0]["attributes"].get(attr)]
        if not found:
            return None
        attrs = found[0]["instances"][0]["attributes"]
        good = attrs[attr]
        value = json.loads(good)
        c = container(value)
        c["privileged"] = not c.get("privileged", False)
        attrs[attr] = json.dumps(value)
        run = plan_against(state)
        attrs[attr] = good
        if run.returncode != 2 or "~ " + attr not in run.stdout:
            return "a changed echo of %s (%s) planned no change (exit %d)" % (
                found[0]["name"], attr, run.returncode)
        return None

    if "--self-check" in sys.argv:
        # container_properties, and an ECS task: the provider's
        # normalisation must not swallow a real change.
        for attr, container in (
                ("container_properties", lambda v: v),
                ("ecs_properties",
                 lambda v: v["taskProperties"][0]["containers"][0])):
            wrong = changed_echo_plans_a_change(attr, container)
            if wrong is not None:
                print("# self-check: " + wrong)
                return 1
        print("# self-check: a changed echo plans a change, as it must")

    run = plan_against(state)
    if run.returncode == 0:
        print("# %d job definitions: the plan against their echo shows "
              "no changes" % sum(r["type"] == "aws_batch_job_definition"
                                 for r in resources))
        return 0
    lines = (run.stdout + run.stderr).splitlines()
    changed = [l for l in lines if l.startswith("  # ")]
    print("# %d of %d resources drift (exit %d):" % (
        len(changed), len(resources), run.returncode))
    for line in lines:
        print("# " + line)
    return 1


if __name__ == "__main__":
    sys.exit(main())
