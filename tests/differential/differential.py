#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The differential test of batchgen's reading of Terraform templates,
# against terraform itself.
#
#   differential.py BATCHGEN TF_SEGMENTS [STRINGS]
#
# A generator built from Terraform's template grammar (interpolations,
# the escapes $${ and %%{, directives, nested quoted strings and their
# escapes, block and line comments, heredoc openers, strip markers,
# brackets; nested, truncated and broken; quotes, backslashes, }, ], =,
# newlines and Unicode; the injections found by attack) writes STRINGS
# strings (5,000 by default; a new seed each run, printed) into every
# kind of string field: environment values, command arguments,
# parameters and tags (keys and values), names, and the containers of
# EKS and ECS jobs. The jobs batchgen accepts are rendered as Terraform
# JSON and as HCL and planned by the real terraform, with a baseline in
# which every string is a plain placeholder. For every string:
#
#   - its plan value is what batchgen's reading of it says (TF_SEGMENTS
#     prints that reading): its literal text byte for byte, each
#     expression replaced by what terraform computes for that
#     expression alone ("${EXPR}" planned by itself);
#   - a string batchgen reads as all literal plans to exactly the input;
#   - the JSON and HCL plans are equal;
#   - nothing else differs from the baseline: no key added, none lost,
#     no other value changed (an injection would show here).
#
# BATCHGEN_DIFF_SEED=N repeats a run. Prints TAP.
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
from tap import report  # noqa: E402
import tfenv  # noqa: E402

BIN = os.path.realpath(sys.argv[1])
SEGMENTS = os.path.realpath(sys.argv[2])
COUNT = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
SEED = int(os.environ.get('BATCHGEN_DIFF_SEED') or random.SystemRandom().randrange(1 << 32))
os.environ.pop('BATCHGEN_TEMPLATE_PATH', None)
rnd = random.Random(SEED)

# ------------------------------------------------------------ the module
# Values the expressions read: a hostile string among them (variables
# are values, never templates).
VARIABLES = {
    's': ('string', 'Xy'), 't': ('string', 'a b'), 'e': ('string', ''),
    'q': ('string', 'q"\\ ${HOME} %{if} $${x}\n\u00e9'),
    'n': ('number', 3), 'f': ('number', 1.5), 'b': ('bool', True),
    'l': ('list(string)', ['p', 'q']), 'm': ('map(string)', {'k1': 'v1', 'k-2': 'v2'}),
}
LOCALS = {'x': 'Lx', 'y': '}"]'}


def module_vars():
    return {'variable': {k: {'type': t, 'default': v}
                         for k, (t, v) in VARIABLES.items()},
            'locals': LOCALS}


# ------------------------------------------------------ the generator
def pick(*xs):
    return rnd.choice(xs)


def sp():
    return pick('', '', '', ' ', '  ', '\t', ' /* c } " ${ */ ')


def string_lit(depth):
    """A quoted template inside an expression: text, escapes, nested
    interpolations."""
    parts = []
    for _ in range(rnd.randint(0, 3)):
        parts.append(pick('a', ' ', 'y', '\\"', '\\\\', '\\n', '\\t', '\\u00e9', '$${x}',
                          '%%{y}', '$', '%', '}', ']', '=', '\u00e9', '\U0001f680', ',',
                          lambda: '${' + sp() + str_expr(depth + 1) + sp() + '}'))
    return '"' + ''.join(p() if callable(p) else p for p in parts) + '"'


