#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Integration test: render every template, with defaults and with
# options, into one scratch module, then run the real `terraform
# validate` and `terraform plan` (aws provider, offline mirror, mock
# credentials). Prints TAP.
#
#   run-terraform.sh BATCHGEN [EXAMPLES_DIR]
#
# With EXAMPLES_DIR, every spec in it is rendered too (one document).
#
# Needs terraform on PATH and the hashicorp/aws provider in
# filesystem-mirror layout: $TF_PROVIDER_MIRROR, else terraform's plugin
# folders, else the first such folder found near /. When either is
# missing the test says so loudly and is skipped (exit 77), or fails
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
	exit 77
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
mod=$work/mod
mkdir -p "$mod"

templates=$("$bin" templates | awk 'NR > 1 { print $1 }')
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1)); }
count=0
render() { # render FILE ARGS...
	local file=$1; shift
	if "$bin" "$@" >"$mod/$file.tf.json" 2>"$work/err"; then
		count=$((count + 1))
	else
		notok "batchgen $* (exit $?)"; sed 's/^/# /' "$work/err"
	fi
}
echo "1..4"
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
	--user 1000:1000 --command '["sh","-c","echo ${HOME} %{x} \"quoted\""]' \
	--parameter date=2024-01-01 --propagate-tags --timeout 60 --retry-attempts 10
render multinode-wide multinode --name wide --image mpi:1 --nodes 8 --main-node 3 --gpus 2
if [[ -n $examples ]]; then
	specs=("$examples"/*.yaml "$examples"/*.json)
	render examples render "${specs[@]}"
	count=$((count + $(grep -c '^      "[a-z0-9_]*": {$' "$mod/examples.tf.json") - 1))
fi
if [[ $failed == 0 ]]; then ok "rendered $count job definitions"; fi

cat >"$mod/zz-provider.tf.json" <<'JSON'
{"provider": {"aws": {"region": "us-east-1", "access_key": "mock", "secret_key": "mock",
  "skip_credentials_validation": true, "skip_requesting_account_id": true,
  "skip_metadata_api_check": true, "skip_region_validation": true}}}
JSON
# Values for the input variables that scaffolding declared.
python3 - "$mod" >"$mod/zz.auto.tfvars.json" <<'PY'
import json, os, sys
vals = {}
for f in sorted(os.listdir(sys.argv[1])):
    if f.endswith('.tf.json'):
        doc = json.load(open(os.path.join(sys.argv[1], f)))
        for name in doc.get('variable', {}):
            vals[name] = ('arn:aws:iam::123456789012:role/scaffold'
                          if name.endswith('_arn') else 'scaffold/image:1')
json.dump(vals, sys.stdout)
PY
cat >"$work/tfrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct { exclude = ["registry.terraform.io/*/*"] }
}
EOF
export TF_CLI_CONFIG_FILE=$work/tfrc TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
cd "$mod" || exit 1
if ! terraform init -backend=false -input=false -no-color >"$work/init" 2>&1; then
	sed 's/^/# /' "$work/init"; notok "terraform init"; exit 1
fi
if terraform validate -no-color >"$work/validate" 2>&1; then
	ok "terraform validate accepts all $count"
else
	sed 's/^/# /' "$work/validate"; notok "terraform validate"
fi
if terraform plan -refresh=false -input=false -no-color >"$work/plan" 2>&1; then
	ok "terraform plan accepts them"
else
	sed 's/^/# /' "$work/plan"; notok "terraform plan"
fi
resources=$(grep -c '^  # aws_batch_job_definition\.' "$work/plan")
if [[ $resources == "$count" ]]; then
	ok "plan creates all $resources job definitions"
else
	notok "plan creates $resources job definitions, expected $count"
fi
[[ $failed == 0 ]]
