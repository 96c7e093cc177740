#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Integration test: render every template, with defaults and with
# options (and every example spec), as Terraform JSON into one scratch
# module and as HCL into another; check the HCL with `terraform fmt
# -check`; run the real `terraform validate` and `terraform plan` (aws
# provider, offline mirror, mock credentials) on both; and compare the
# two plans value for value. Prints TAP.
#
#   run-terraform.sh BATCHGEN [EXAMPLES_DIR]
#
# With EXAMPLES_DIR, every spec in it is rendered too (one document).
#
# Needs terraform on PATH and the hashicorp/aws provider in
# filesystem-mirror layout: $TF_PROVIDER_MIRROR, else terraform's plugin
# folders, else the first such folder found near /. When either is
# missing the test says so loudly and is skipped (a TAP plan of 0 tests with SKIP), or fails
# when BATCHGEN_REQUIRE_TERRAFORM=1 (as in CI).
set -u
unset BATCHGEN_TEMPLATE_PATH
bin=$(realpath "$1")
examples=${2:+$(realpath "$2")}
missing() {
	echo "# ************************************************************"
	echo "# TERRAFORM CHECK NOT RUN: $1"
	echo "# The generated output was NOT checked by terraform."
	echo "# ************************************************************"
	if [[ ${BATCHGEN_REQUIRE_TERRAFORM:-0} == 1 ]]; then
		echo "1..1"; echo "not ok 1 - terraform available"; exit 1
	fi
	echo "1..0 # SKIP $1"
	exit 0 # TAP: the plan says skip
}
command -v terraform >/dev/null || missing "terraform is not on PATH"
mirror=""
for d in "${TF_PROVIDER_MIRROR:-}" "$HOME/.terraform.d/plugins" \
	"${XDG_DATA_HOME:-$HOME/.local/share}/terraform/plugins" \
	/usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
	if [[ -n $d && -d $d/registry.terraform.io/hashicorp/aws ]]; then mirror=$d; break; fi
done
if [[ -z $mirror ]]; then
	d=$(find / -maxdepth 5 \( -path /proc -o -path /sys -o -path /dev -o -path /usr \
		-o -path /tmp -o -path /var -o -path /run \) -prune -o -type d \
		-path '*/registry.terraform.io/hashicorp/aws' -print -quit 2>/dev/null)
	[[ -n $d ]] && mirror=${d%/registry.terraform.io/hashicorp/aws}
fi
[[ -n $mirror ]] || missing "no offline hashicorp/aws provider (set TF_PROVIDER_MIRROR)"

work=$(mktemp -d "${TMPDIR:-/tmp}/bg-terraform.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/json" "$work/hcl"

templates=$("$bin" templates | awk 'NR > 1 { print $1 }')
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1)); }
count=0 render_failed=0
# render NAME ARGS...: the same job(s) as Terraform JSON and as HCL.
render() {
	local name=$1; shift
	if "$bin" "$@" -f json >"$work/json/$name.tf.json" 2>"$work/err" &&
		"$bin" "$@" -f hcl >"$work/hcl/$name.tf" 2>"$work/err"; then
		count=$((count + $(grep -c '^resource "aws_batch_job_definition"' "$work/hcl/$name.tf")))
	else
		render_failed=$((render_failed + 1))
		notok "batchgen $*"; sed 's/^/# /' "$work/err"
	fi
}
echo "1..17"
for t in $templates; do
	render "default-$t" "$t"
	render "options-$t" "$t" --name "opt-$t" --label "opt_${t//-/_}" \
		--image "123456789012.dkr.ecr.us-east-1.amazonaws.com/$t:1.0" \
		--vcpus 4 --memory 8192 --env STAGE=prod --env 'JOB_ID=${AWS_BATCH_JOB_ID}' \
		--tag Team=platform --tag 'Owner=%{me}'
done
render fargate-quarter fargate-container --name quarter --image app:1 \
	--vcpus 0.25 --memory 512 --execution-role-arn 'arn:aws:iam::123456789012:role/exec'
