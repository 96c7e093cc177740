#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`batchgen schema` against a real JSON Schema validator (Debian's
python3-jsonschema), reading YAML as editors do (YAML 1.2, with
python3-ruamel.yaml):

- the schema is a valid draft 2020-12 schema, and the same bytes twice;
- every spec in the repository that `batchgen validate` accepts (the
  examples, every rule-corpus case, the test data) is valid against it;
- unknown keys, wrong types and values outside an enum are refused, by
  the schema and by batchgen alike: named cases, and for every key of
  every job of the examples, a value of the wrong type.

    test_schema.py BATCHGEN SOURCE_ROOT
"""
import copy
import datetime
import glob
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import tap  # noqa: E402

NEEDED = 'python3-jsonschema and python3-ruamel.yaml'


def import_tools():
    try:
        import jsonschema  # noqa: F401
        from ruamel.yaml import YAML  # noqa: F401
        return True
    except ImportError:
        # Debian's own interpreter may have them when another python3
        # comes first on PATH.
        if os.path.exists('/usr/bin/python3') and sys.executable != '/usr/bin/python3':
            os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
        return False


if not import_tools():
    if os.environ.get('BATCHGEN_REQUIRE_TERRAFORM'):
        print('Bail out! %s missing (apt-get install %s)' % (NEEDED, NEEDED.replace(' and ', ' ')))
        sys.exit(1)
    print('1..0 # SKIP %s missing: the JSON Schema is NOT checked' % NEEDED)
    sys.stderr.write('*** %s missing: the JSON Schema is NOT checked ***\n' % NEEDED)
    sys.exit(0)

import jsonschema  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402


def plain(v):
    """ruamel's values as JSON values (YAML 1.2 keeps dates as text for
    batchgen; ruamel's safe loader still makes them dates)."""
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return str(v)
    return v


