#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The render benchmark: generates specs of 1, 1,000, 10,000 and 100,000
# jobs and, side by side, renders each with batchgen (YAML and JSON
# spec) and with the baseline (bench/baseline.py: Python's json.dump,
# no validation). Reports wall time (best of --runs) and peak RSS of
# each run (GNU time, package 'time'). Not a test: numbers depend on the
# machine.
#   python3 bench/run.py BATCHGEN [--runs N] [--sizes 1,1000,...]
#                        [--before OTHER_BATCHGEN] [--profile N]
# --before runs a second build (an earlier commit) on the same specs in
# the same run, and prints its columns beside. --profile N counts the
# instructions of one render of N jobs with callgrind (valgrind), for
# each build, and the share spent in the allocator (malloc, free,
# calloc, realloc and glibc's helpers).
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cmd, runs):
    """Best wall time and the peak RSS (MiB) of that run. The RSS comes
    from GNU time (the 'time' package): a child spawned by Python would
    count Python's own memory as its peak."""
    best = None
    with tempfile.NamedTemporaryFile(mode='r') as rss_file:
        for _ in range(runs):
            start = time.perf_counter()
            status = subprocess.call(['/usr/bin/time', '-f', '%M', '-o', rss_file.name] + cmd,
                                     stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            if status != 0:
                sys.exit('failed: %s' % ' '.join(cmd))
            rss_file.seek(0)
            rss = int(rss_file.read().split()[-1]) / 1024.0
            if best is None or wall < best[0]:
                best = (wall, rss)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('batchgen')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--sizes', default='1,1000,10000,100000')
    ap.add_argument('--before', help='an earlier batchgen, run side by side')
    ap.add_argument('--profile', type=int, default=0,
                    help='callgrind one render of N jobs (instructions, allocator share)')
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(',')]
    work = tempfile.mkdtemp(prefix='bg-bench.')
    print('%8s  %-22s %-22s %-22s %s' % (
        'jobs', 'batchgen (YAML spec)', 'batchgen (JSON spec)',
        'baseline (json.dump)', 'speed-up'))
    for n in sizes:
        prefix = os.path.join(work, 'spec-%d' % n)
        subprocess.check_call([sys.executable, os.path.join(HERE, 'gen_spec.py'),
                               str(n), prefix])
        runs = args.runs if n <= 10000 else 1
        if args.before:
            by = measure([args.before, 'render', prefix + '.yaml'], runs)
            bj = measure([args.before, 'render', prefix + '.json'], runs)
        y = measure([args.batchgen, 'render', prefix + '.yaml'], runs)
        j = measure([args.batchgen, 'render', prefix + '.json'], runs)
        b = measure([sys.executable, os.path.join(HERE, 'baseline.py'),
                     prefix + '.json'], runs)
        print('%8d  %7.3f s %7.1f MiB   %7.3f s %7.1f MiB   %7.3f s %7.1f MiB   %5.1fx' % (
            n, y[0], y[1], j[0], j[1], b[0], b[1], b[0] / y[0]))
        if args.before:
            print('  before  %7.3f s %7.1f MiB   %7.3f s %7.1f MiB   (YAML %+.1f%%, JSON %+.1f%%)' % (
                by[0], by[1], bj[0], bj[1], 100 * (y[0] - by[0]) / by[0],
                100 * (j[0] - bj[0]) / bj[0]))
        for ext in ('.yaml', '.json'):
            os.remove(prefix + ext)
    if args.profile:
        prefix = os.path.join(work, 'spec-profile')
        subprocess.check_call([sys.executable, os.path.join(HERE, 'gen_spec.py'),
                               str(args.profile), prefix])
        for label, binary in [('after', args.batchgen)] + (
                [('before', args.before)] if args.before else []):
            total, alloc = profile(binary, prefix + '.yaml', work)
            print('callgrind, %d jobs, YAML, %-6s %6.3f G instructions, allocator %4.1f%%' % (
                args.profile, label, total / 1e9, 100.0 * alloc / total))
        for ext in ('.yaml', '.json'):
            os.remove(prefix + ext)
    os.rmdir(work)


ALLOCATOR = ('malloc', 'free', 'calloc', 'realloc', '_int_malloc', '_int_free',
             '_int_realloc', 'malloc_consolidate', 'unlink_chunk', 'tcache',
             'alloc_perturb', 'sysmalloc', 'cfree')


def profile(binary, spec, work):
    """Instructions of one render, and those spent in the allocator
    (self cost of glibc's malloc family)."""
    out = os.path.join(work, 'callgrind.out')
    subprocess.check_call(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + out,
                           binary, 'render', spec], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
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