render fargate-sixteen fargate-container --name sixteen --image app:1 \
	--vcpus 16 --memory 122880 --execution-role-arn 'arn:aws-us-gov:iam::123456789012:role/exec' \
	--assign-public-ip --platform-version 1.4.0 \
	--efs-volume 'models=fs-12345678,root=/,transit-encryption=ENABLED,access-point=fsap-0123456789abcdef0,iam=ENABLED' \
	--mount models:/models:ro --job-role-arn 'arn:aws:iam::123456789012:role/job'
render volumes simple-container --name volumes --image app:1 --host-volume scratch=/tmp \
	--efs-volume 'shared=fs-12345678,root=/data,transit-encryption=ENABLED,port=2049' \
	--mount scratch:/scratch --mount shared:/shared:ro --privileged --readonly-root-filesystem \
	--user 1000:1000 --command '["sh","-c","echo ${HOME} %{x} \"quoted\" back\\slash\ttab"]' \
	--parameter date=2024-01-01 --parameter 'odd key=${v}' --propagate-tags --timeout 60 \
	--retry-attempts 10 --tag 'Team Name=a "quoted" value'
render multinode-wide multinode --name wide --image mpi:1 --nodes 8 --main-node 3 --gpus 2 \
	--instance-type p4d.24xlarge --ulimit memlock=-1 --shared-memory-size 4096
render extras-ec2 ml-training --name extras-ec2 --image pytorch:2 --init-process \
	--ulimit nofile=4096:65536 --secret 'TOKEN=arn:aws:ssm:us-east-1:123456789012:parameter/t' \
	--execution-role-arn 'arn:aws:iam::123456789012:role/exec' --log-driver json-file \
	--log-option max-size=10m --enable-execute-command \
	--repository-credentials 'arn:aws:secretsmanager:us-east-1:123456789012:secret:reg-AbCdEf'
render extras-fargate fargate-container --name extras-fargate --image app:1 \
	--execution-role-arn 'arn:aws:iam::123456789012:role/exec' --ephemeral-storage 200 \
	--cpu-architecture ARM64 --log-driver awslogs --log-option awslogs-group=/batch/app --init-process
# Strings that must reach the plan unchanged, in both formats: quotes,
# backslashes, newlines, tabs, control characters, template sequences,
# braces and Unicode (see the check at the end).
python3 - "$work/strings.json" <<'PY'
import json, sys
tricky = ['quote " backslash \\ end', 'line\nbreak\ttab\r', 'ctl \x01\x1f',
          '${AWS_BATCH_JOB_ID} %{ if x } $${lit} %%{lit} }{ ${', 'unicode \u00e9 \u2713 \U0001f680',
          # Java, Spring and Log4j placeholders are not Terraform references.
          '-Dlog.dir=${user.home}/logs ${java.io.tmpdir} ${spring.profiles.active} ${a_b.c}',
          'c1 \x7f \x85 \x9f \u2028',
          # After a raw CR, terraform's .tf.json template scanner goes wrong.
          'cr\r then $${lit} %%{lit} ${HOME} $\r $$\r']
json.dump({"jobs": [{"name": "tricky-strings", "template": "simple-container",
                     "image": "app:1", "command": tricky,
                     "environment": {"V%d" % i: t for i, t in enumerate(tricky)},
                     "tags": {"T%d" % i: t for i, t in enumerate(tricky)},
                     "parameters": {"p%d" % i: t for i, t in enumerate(tricky)},
                     # HCL keywords as map keys must be quoted.
                     "log_configuration": {"log_driver": "json-file", "options": {
                         k: k for k in ["for", "in", "if", "null", "true", "false", "endfor"]}}},
                    # Keys terraform fmt aligns by grapheme clusters:
                    # conjuncts, spacing marks, jamo, flags, ZWJ and
                    # modifier sequences (the fmt check below).
                    {"name": "grapheme-keys", "template": "simple-container", "image": "app:1",
                     "tags": {k: k for k in [
                         "a", "ab cd", "\u0915\u094d\u0937", "\u0915\u094d\u0937\u0924\u094d\u0930\u093f\u092f",
                         "\u0915\u093f", "\u0e01\u0e33", "\u1100\u1161\u11a8", "\uac00",
                         "\u1100\u1100\u1100\uac01\u11a8\u11a8", "x\u0308\u0308y",
                         "\U0001f1e9\U0001f1ea\U0001f1eb\U0001f1f7", "\U0001f1e9\U0001f1eax",
                         "\U0001f469\u200d\U0001f4bb", "\U0001f3f3\ufe0f\u200d\U0001f308",
                         "\U0001f44d\U0001f3fd", "a\u200db", "tab\t"]}}],
           "_tricky": tricky}, open(sys.argv[1], "w"))