def str_expr(depth=0):
    """A string-valued expression in Terraform's syntax."""
    if depth > 3:
        return pick('var.s', 'local.x', 'var.t')
    d = depth + 1
    return pick(
        'var.s', 'var.t', 'var.q', 'var.e', 'local.x', 'local.y', 'path.module',
        'terraform.workspace', 'var.m["k1"]', 'var.m.k1', 'var.m["k-2"]', 'var.l[0]',
        'var.l.1', 'join("-", var.l[*])', None, None, None, None, None, None, None, None) or pick(
        lambda: 'upper(%s)' % str_expr(d),
        lambda: 'lower(%s%s)' % (sp(), str_expr(d)),
        lambda: 'format("%%s-%%d", %s, %s)' % (str_expr(d), num_expr(d)),
        lambda: 'join(%s, var.l)' % string_lit(d),
        lambda: 'replace(%s, "y", %s)' % (str_expr(d), string_lit(d)),
        lambda: 'trimspace(%s)' % str_expr(d),
        lambda: 'element(var.l, %s)' % num_expr(d),
        lambda: 'tostring(%s)' % num_expr(d),
        lambda: '%s ? %s : %s' % (bool_expr(d), str_expr(d), string_lit(d)),
        lambda: '(%s)' % str_expr(d),
        lambda: string_lit(d) if d > 1 else 'upper(%s)' % string_lit(d),
        lambda: 'jsonencode(%s)' % str_expr(d),
        lambda: 'coalesce(var.e, %s)' % str_expr(d),
        lambda: '[for v in var.l : upper(v)][%s]' % pick('0', '1'),
        lambda: 'join(",", [for k, v in var.m : "${k}=${v}" if v != ""])',
        lambda: '{a = %s, "b" = var.s}["a"]' % str_expr(d),
        lambda: 'lookup(var.m, "k1", %s)' % string_lit(d),
        lambda: 'substr(%s, 0, 1)' % str_expr(d),
        lambda: '%s /* } */' % str_expr(d),
    )()


def num_expr(depth=0):
    d = depth + 1
    if depth > 3:
        return pick('var.n', '1')
    return pick(lambda: pick('var.n', 'var.f', '2', '0.5', '1e1'),
                lambda: 'length(%s)' % str_expr(d),
                lambda: '%s %s %s' % (num_expr(d), pick('+', '-', '*', '/', '%'), pick('var.n', '2')),
                lambda: '-%s' % num_expr(d),
                lambda: 'max(%s, 4)' % num_expr(d),
                lambda: '(%s)' % num_expr(d))()


def bool_expr(depth=0):
    d = depth + 1
    if depth > 3:
        return 'var.b'
    return pick(lambda: 'var.b',
                lambda: '%s > %s' % (num_expr(d), num_expr(d)),
                lambda: '!%s' % bool_expr(d),
                lambda: '%s && %s' % (bool_expr(d), bool_expr(d)),
                lambda: '%s == "Xy"' % str_expr(d),
                lambda: 'contains(var.l, %s)' % string_lit(d))()


def interp():
    """A whole interpolation Terraform computes."""
    e = pick(str_expr, str_expr, str_expr, num_expr, bool_expr)()
    return '${' + sp() + e + sp() + '}'


# Text that is no expression of Terraform's here: the shell's and
# Java's placeholders, roots that cannot be valid in a resource,
# pieces of syntax, the injections found by attack.
LITERALS = [
    '${HOME}', '${AWS_BATCH_JOB_ID}', '${VAR:-default}', '${#ARR[@]}', '${HOME%%/*}',
    '${user.home}', '${java.io.tmpdir}', '${path.separator}', '${data.dir}/index',
    '${count.index}', '${each.key}', '${self.x}', '${terraform.applying}', '${}',
    '${', '}', '{', '$', '$$', '$${', '%{', '%%{', '%{ if x }y%{ endif }', '%{for}', '"', '\\',
    '\\"', '\\n', '"}', ']', '[', '=', ',', '/*', '*/', '//', '#', '\n', '\r\n', '\r', '\t',
    '\u00e9', '\U0001f680', '\u2028', 'e\u0301', '\U0001f469\u200d\U0001f4bb', '\u2764\ufe0f',
    ' ', 'Ref::p0', '<<EOT\nx\nEOT', '~', '${~', '~}',
    ':', '?', '=>', '...', '${var.x', '${ var.s', '${upper(var.s)', '${foo(var.s)}',
    '${1 + 2}', '${"a"}', '${var.s var.s}', '${var.\u00e9}', '${provider::aws::arn_parse(var.s)}',
    '"}], privileged = true, jobRoleArn = "var.x", zz = [{ b = "',
    '", Injected = "var.x", K3 = "', '*/ ) }], privileged = true, zz = [{ a = 1 #',
    '\\u0022', 'plain', 'text', '0', 'null', 'true',
]