def load(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.json'):
        return json.loads(text)
    y = YAML(typ='safe', pure=True)
    y.version = (1, 2)
    return plain(y.load(text))


def accepted(batchgen, path):
    r = subprocess.run([batchgen, 'validate', path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return r.returncode == 0


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def wrong_value(prop):
    """A value of the wrong type for a property schema, or None."""
    if '$ref' in prop or prop.get('type') == 'object':
        return ['not', 'a', 'mapping']
    if prop.get('type') == 'array':
        return 'not a list'
    t = prop.get('type')
    if t == ['integer', 'string']:
        return 'lots'
    if t == ['number', 'string']:
        return 'many'
    if 'anyOf' in prop and any(a.get('type') == 'boolean' for a in prop['anyOf']):
        return 'maybe'
    if 'enum' in prop:
        return 'NOT-IN-THE-ENUM'
    if 'anyOf' in prop:  # environment: a map or a list
        return 'not a map'
    return {'a': 'mapping'}  # text takes scalars only


def main():
    batchgen, root = sys.argv[1], sys.argv[2]
    results = []
    out = subprocess.run([batchgen, 'schema'], capture_output=True, text=True)
    again = subprocess.run([batchgen, 'schema'], capture_output=True, text=True)
    results.append(('batchgen schema exits 0', None if out.returncode == 0 else out.stderr))
    results.append(('the same bytes twice', None if out.stdout == again.stdout else 'differs'))
    schema = json.loads(out.stdout)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        problem = None
    except jsonschema.SchemaError as e:
        problem = str(e)
    results.append(('a valid draft 2020-12 schema', problem))
    results.append(('declares draft 2020-12',
                    None if schema.get('$schema') == 'https://json-schema.org/draft/2020-12/schema'
                    else schema.get('$schema')))
    validator = jsonschema.Draft202012Validator(schema)

    # Every key has a description.
    missing = []
    for name, d in schema['$defs'].items():
        for key, prop in d.get('properties', {}).items():
            if not prop.get('description'):
                missing.append('%s.%s' % (name, key))
    results.append(('every key has a description', ', '.join(missing) or None))

    # Everything batchgen accepts, the schema accepts.
    files = sorted(glob.glob(os.path.join(root, 'examples', '*.yaml')) +
                   glob.glob(os.path.join(root, 'examples', '*.json')) +
                   glob.glob(os.path.join(root, 'tests', 'rules', '*.yaml')) +
                   glob.glob(os.path.join(root, 'tests', 'data', 'spec', '*.yaml')) +
                   glob.glob(os.path.join(root, 'tests', 'data', 'spec', '*.json')))
    checked = 0
    for path in files:
        if not accepted(batchgen, path):
            continue
        checked += 1
        errs = errors(validator, load(path))
        rel = os.path.relpath(path, root)
        results.append(('accepted by batchgen and by the schema: %s' % rel,
                        '\n'.join('%s: %s' % ('/'.join(map(str, e.absolute_path)), e.message)
                                  for e in errs[:5]) or None))
    results.append(('at least 60 accepted specs checked (got %d)' % checked,
                    None if checked >= 60 else 'only %d' % checked))

    # Anchors, merge keys and YAML 1.2 scalars, as an editor reads them.
    shared = """x-common: &common
  template: simple-container
  memory: "2048"
  privileged: yes
jobs:
  - <<: *common
    name: shared-a
    image: app:1
    user: 1000
    vcpus: 2
  - <<: *common
    name: shared-b
    image: app:2
    tags: {Team: data, Tier: 2}
"""
    with tempfile.NamedTemporaryFile('w', suffix='.yaml', delete=False) as f:
        f.write(shared)
        path = f.name
    try:
        ok_tool = accepted(batchgen, path)
        errs = errors(validator, load(path))
    finally:
        os.unlink(path)
    results.append(('x- anchors, merge keys, yes, quoted and bare numbers: both accept',
                    None if ok_tool and not errs else
                    'batchgen: %s; schema: %s' % (ok_tool, [e.message for e in errs])))

    # Named refusals: the schema and batchgen both refuse.
    base = load(os.path.join(root, 'examples', 'ml-platform.yaml'))
    job = base['jobs'][0]

    def mutated(fn):
        doc = copy.deepcopy(base)
        fn(doc)
        return doc

    cases = [
        ('an unknown key in a job', lambda d: d['jobs'][0].update(imagee='x:1')),
        ('an unknown top-level key', lambda d: d.update(job=[])),
        ('an unknown key in container_properties',
         lambda d: d['jobs'][0].update(container_properties={'image': 'x:1', 'cpu': 1})),
        ('an unknown key in a volume',
         lambda d: d['jobs'][0].update(volumes=[{'name': 'v', 'host': {'path': '/x'}}])),
        ('memory as words', lambda d: d['jobs'][0].update(memory='lots')),
        ('memory with a leading zero', lambda d: d['jobs'][0].update(memory='0512')),
        ('vcpus with four decimals', lambda d: d['jobs'][0].update(vcpus='0.2500')),
        ('privileged: maybe', lambda d: d['jobs'][0].update(privileged='maybe')),
        ('jobs as a mapping', lambda d: d.update(jobs={'a': 1})),
        ('no jobs', lambda d: d.update(jobs=[])),
        ('type outside the enum', lambda d: d['jobs'][0].update(type='batch')),
        ('platform_capabilities in lower case',
         lambda d: d['jobs'][0].update(platform_capabilities=['fargate'])),
        ('command as text', lambda d: d['jobs'][0].update(command='echo hi')),
        ('tags as a list', lambda d: d['jobs'][0].update(tags=['a'])),
        ('a log driver outside the enum',
         lambda d: d['jobs'][0].update(log_configuration={'log_driver': 'syslogd'})),
        ('a retry condition without an action',
         lambda d: d['jobs'][0].update(retry_strategy={'attempts': 2, 'evaluate_on_exit': [{'on_exit_code': '1'}]})),
    ]
    for name, fn in cases:
        results.append(check_refused(batchgen, validator, name, mutated(fn)))

    # Every key of every example job, given a value of the wrong type.
    count = 0
    for ex in sorted(glob.glob(os.path.join(root, 'examples', '*.yaml'))):
        doc0 = load(ex)
        for i, j in enumerate(doc0['jobs']):
            for key in sorted(j):
                prop = schema['$defs']['job']['properties'].get(key)
                value = wrong_value(prop) if prop else None
                if value is None:
                    continue
                doc = copy.deepcopy(doc0)
                doc['jobs'][i][key] = value
                count += 1
                results.append(check_refused(
                    batchgen, validator, '%s jobs[%d].%s: %r' % (os.path.basename(ex), i, key, value), doc))
    results.append(('at least 30 wrong-type cases (got %d)' % count,
                    None if count >= 30 else 'only %d' % count))
    del job
    return tap.report(results)


def check_refused(batchgen, validator, name, doc):
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
        json.dump(doc, f)
        path = f.name
    try:
        tool = accepted(batchgen, path)
    finally:
        os.unlink(path)
    schema_ok = validator.is_valid(doc)
    problem = []
    if schema_ok:
        problem.append('the schema accepts it')
    if tool:
        problem.append('batchgen accepts it')
    return ('refused: ' + name, '; '.join(problem) or None)


if __name__ == '__main__':
    sys.exit(main())