PY
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=d.pop("_tricky"); json.dump(d, open(sys.argv[1], "w")); json.dump(t, open(sys.argv[1] + ".expect", "w"))' "$work/strings.json"
render strings render "$work/strings.json"
# Terraform expressions in string fields, and text that only looks like
# one: expressions.tf.json declares what they refer to.
here=$(dirname "$0")
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d.pop("//"); e = d.pop("_expect")
e["_numbers"] = d.pop("_expect_numbers")
json.dump(d, open(sys.argv[2], "w")); json.dump(e, open(sys.argv[2] + ".expect", "w"))' \
	"$here/expressions.json" "$work/expressions.json"
render expressions render "$work/expressions.json"
cp "$here/expressions.tf.json" "$work/json/zz-expressions.tf.json"
cp "$here/expressions.tf.json" "$work/hcl/zz-expressions.tf.json"
# Real EKS and ECS job definitions from public sources, written as
# specs (kinds/NAME.yaml beside NAME.original.json): compared after the
# plan.
render kinds-corpus render "$here"/kinds/*.yaml
# CloudFormation templates imported (their functions become the input
# variables that cfn/variables.tf.json declares), then rendered.
cfn="$here/../import/cfn"
if "$bin" import "$cfn/pipeline.yaml" "$cfn/fargate-cdk.json" -o "$work/cfn-spec.yaml" 2>"$work/err"; then
	render cfn-import render "$work/cfn-spec.yaml"
	cp "$cfn/variables.tf.json" "$work/json/zz-cfn-variables.tf.json"
	cp "$cfn/variables.tf.json" "$work/hcl/zz-cfn-variables.tf.json"
else
	render_failed=$((render_failed + 1))
	notok "batchgen import of the CloudFormation templates"; sed 's/^/# /' "$work/err"
fi
if [[ -n $examples ]]; then
	specs=("$examples"/*.yaml "$examples"/*.json)
	render examples render "${specs[@]}"
	# The valid cases of the rule corpus (warnings are valid for AWS).
	valid=$(grep -l -e '^# expect: valid' -e '^# warn:' "$examples"/../tests/rules/*.yaml 2>/dev/null)
	if [[ -n $valid ]]; then
		# shellcheck disable=SC2086
		render rule-corpus render $valid
	fi
fi
if [[ $render_failed == 0 ]]; then ok "rendered $count job definitions as JSON and as HCL"; fi

export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
if out=$(TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -diff -no-color "$work/hcl" 2>&1); then
	ok "terraform fmt -check: the HCL is formatted as terraform writes it"
else
	echo "$out" | sed 's/^/# /'; notok "terraform fmt -check"
fi

printf 'provider_installation {\n  filesystem_mirror {\n    path    = "%s"\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct { exclude = ["registry.terraform.io/*/*"] }\n}\n' \
	"$mirror" >"$work/tfrc"
export TF_CLI_CONFIG_FILE=$work/tfrc
for fmt in json hcl; do
	mod=$work/$fmt
	cat >"$mod/zz-provider.tf.json" <<'JSON'
{"provider": {"aws": {"region": "us-east-1", "access_key": "mock", "secret_key": "mock",
  "skip_credentials_validation": true, "skip_requesting_account_id": true,
  "skip_metadata_api_check": true, "skip_region_validation": true}}}