def broken():
    """An interpolation Terraform would compute, made into one it would
    not: truncated, a token inserted, a comment that eats the close."""
    i = interp()
    return pick(
        lambda: i[:rnd.randint(1, len(i) - 1)],
        lambda: i[:-1] + pick(' // }', ' # }', ' /* }', '\n}', ' ~}', ' var.s}', ',}', ' HOME}'),
        lambda: '${~' + i[2:],
        lambda: '${' + pick('HOME', 'x', 'count.index') + ' + ' + i[2:],
        lambda: i.replace('var.', pick('vars.', 'each.', 'self.', 'count.'), 1),
        lambda: i.replace('"', '', 1),
        lambda: i.replace('(', '((', 1),
        lambda: i[:2] + '\n' + i[2:],
    )()


def piece():
    return pick(
        interp, interp, lambda: '$' + interp(), broken, broken,
        lambda: rnd.choice(LITERALS), lambda: rnd.choice(LITERALS),
        lambda: '${"' + piece() + '"}', lambda: '$${' + piece(),
        lambda: 'w%d' % rnd.randint(0, 99),
    )()


def hostile(limit=None):
    """One to four pieces; at most limit characters (tag keys and values
    have AWS limits that expressions could pass)."""
    while True:
        s = ''.join(piece() for _ in range(rnd.randint(1, 4 if limit is None else 2)))
        if limit is None or len(s) <= limit:
            return s


def name_string():
    """A job name: most of what a name may hold (letters, digits, - and
    _) around expressions and their look-alikes."""
    return pick('n', 'job-', 'a_') + ''.join(pick(
        lambda: '${var.s}', lambda: '${lower(var.s)}', lambda: '${ var.s /* } */ }',
        lambda: '$${var.s}', lambda: '${var.s // }', lambda: '${HOME}', lambda: '-x',
        lambda: '${terraform.workspace}', lambda: '${replace(var.t, " ", "-")}',
        lambda: '_9', lambda: '${count.index}')() for _ in range(rnd.randint(1, 3)))


# ------------------------------------------------------------ the jobs
class Batch:
    def __init__(self):
        self.strings = []   # the hostile strings
        self.where = []     # [(job index, spec path)] per string
        self.jobs = []

    def add(self, s, job, path):
        self.strings.append(s)
        self.where.append((job, path))
        return len(self.strings) - 1


def build_batch(n):
    """Jobs holding n strings; each field value is a marker ('@i') for
    string i, filled with the string or with a placeholder later."""
    b = Batch()

    def new_job(j):
        b.jobs.append(j)
        return len(b.jobs) - 1

    def mark(job, path, s):
        return '@%d' % b.add(s, job, path)

    kinds = ['container', 'container', 'eks', 'ecs', 'names']
    while len(b.strings) < n:
        kind = rnd.choice(kinds)
        k = len(b.jobs)
        if kind == 'container':
            job = {'name': 'c%d' % k, 'label': 'c%d' % k, 'template': 'simple-container',
                   'image': 'app:1'}
            ji = new_job(job)
            job['environment'] = {'V%02d' % i: mark(ji, 'environment.V%02d' % i, hostile())
                                  for i in range(40)}
            job['command'] = [mark(ji, 'command[%d]' % i, hostile()) for i in range(40)]
            job['parameters'] = {'p%d' % i: mark(ji, 'parameters.p%d' % i, hostile())
                                 for i in range(20)}
            job['tags'] = {'T%02d' % i: mark(ji, 'tags.T%02d' % i, hostile(100))
                           for i in range(30)}
            # Keys are templates too.
            for i in range(8):
                key = mark(ji, 'tags.@key%d' % i, 'k' + hostile(40))
                job['tags'][key] = 'v'
                key = mark(ji, 'parameters.@key%d' % i, hostile())
                job['parameters'][key] = 'v'
        elif kind == 'eks':
            job = {'name': 'k%d' % k, 'label': 'k%d' % k}
            ji = new_job(job)
            containers = []
            for c in range(2):
                pre = 'eks_properties.pod_properties.containers[%d].' % c
                containers.append({
                    'name': 'c%d' % c, 'image': 'app:1',
                    'command': [mark(ji, pre + 'command[%d]' % i, hostile()) for i in range(15)],
                    'args': [mark(ji, pre + 'args[%d]' % i, hostile()) for i in range(25)],
                    'env': {'E%02d' % i: mark(ji, pre + 'env.E%02d' % i, hostile())
                            for i in range(30)},
                    'resources': {'limits': {'cpu': '1', 'memory': '1024Mi'}}})
            job['eks_properties'] = {'pod_properties': {'containers': containers}}
        elif kind == 'ecs':
            job = {'name': 'e%d' % k, 'label': 'e%d' % k}
            ji = new_job(job)
            containers = []
            for c in range(2):
                pre = 'ecs_properties.task_properties[0].containers[%d].' % c
                containers.append({
                    'name': 'c%d' % c, 'image': 'app:1', 'vcpus': 1, 'memory': 512,
                    'essential': c == 0,
                    'command': [mark(ji, pre + 'command[%d]' % i, hostile()) for i in range(30)],
                    'environment': {'E%02d' % i: mark(ji, pre + 'environment.E%02d' % i,
                                                      hostile()) for i in range(40)}})
            job['ecs_properties'] = {'task_properties': [{'containers': containers}]}
        else:
            for _ in range(20):
                k = len(b.jobs)
                job = {'label': 'n%d' % k, 'template': 'simple-container', 'image': 'app:1'}
                ji = new_job(job)
                job['name'] = mark(ji, 'name', name_string())
    return b


