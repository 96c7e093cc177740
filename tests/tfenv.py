# SPDX-License-Identifier: MIT
"""The real terraform for the Python tests: the offline provider mirror,
a CLI config pointing at it, and plans read back as JSON. A test whose
terraform is missing says so loudly and is skipped, or fails under
BATCHGEN_REQUIRE_TERRAFORM=1 (CI)."""
import json
import os
import shutil
import subprocess
import sys

PROVIDER = {'provider': {'aws': {
    'region': 'us-east-1', 'access_key': 'mock', 'secret_key': 'mock',
    'skip_credentials_validation': True, 'skip_requesting_account_id': True,
    'skip_metadata_api_check': True, 'skip_region_validation': True}}}


def missing(what, why):
    """Says loudly that `what` did not run through terraform; exits."""
    print('# ************************************************************')
    print('# %s NOT RUN THROUGH TERRAFORM: %s' % (what.upper(), why))
    print('# The generated output was NOT checked by terraform.')
    print('# ************************************************************')
    if os.environ.get('BATCHGEN_REQUIRE_TERRAFORM') == '1':
        print('1..1\nnot ok 1 - terraform available')
        sys.exit(1)
    print('1..0 # SKIP %s' % why)
    sys.exit(0)


def find_mirror():
    home = os.path.expanduser('~')
    for d in (os.environ.get('TF_PROVIDER_MIRROR'), home + '/.terraform.d/plugins',
              os.environ.get('XDG_DATA_HOME', home + '/.local/share') + '/terraform/plugins',
              '/usr/local/share/terraform/plugins', '/usr/share/terraform/plugins'):
        if d and os.path.isdir(d + '/registry.terraform.io/hashicorp/aws'):
            return d
    for root, dirs, _ in os.walk('/'):
        depth = root.count('/')
        dirs[:] = [x for x in dirs if not (depth == 1 and x in
                   ('proc', 'sys', 'dev', 'usr', 'tmp', 'var', 'run'))] if depth < 5 else []
        if root.endswith('/registry.terraform.io/hashicorp/aws'):
            return root[:-len('/registry.terraform.io/hashicorp/aws')]
    return None


def environment(work):
    """The environment for terraform commands, or None with the reason
    why terraform cannot run here."""
    if shutil.which('terraform') is None:
        return None, 'terraform is not on PATH'
    mirror = find_mirror()
    if mirror is None:
        return None, 'no offline hashicorp/aws provider (set TF_PROVIDER_MIRROR)'
    rc = os.path.join(work, 'tfrc')
    with open(rc, 'w') as f:
        f.write('provider_installation {\n  filesystem_mirror {\n    path    = "%s"\n'
                '    include = ["registry.terraform.io/*/*"]\n  }\n'
                '  direct { exclude = ["registry.terraform.io/*/*"] }\n}\n' % mirror)
    # One plugin cache for every module of a run: init stays cheap.
    cache = os.path.join(work, 'plugin-cache')
    os.makedirs(cache, exist_ok=True)
    return dict(os.environ, TF_CLI_CONFIG_FILE=rc, TF_IN_AUTOMATION='1', TF_INPUT='0',
                CHECKPOINT_DISABLE='1', TF_PLUGIN_CACHE_DIR=cache), None


def plan(mod, env, provider=True):
    """init, validate and plan the module in mod; returns (plan JSON,
    None) or (None, the failing command's output)."""
    if provider:
        with open(os.path.join(mod, 'zz-provider.tf.json'), 'w') as f:
            json.dump(PROVIDER, f)
    for cmd in (['terraform', 'init', '-backend=false', '-input=false', '-no-color'],
                ['terraform', 'validate', '-no-color'],
                ['terraform', 'plan', '-refresh=false', '-input=false', '-no-color',
                 '-out=plan']):
        p = subprocess.run(cmd, cwd=mod, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            return None, '%s: %s' % (' '.join(cmd[:2]), p.stdout + p.stderr)
    p = subprocess.run(['terraform', 'show', '-json', 'plan'], cwd=mod, env=env,
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None, 'terraform show: ' + p.stderr
    return json.loads(p.stdout), None
