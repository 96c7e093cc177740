#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The render benchmark, side by side in one run: specs of 1, 1,000,
# 10,000 and 100,000 jobs (bench/gen_spec.py), and for each
#   batchgen render and batchgen validate of the YAML spec;
#   the floor of the stack (bench/floor.c: one libyaml event parse of
#   the spec and the writing of as many bytes as batchgen writes);
#   the script a user would write (bench/baseline.py: PyYAML's C loader
#   and json.dump, no checks);
#   cdktf synth, when `cdktf` is installed (it is not a Debian package).
# Each is measured as CPU (user + sys, best of --runs) and peak RSS
# (GNU time, package 'time'), and the goals of the performance issue
# are printed for the largest size, each met or not. Not a test:
# numbers depend on the machine.
#   python3 bench/run.py BATCHGEN --floor BG_FLOOR [--runs N]
#                        [--sizes 1,1000,...] [--before OTHER_BATCHGEN]
#                        [--profile N]
# --before runs a second build (an earlier commit) on the same specs in
# the same run, and prints its columns beside. --profile N counts the
# instructions of the floor and of one render and one validate of N
# jobs with callgrind (valgrind), for each build, and the share spent in
# the allocator (malloc, free, calloc, realloc and glibc's helpers).
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cmd, runs):
    """The best CPU time (user + sys, s) of runs, with its wall time and
    peak RSS (MiB), from GNU time (the 'time' package): a child spawned
    by Python would count Python's own memory as its peak. None when the
    command fails."""
    best = None
    with tempfile.NamedTemporaryFile(mode='r') as stats:
        for _ in range(runs):
            start = time.perf_counter()
            status = subprocess.call(['/usr/bin/time', '-f', '%U %S %M', '-o', stats.name] + cmd,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            if status != 0:
                return None
            stats.seek(0)
            user, sys_, rss = stats.read().split()[-3:]
            m = {'cpu': float(user) + float(sys_), 'wall': wall, 'rss': int(rss) / 1024.0}
            if best is None or m['cpu'] < best['cpu']:
                best = m
    return best


def cell(m):
    return '%7.2f s %6.0f MiB' % (m['cpu'], m['rss']) if m else '%18s' % 'n/a'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('batchgen')
    ap.add_argument('--floor', required=True, help='bench/floor.c, built (build/bench/bg-floor)')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--sizes', default='1,1000,10000,100000')
    ap.add_argument('--before', help='an earlier batchgen, run side by side')
    ap.add_argument('--profile', type=int, default=0,
                    help='callgrind one render of N jobs (instructions, allocator share)')
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(',')]
    work = tempfile.mkdtemp(prefix='bg-bench.')
    cdktf = shutil.which('cdktf')
    print('CPU = user + sys, best of %d runs (1 above 10,000 jobs); RSS = peak' % args.runs)
    print('%8s  %-18s  %-18s  %-18s  %-18s  %s' % (
        'jobs', 'render', 'validate', 'floor', 'PyYAML script', 'render/floor  validate/floor  '
        'PyYAML/render'))
    last = None
    for n in sizes:
        prefix = os.path.join(work, 'spec-%d' % n)
        subprocess.check_call([sys.executable, os.path.join(HERE, 'gen_spec.py'),
                               str(n), prefix])
        runs = args.runs if n <= 10000 else 1
        out = prefix + '.tf.json'
        with open(out, 'wb') as f:
            subprocess.check_call([args.batchgen, 'render', prefix + '.yaml'], stdout=f)
        size = os.path.getsize(out)
        os.remove(out)
        r = measure([args.batchgen, 'render', prefix + '.yaml'], runs)
        v = measure([args.batchgen, 'validate', prefix + '.yaml'], runs)
        fl = measure([args.floor, prefix + '.yaml', str(size)], runs)
        py = measure([sys.executable, os.path.join(HERE, 'baseline.py'), prefix + '.yaml'], runs)
        print('%8d  %s  %s  %s  %s  %6.1fx %14.1fx %14s' % (
            n, cell(r), cell(v), cell(fl), cell(py), r['cpu'] / max(fl['cpu'], 0.005),
            v['cpu'] / max(fl['cpu'], 0.005),
            '%.1fx' % (py['cpu'] / max(r['cpu'], 0.005)) if py else 'n/a'))
        if args.before:
            br = measure([args.before, 'render', prefix + '.yaml'], runs)
            bv = measure([args.before, 'validate', prefix + '.yaml'], runs)
            print('  before  %s  %s  (render CPU %+.1f%%)' % (
                cell(br), cell(bv), 100 * (r['cpu'] - br['cpu']) / max(br['cpu'], 0.005)))
        last = (n, r, v, fl, py)
        for ext in ('.yaml', '.json'):
            os.remove(prefix + ext)
    if last is not None and last[0] >= 10000:
        n, r, v, fl, py = last
        print()
        print('Goals at %d jobs (the performance issue):' % n)
        goals = [
            ('render CPU <= 3x the floor', r['cpu'] / fl['cpu'], 3.0, 'le'),
            ('validate CPU <= 2x the floor', v['cpu'] / fl['cpu'], 2.0, 'le'),
            ('render peak RSS <= 1.5x the floor', r['rss'] / fl['rss'], 1.5, 'le'),
            ('render >= 10x faster than the PyYAML script',
             py['cpu'] / r['cpu'] if py else None, 10.0, 'ge'),
        ]
        for text, got, want, how in goals:
            if got is None:
                print('  %-46s not measured' % text)
                continue
            met = got <= want if how == 'le' else got >= want
            print('  %-46s %6.2fx  %s' % (text, got, 'met' if met else 'NOT MET'))
        print('  %-46s %s' % ('render >= 60x faster than cdktf at 10,000 jobs',
                              'not measured: cdktf is not installed' if cdktf is None else
                              'cdktf found, but synth of the same jobs is not scripted here'))
    if args.profile:
        prefix = os.path.join(work, 'spec-profile')
        subprocess.check_call([sys.executable, os.path.join(HERE, 'gen_spec.py'),
                               str(args.profile), prefix])
        out = prefix + '.tf.json'
        with open(out, 'wb') as f:
            subprocess.check_call([args.batchgen, 'render', prefix + '.yaml'], stdout=f)
        size = os.path.getsize(out)
        os.remove(out)
        floor, _ = profile([args.floor, prefix + '.yaml', str(size)], work)
        print('callgrind, %d jobs, YAML: floor %.3f G instructions' % (
            args.profile, floor / 1e9))
        for label, binary in [('after', args.batchgen)] + (
                [('before', args.before)] if args.before else []):
            for command in ('render', 'validate'):
                total, alloc = profile([binary, command, prefix + '.yaml'], work)
                print('callgrind, %d jobs, YAML, %-6s %-8s %6.3f G instructions (%.2fx the '
                      'floor), allocator %4.1f%%' % (
                          args.profile, label, command, total / 1e9, total / floor,
                          100.0 * alloc / total))
        for ext in ('.yaml', '.json'):
            os.remove(prefix + ext)
    shutil.rmtree(work, ignore_errors=True)


ALLOCATOR = ('malloc', 'free', 'calloc', 'realloc', '_int_malloc', '_int_free',
             '_int_realloc', 'malloc_consolidate', 'unlink_chunk', 'tcache',
             'alloc_perturb', 'sysmalloc', 'cfree')


def profile(cmd, work):
    """Instructions of one run of cmd, and those spent in the allocator
    (self cost of glibc's malloc family)."""
    out = os.path.join(work, 'callgrind.out')
    subprocess.check_call(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + out] + cmd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = subprocess.run(['callgrind_annotate', '--threshold=100', out],
                          capture_output=True, text=True, check=True).stdout
    os.remove(out)
    total = alloc = 0
    for line in text.splitlines():
        parts = line.split()
        if not parts or not parts[0].replace(',', '').isdigit():
            continue
        ir = int(parts[0].replace(',', ''))
        if 'PROGRAM TOTALS' in line:
            total = ir
            continue
        fn = line.rsplit(':', 1)[-1].split()[0] if ':' in line else ''
        fn = fn.split('(')[0].split("'")[0]
        if fn in ALLOCATOR or fn.startswith('__libc_') and 'alloc' in fn:
            alloc += ir
    return total, alloc


if __name__ == '__main__':
    main()