def fill(b, value_of, skip=()):
    """The jobs with every marker replaced by value_of(i); strings in
    skip (and jobs left with none) are left out."""
    def walk(v):
        if isinstance(v, str):
            return value_of(int(v[1:])) if v.startswith('@') else v
        if isinstance(v, list):
            return [walk(x) for x in v if not (isinstance(x, str) and x.startswith('@')
                                               and int(x[1:]) in skip)]
        if isinstance(v, dict):
            out = {}
            for k, x in v.items():
                if isinstance(x, str) and x.startswith('@') and int(x[1:]) in skip:
                    continue
                if k.startswith('@'):
                    if int(k[1:]) in skip:
                        continue
                    k = value_of(int(k[1:]))
                out[k] = walk(x)
            return out
        return v
    jobs = []
    for j in b.jobs:
        if isinstance(j.get('name'), str) and j['name'].startswith('@') and \
                int(j['name'][1:]) in skip:
            continue
        jobs.append(walk(j))
    return {'jobs': jobs}


def placeholder(i):
    return 'PH%dX' % i


# --------------------------------------------------------- the checks
def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def visible(s):
    """A string as batchgen's diagnostics write it: control characters
    escaped, so that one diagnostic is one line."""
    out = []
    for c in s:
        o = ord(c)
        if c in '\n\t\r':
            out.append({'\n': '\\n', '\t': '\\t', '\r': '\\r'}[c])
        elif o < 0x20 or o == 0x7f:
            out.append('\\x%02x' % o)
        elif 0x80 <= o <= 0x9f or o in (0x2028, 0x2029):
            out.append('\\u%04x' % o)
        else:
            out.append(c)
    return ''.join(out)


def accepted(b, work):
    """The strings batchgen refuses, found by validating and removing
    the fields its diagnostics name until it accepts the rest."""
    refused = {}
    paths = {}
    for i, (job, path) in enumerate(b.where):
        paths.setdefault(job, []).append((path, i))
    for _ in range(6):
        spec = fill(b, lambda i: b.strings[i], refused)
        kept = [i for i, j in enumerate(b.jobs) if not (
            isinstance(j.get('name'), str) and j['name'].startswith('@')
            and int(j['name'][1:]) in refused)]
        f = os.path.join(work, 'spec.json')
        with open(f, 'w') as out:
            json.dump(spec, out, ensure_ascii=False)
        p = run([BIN, 'validate', f], text=True)
        if p.returncode == 0:
            return refused, None
        if p.returncode != 1:
            return refused, 'validate exit %d: %s' % (p.returncode, p.stderr[-2000:])
        unknown = []
        before = set(refused)
        for line in p.stderr.split('\n'):
            m = re.match(r'.*?:\d+:\d+: error: jobs\[(\d+)\]\.?(.*)$', line)
            if not m:
                continue
            job, rest = kept[int(m.group(1))], m.group(2)
            # The string whose field path (a key's text, for keys) is
            # the longest start of the diagnostic's path.
            best, hit = -1, None
            for p2, i in paths.get(job, []):
                if i in before:
                    continue
                concrete = p2.split('.@')[0] + '.' + visible(b.strings[i]) if '.@key' in p2 else p2
                if len(concrete) > best and any(rest.startswith(concrete + c)
                                                for c in (': ', '.', '[')):
                    best, hit = len(concrete), i
            if hit is None:
                unknown.append(line)
            else:
                refused[hit] = line
        if unknown:
            return refused, 'diagnostics naming no string:\n' + '\n'.join(unknown[:10])
    return refused, 'batchgen still refuses the jobs after six rounds'