JSON
	# Values for the input variables that scaffolding declared.
	grep -ho '^variable "[a-z0-9_]*"' "$work/hcl"/*.tf | sort -u | python3 -c '
import json, sys
names = [l.split("\"")[1] for l in sys.stdin]
json.dump({n: "arn:aws:iam::123456789012:role/scaffold" if n.endswith("_arn")
           else "scaffold/image:1" for n in names}, sys.stdout)' >"$mod/zz.auto.tfvars.json"
	if ! (cd "$mod" && terraform init -backend=false -input=false -no-color) >"$work/init" 2>&1; then
		sed 's/^/# /' "$work/init"; notok "terraform init ($fmt)"; exit 1
	fi
	if (cd "$mod" && terraform validate -no-color) >"$work/validate" 2>&1; then
		ok "terraform validate accepts the $fmt output"
	else
		sed 's/^/# /' "$work/validate"; notok "terraform validate ($fmt)"
	fi
	if (cd "$mod" && terraform plan -refresh=false -input=false -no-color -out=plan &&
		terraform show -json plan >plan.json) >"$work/plan-$fmt" 2>&1; then
		ok "terraform plan accepts the $fmt output"
	else
		sed 's/^/# /' "$work/plan-$fmt"; notok "terraform plan ($fmt)"
	fi
done
# The HCL just planned, read in place (bg-hcl): every definition of its
# .tf files imports as its plan does (tests/hcl/hcl_sources.py compare):
# the templates, the tricky strings, the expressions.
if [[ -x $(dirname "$bin")/bg-hcl ]]; then
	# (exit 4: a spec written, holding what AWS would refuse: the rule
	# corpus holds such definitions on purpose)
	"$bin" import "$work/hcl" -o "$work/from-tf.yaml" 2>"$work/err-tf"
	rc_tf=$?
	"$bin" import "$work/hcl/plan.json" -o "$work/from-plan.yaml" 2>"$work/err-plan"
	rc_plan=$?
	if [[ $rc_tf == "$rc_plan" && ($rc_tf == 0 || $rc_tf == 4) ]] &&
		python3 "$here/../hcl/hcl_sources.py" compare "$work/from-plan.yaml" \
			"$work/from-tf.yaml" >"$work/tf-cmp" 2>&1; then
		ok "the HCL output read in place: $(tail -1 "$work/tf-cmp")"
	else
		echo "# import of the .tf files: exit $rc_tf; of their plan: exit $rc_plan"
		grep -h 'error:' "$work/err-tf" "$work/err-plan" | head -20 | sed 's/^/# /'
		sed 's/^/# /' "$work/tf-cmp" 2>/dev/null | tail -20
		notok "the HCL output read in place imports as its plan does"
	fi
else
	ok "the HCL output read in place # SKIP bg-hcl is not built (meson -Dhcl)"
fi
resources=$(grep -c '^  # aws_batch_job_definition\.' "$work/plan-json")
if [[ $resources == "$count" ]]; then
	ok "plan creates all $resources job definitions"
else
	notok "plan creates $resources job definitions, expected $count"
fi
# The tricky strings reach the plan unchanged, in both formats.
if python3 - "$work/strings.json.expect" "$work/json/plan.json" "$work/hcl/plan.json" >"$work/strings" 2>&1 <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
bad = 0
for path in sys.argv[2:]:
    plan = json.load(open(path))
    r = [r for r in plan["resource_changes"] if r["name"] == "tricky_strings"][0]["change"]["after"]
    cp = json.loads(r["container_properties"])
    env = {e["name"]: e["value"] for e in cp["environment"]}
    got = {"command": cp["command"],
           "environment": [env["V%d" % i] for i in range(len(want))],
           "tags": [r["tags"]["T%d" % i] for i in range(len(want))],
           "parameters": [r["parameters"]["p%d" % i] for i in range(len(want))]}
    for field, values in got.items():
        if values != want:
            bad += 1
            print(path, field, "differs:", json.dumps(values), "want", json.dumps(want))
print("%d strings checked in 4 fields of 2 plans, %d fields differ" % (len(want), bad))
sys.exit(1 if bad else 0)
PY
then
	ok "strings reach the plan unchanged ($(tail -1 "$work/strings"))"
else
	sed 's/^/# /' "$work/strings"; notok "strings change on their way to the plan"
fi
# Each expression plans to what it computes, each look-alike to its
# literal text, in both formats.
if python3 - "$work/expressions.json.expect" "$work/json/plan.json" "$work/hcl/plan.json" >"$work/expr" 2>&1 <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
numbers = want.pop("_numbers")
bad = n = 0
for path in sys.argv[2:]:
    plan = json.load(open(path))
    # Numbers and booleans from expressions: typed values in the plan.
    r = [r for r in plan["resource_changes"] if r["name"] == "number_expressions"][0]["change"]["after"]
    cp = json.loads(r["container_properties"])
    rr = {x["type"]: x["value"] for x in cp["resourceRequirements"]}
    got = {"attempts": r["retry_strategy"][0]["attempts"],
           "attempt_duration_seconds": r["timeout"][0]["attempt_duration_seconds"],
           "privileged": cp.get("privileged"), "MEMORY": rr.get("MEMORY"), "VCPU": rr.get("VCPU"),
           "softLimit": cp["ulimits"][0]["softLimit"], "hardLimit": cp["ulimits"][0]["hardLimit"],
           "scheduling_priority": r.get("scheduling_priority")}
    for k, v in numbers.items():
        n += 1
        if got[k] != v:
            bad += 1
            print(path, "number_expressions", k, "planned", json.dumps(got[k]), "want", json.dumps(v))
    r = [r for r in plan["resource_changes"] if r["name"] == "expressions"][0]["change"]["after"]
    cp = json.loads(r["container_properties"])
    got = {"image": cp.get("image"), "jobRoleArn": cp.get("jobRoleArn"),
           "command": cp.get("command"),
           "environment": {e["name"]: e["value"] for e in cp["environment"]},
           "tags": r["tags"]}
    for field, value in want.items():
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for k, v in items:
            g = got[field] if k is None else got[field].get(k)
            n += 1
            if g != v:
                bad += 1
                print(path, field, k, "planned", json.dumps(g), "want", json.dumps(v))
print("%d values checked in 2 plans, %d differ" % (n, bad))
sys.exit(1 if bad else 0)
PY
then
	ok "expressions plan to their values, look-alikes to their text ($(tail -1 "$work/expr"))"
else
	sed 's/^/# /' "$work/expr"; notok "expressions plan to the wrong values"
fi
# The two plans must describe the same resources, value for value.
if python3 - "$work/json/plan.json" "$work/hcl/plan.json" >"$work/cmp" 2>&1 <<'PY'
import json, sys
def after(path):
    plan = json.load(open(path))
    return {r["address"]: r["change"]["after"] for r in plan["resource_changes"]}
a, b = after(sys.argv[1]), after(sys.argv[2])
bad = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
for k in bad:
    print("differs:", k)
    print("  json:", json.dumps(a.get(k), sort_keys=True))
    print("  hcl: ", json.dumps(b.get(k), sort_keys=True))
print("%d resources compared, %d differ" % (len(set(a) | set(b)), len(bad)))
sys.exit(1 if bad or not a else 0)
PY
then
	ok "JSON and HCL plans are equal ($(tail -1 "$work/cmp"))"
else
	sed 's/^/# /' "$work/cmp"; notok "JSON and HCL plans differ"
fi
# Output that never drifts: plan each format again against a state
# holding what AWS echoes for every job definition (echo.py says what
# that is): no changes, or each apply would register a new revision.
for fmt in json hcl; do
	check=""; [[ $fmt == json ]] && check=--self-check
	if python3 "$(dirname "$0")/echo.py" "$work/$fmt" $check >"$work/echo-$fmt" 2>&1; then
		ok "re-applying the $fmt output changes nothing ($(tail -1 "$work/echo-$fmt" | sed 's/^# //'))"
	else
		cat "$work/echo-$fmt"; notok "the $fmt output drifts against what AWS echoes"
	fi
done
# The real EKS definitions plan to their originals, in both formats.
if python3 "$here/kinds_compare.py" "$here/kinds" "$work/json/plan.json" "$work/hcl/plan.json" >"$work/kinds" 2>&1; then
	ok "EKS and ECS: $(tail -1 "$work/kinds")"
else
	sed 's/^/# /' "$work/kinds"; notok "EKS and ECS definitions differ from their originals"
fi
# Terraform sources: hand-written Terraform JSON of the import corpus
# (import_plans.py) planned beside what batchgen import makes of it.
mkdir -p "$work/tfsrc" "$work/tfimp"
python3 "$here/import_plans.py" write "$here/../import/cases" "$work/tfsrc/sources.tf.json" >/dev/null
if "$bin" import "$work/tfsrc/sources.tf.json" -o "$work/tfsrc.yaml" 2>"$work/err" &&
	"$bin" render "$work/tfsrc.yaml" -o "$work/tfimp/imported.tf.json" 2>"$work/err"; then
	planned=1
	for m in tfsrc tfimp; do
		cp "$work/json/zz-provider.tf.json" "$work/$m/"
		if ! (cd "$work/$m" && terraform init -backend=false -input=false -no-color &&
			terraform plan -refresh=false -input=false -no-color -out=plan &&
			terraform show -json plan >plan.json) >"$work/plan-$m" 2>&1; then
			planned=0; sed 's/^/# /' "$work/plan-$m"
		fi
	done
	if [[ $planned == 1 ]] && python3 "$here/import_plans.py" compare "$work/tfsrc/plan.json" \
		"$work/tfimp/plan.json" >"$work/imp-cmp" 2>&1; then
		ok "Terraform sources: $(tail -1 "$work/imp-cmp")"
	else
		sed 's/^/# /' "$work/imp-cmp" 2>/dev/null; notok "Terraform sources plan differently once imported"
	fi
else
	sed 's/^/# /' "$work/err"; notok "batchgen import of the Terraform sources"
fi
# Hand-written HCL (jsonencode({...}) attributes, blocks): batchgen
# reads no HCL, so it imports what terraform show -json says of the
# module's plan; its rendering plans value for value the same.
mkdir -p "$work/hclsrc" "$work/hclimp"
python3 "$here/import_plans.py" write-hcl "$here/../import/cases" "$work/hclsrc/sources.tf" >/dev/null
cp "$work/json/zz-provider.tf.json" "$work/hclsrc/"
cp "$work/json/zz-provider.tf.json" "$work/hclimp/"
if (cd "$work/hclsrc" && terraform init -backend=false -input=false -no-color &&
	terraform plan -refresh=false -input=false -no-color -out=plan &&
	terraform show -json plan >plan.json) >"$work/plan-hclsrc" 2>&1 &&
	"$bin" import "$work/hclsrc/plan.json" -o "$work/hclsrc.yaml" 2>"$work/err" &&
	"$bin" render "$work/hclsrc.yaml" -o "$work/hclimp/imported.tf.json" 2>"$work/err" &&
	(cd "$work/hclimp" && terraform init -backend=false -input=false -no-color &&
		terraform plan -refresh=false -input=false -no-color -out=plan &&
		terraform show -json plan >plan.json) >"$work/plan-hclimp" 2>&1 &&
	python3 "$here/import_plans.py" compare "$work/hclsrc/plan.json" \
		"$work/hclimp/plan.json" >"$work/hcl-cmp" 2>&1; then
	ok "HCL sources, through terraform show -json: $(tail -1 "$work/hcl-cmp")"
else
	cat "$work/plan-hclsrc" "$work/err" "$work/plan-hclimp" "$work/hcl-cmp" 2>/dev/null |
		tail -40 | sed 's/^/# /'
	notok "HCL sources plan differently once imported through their plan"
fi
# Rules that travel to plan time: a violating value fails the plan with
# the rule's message, a valid one plans (preconditions.json).
if python3 "$(dirname "$0")/preconditions.py" "$bin" "$(dirname "$0")/preconditions.json" "$work" >"$work/pre" 2>&1; then
	ok "preconditions: $(tail -1 "$work/pre")"
else
	sed 's/^/# /' "$work/pre"; notok "preconditions"
fi
[[ $failed == 0 ]]