def segments(strings):
    p = run([SEGMENTS], input=json.dumps(strings).encode())
    if p.returncode != 0:
        raise SystemExit('tf-segments failed: %s' % p.stderr.decode())
    return json.loads(p.stdout)


def hcl_string_list(exprs):
    return '[' + ', '.join('tostring("%s")' % e for e in exprs) + ']'


def evaluate(exprs, work, env):
    """What terraform computes for each expression alone ("${EXPR}" as
    an output of its own module): {expr: value}, and the expressions it
    refuses with its reason."""
    values, refused = {}, {}
    todo = sorted(exprs)
    mod = os.path.join(work, 'eval')
    while todo:
        shutil.rmtree(mod, ignore_errors=True)
        os.makedirs(mod)
        with open(os.path.join(mod, 'vars.tf.json'), 'w') as f:
            json.dump(module_vars(), f)
        with open(os.path.join(mod, 'out.tf'), 'w') as f:
            f.write('output "v" {\n  value = [\n')
            for e in todo:
                f.write('    tostring("%s"),\n' % e)
            f.write('  ]\n}\n')
        plan, problem = tfenv.plan(mod, env, provider=False)
        if plan is not None:
            for e, v in zip(todo, plan['planned_values']['outputs']['v']['value']):
                values[e] = v
            return values, refused
        # The expressions on the lines terraform names are refused; the
        # rest are tried again.
        lines = {int(x) for x in re.findall(r'on out\.tf line (\d+)', problem)}
        bad = [todo[ln - 3] for ln in lines if 3 <= ln < 3 + len(todo)]
        if not bad:
            raise SystemExit('terraform refused the expressions as a whole: ' + problem[-3000:])
        for e in bad:
            refused[e] = re.sub(r'\s+', ' ', problem[problem.find('Error'):][:300])
        todo = [e for e in todo if e not in refused]
    return values, refused


def errors(output):
    """terraform's errors in its output, without the plan around them."""
    found = re.findall(r'(?ms)^(?:│ )?Error: .*?(?=^(?:│ )?Error: |\Z)', output)
    return '\n'.join(e[:1500] for e in found[:6]) or output[-3000:]


def resources(plan):
    out = {}
    for r in plan.get('resource_changes', []):
        a = dict(r['change']['after'])
        for k in ('container_properties', 'ecs_properties', 'node_properties'):
            if isinstance(a.get(k), str):
                a[k] = json.loads(a[k])
        a.pop('tags_all', None)
        out[r['name']] = a
    return out


def compare(base, got, expect, path, bad):
    """got must be base with every placeholder PHiX replaced by expect[i],
    in keys and values; nothing else may differ."""
    if len(bad) > 20:
        return
    if isinstance(base, str):
        m = re.fullmatch(r'PH(\d+)X', base)
        want = expect[int(m.group(1))] if m else base
        if got != want:
            bad.append('%s: %r, expected %r' % (path, got, want))
    elif isinstance(base, dict):
        if not isinstance(got, dict):
            bad.append('%s: %r is no object' % (path, got))
            return
        keys = {}
        for k in base:
            m = re.fullmatch(r'PH(\d+)X', k)
            keys[expect[int(m.group(1))] if m else k] = k
        if set(keys) != set(got):
            bad.append('%s: keys %r, expected %r' % (
                path, sorted(set(got) - set(keys))[:5], sorted(set(keys) - set(got))[:5]))
            return
        for k, bk in keys.items():
            compare(base[bk], got[k], expect, '%s.%s' % (path, k), bad)
    elif isinstance(base, list):
        if not isinstance(got, list) or len(got) != len(base):
            bad.append('%s: %r, expected a list of %d' % (path, got, len(base)))
            return
        for i, (x, y) in enumerate(zip(base, got)):
            compare(x, y, expect, '%s[%d]' % (path, i), bad)
    elif base != got:
        bad.append('%s: %r, expected %r' % (path, got, base))


def main():
    work = tempfile.mkdtemp(prefix='bg-differential.')
    print('# seed %d (BATCHGEN_DIFF_SEED=%d repeats this run), %d strings'
          % (SEED, SEED, COUNT))
    env, why = tfenv.environment(work)
    if env is None:
        tfenv.missing('the differential test', why)
    results = []
    batch = build_batch(COUNT)
    refused, problem = accepted(batch, work)
    results.append(('batchgen validates the jobs, refusing %d of %d strings'
                    % (len(refused), len(batch.strings)), problem))
    reasons = {}
    for why_ in refused.values():
        code = re.search(r'\[([a-z0-9-]+)\]$', why_)
        reasons[code.group(1) if code else why_[:40]] = reasons.get(
            code.group(1) if code else why_[:40], 0) + 1
    print('# refused by rule: %s' % ', '.join('%s %d' % kv for kv in sorted(reasons.items())))
    live = [i for i in range(len(batch.strings)) if i not in refused]
    segs = dict(zip(live, segments([batch.strings[i] for i in live])))
    exprs = {s[1] for i in live for s in segs[i] if s[0] == 'e'}
    values, bad_exprs = evaluate(exprs, work, env)
    # An expression terraform cannot read where batchgen wrote it is a
    # finding; one that reads but cannot be computed (a type error in a
    # generated expression) is the generator's and is left out.
    syntax = {e: why_ for e, why_ in bad_exprs.items() if re.search(
        r'Invalid expression|Unterminated|Invalid character|Missing|Invalid reference|'
        r'Unclosed|Extra characters|Invalid template|Invalid multi-line|Argument or block',
        why_) and 'Invalid template interpolation value' not in why_}
    results.append(('every expression batchgen reads is one terraform reads (%d distinct)'
                    % len(exprs), '\n'.join('%r: %s' % kv for kv in list(syntax.items())[:8])
                    or None))
    dropped = {i for i in live if any(s[0] == 'e' and s[1] in bad_exprs for s in segs[i])}
    print('# %d strings left out: their expressions do not compute (generator type errors)'
          % len(dropped))
    skip = set(refused) | dropped
    live = [i for i in live if i not in dropped]
    # terraform keeps every string in Unicode NFC (batchgen warns,
    # text-nfc, where the spec's text is in another form)
    expect = {i: unicodedata.normalize('NFC', ''.join(
        values[s[1]] if s[0] == 'e' else s[1] for s in segs[i])) for i in live}
    # Two keys of one map that compute to the same text are the
    # generator's mistake (terraform refuses the object, and batchgen
    # cannot know the values): the later one is left out.
    collide = set()

    def keys_of(v):
        if isinstance(v, dict):
            yield v
            for x in v.values():
                yield from keys_of(x)
        elif isinstance(v, list):
            for x in v:
                yield from keys_of(x)
    for job in batch.jobs:
        for m in keys_of(job):
            seen = {k for k in m if not k.startswith('@')}
            for k in m:
                if k.startswith('@') and int(k[1:]) in expect:
                    if expect[int(k[1:])] in seen:
                        collide.add(int(k[1:]))
                    seen.add(expect[int(k[1:])])
    # A tag that computes to more than AWS takes fails its plan-time
    # check, as it should: the generator's, left out too.
    for i in live:
        path = batch.where[i][1]
        if path.startswith('tags.') and (
                len(expect[i]) > (128 if '@key' in path else 256) or
                expect[i].lower().startswith('aws:') or ('@key' in path and not expect[i])):
            collide.add(i)
    if collide:
        print('# %d strings left out: keys that compute to another key of their map, '
              'tags that compute to what AWS refuses' % len(collide))
        skip |= collide
        live = [i for i in live if i not in collide]
    literal = [i for i in live if all(s[0] == 't' for s in segs[i])]
    verbatim = [i for i in literal if ''.join(s[1] for s in segs[i]) == batch.strings[i]]
    with_expr = [i for i in live if any(s[0] == 'e' for s in segs[i])]
    print('# %d strings planned: %d all literal (%d of them verbatim), %d with expressions'
          % (len(live), len(literal), len(verbatim), len(with_expr)))
    results.append(('the run is not hollow: at least 4,000 of every 5,000 strings planned, '
                    'a quarter literal, a quarter with expressions',
                    None if len(live) >= 0.8 * COUNT and len(literal) >= len(live) / 4 and
                    len(with_expr) >= len(live) / 4 else 'too few: %d planned, %d literal, '
                    '%d with expressions' % (len(live), len(literal), len(with_expr))))
    # The reading agrees with the generator's intent where that is plain:
    # a whole interpolation is one expression, each literal is literal.
    whole = [s for s in (interp() for _ in range(600))
             if re.search(r'(var|local|path|terraform)\.|[a-z]\(', s)][:300]
    wrong = [s for s, g in zip(whole, segments(whole)) if g != [['e', s]]]
    # The generator can break its own interpolation (a comment's quote
    # inside a string ends the string): one terraform cannot read
    # either is not batchgen's mistake.
    unread = []
    for s in wrong:
        try:
            got, refused_ = evaluate({s}, work, env)
        except SystemExit:
            continue
        if s in got or not re.search(
                r'Invalid expression|Unterminated|Invalid character|Missing|'
                r'Unclosed|Extra characters|Invalid template|Invalid multi-line|'
                r'Argument or block|Invalid reference|Invalid "path"', refused_.get(s, '')):
            unread.append(s)
    wrong = unread
    wrong += [s for s, g in zip(LITERALS, segments(LITERALS)) if g != [['t', s]]]
    results.append(('%d interpolations read as expressions, %d literals as literal'
                    % (len(whole), len(LITERALS)), repr(wrong[:8]) if wrong else None))
    plans = {}
    for label, value_of, fmt in (('baseline', placeholder, 'json'),
                                 ('json', lambda i: batch.strings[i], 'json'),
                                 ('hcl', lambda i: batch.strings[i], 'hcl')):
        mod = os.path.join(work, label)
        os.makedirs(mod)
        spec = os.path.join(mod, 'spec.json')
        with open(spec, 'w') as f:
            json.dump(fill(batch, value_of, skip), f, ensure_ascii=False)
        out = os.path.join(mod, 'main.tf' if fmt == 'hcl' else 'main.tf.json')
        p = run([BIN, 'render', spec, '--format', fmt, '-o', out], text=True)
        os.unlink(spec)
        if p.returncode != 0:
            failed = [x for x in p.stderr.splitlines() if ': error: ' in x] or [p.stderr[-2000:]]
            results.append(('render %s' % label, 'exit %d: %s' % (p.returncode, '\n'.join(failed[:10]))))
            continue
        with open(os.path.join(mod, 'vars.tf.json'), 'w') as f:
            json.dump(module_vars(), f)
        plan, problem = tfenv.plan(mod, env)
        results.append(('terraform validates and plans the %s rendering' % label,
                        errors(problem) if problem else None))
        if plan is not None:
            plans[label] = resources(plan)
    if len(plans) == 3:
        expect_all = {i: expect.get(i, placeholder(i)) for i in range(len(batch.strings))}
        for fmt in ('json', 'hcl'):
            bad = []
            compare(plans['baseline'], plans[fmt], expect_all, fmt, bad)
            results.append(('every string plans to what batchgen read, nothing else differs '
                            'from the baseline (%s, %d resources)' % (fmt, len(plans[fmt])),
                            '\n'.join(bad[:20]) or None))
        literal_bad = [i for i in verbatim
                   if expect[i] != unicodedata.normalize('NFC', batch.strings[i])]
        results.append(('%d strings read as all literal plan to exactly the input'
                        % len(verbatim), None if not literal_bad else repr(literal_bad[:5])))
        results.append(('the JSON and HCL plans are equal',
                        None if plans['json'] == plans['hcl'] else 'they differ'))
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(report(results, 'seed %d' % SEED))


main()
