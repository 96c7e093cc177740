#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile input: each case must end with a clear error (exit 1 or 3 and
# an "error:" line) or correct output (exit 0), within 60 seconds and
# 1 GiB of peak memory (GNU time), never a crash. Prints TAP.
#   test-hostile.sh BATCHGEN
set -u
unset BATCHGEN_TEMPLATE_PATH
bin=$(realpath "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/bg-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

python3 - <<'PY'
import json
job = 'jobs:\n  - name: j\n    template: simple-container\n    image: "app:1"\n'
def w(name, data, mode='w'):
    with open(name, mode) as f:
        f.write(data)
w('long-string.yaml', job + '    user: "' + 'u' * (1 << 20) + '"\n')
w('long-key.yaml', job + '    ' + 'k' * (1 << 20) + ': 1\n')
w('deep-flow.yaml', 'jobs: ' + '[' * 100000 + ']' * 100000 + '\n')
w('deep-block.yaml', 'jobs:\n' + ''.join('  ' * i + '- \n' for i in range(2000)))
w('deep-tags.yaml', job + '    tags: ' + '{a: ' * 5000 + '1' + '}' * 5000 + '\n')
w('alias-bomb.yaml', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' +
  ''.join('%s: &%s [%s]\n' % (c, c, ', '.join(['*' + p] * 10))
          for p, c in zip('abcdefgh', 'bcdefghi')) + 'jobs: [{name: j, command: *i}]\n')
w('invalid-utf8.yaml', (job + '    user: "\xff\xfe"\n').encode('latin-1'), 'wb')
w('nul-byte.yaml', (job + '    user: "a\x00b"\n').encode(), 'wb')
w('nul-byte.json', b'{"jobs": [{"name": "a\x00"}]}', 'wb')
w('duplicate-keys.yaml', job + '    image: "b:1"\n    image: "c:1"\n')
w('int-past-64-bits.yaml', job + '    memory: 99999999999999999999999\n')
w('negative.yaml', job + '    memory: -512\n    retry_attempts: -1\n')
w('nan.yaml', job + '    vcpus: .nan\n    memory: .NaN\n')
w('infinite.yaml', job + '    vcpus: .inf\n    timeout_seconds: -.inf\n')
w('float-memory.json', json.dumps({'jobs': [{'name': 'j', 'template': 'simple-container',
                                             'image': 'a', 'memory': 1e400}]}))
w('empty.yaml', '')
w('only-comment.yaml', '# nothing\n')
w('not-a-mapping.yaml', '42\n')
w('multi-document.yaml', job + '---\n' + job)
w('many-jobs.yaml', 'jobs:\n' + ''.join(
    '  - {name: job-%d, template: simple-container, image: "app:1"}\n' % i
    for i in range(100000)))
w('many-errors.yaml', 'jobs:\n' + ''.join(
    '  - {name: "bad %d", template: simple-container, image: "app:1", vcpus: 0}\n' % i
    for i in range(20000)))
PY
mkdir a-directory.yaml

# The 1 GiB bound is checked from GNU time's peak RSS, except in a
# sanitizer build, whose shadow memory is not the program's.
memlimit=1 seconds=60
if ldd "$bin" 2>/dev/null | grep -q 'libasan'; then
	memlimit=0 seconds=600
	echo "# sanitizer build: peak memory not checked, time limit 600 s"
fi
n=0 failed=0
# run NAME EXPECT: EXPECT is ok (exit 0), error (exit 1) or io (exit 3).
run() {
	local file=$1 expect=$2 rc
	n=$((n + 1))
	local t0=$SECONDS rss
	timeout "$seconds" /usr/bin/time -f %M -o rss "$bin" render "$file" >out 2>err
	rc=$?
	rss=$(tail -1 rss 2>/dev/null)
	if [[ $memlimit == 1 && ${rss:-0} -gt 1048576 ]]; then
		echo "not ok $n - $file: peak RSS $rss KiB, more than 1 GiB"
		failed=$((failed + 1))
		return
	fi
	case $expect:$rc in
	ok:0 | error:1 | io:3)
		if [[ $rc != 0 ]] && ! grep -q "error:" err; then
			echo "not ok $n - $file: exit $rc without an error line"
			failed=$((failed + 1))
		else
			echo "ok $n - $file: exit $rc in $((SECONDS - t0)) s ($(head -c 100 err | head -1 | cut -c1-90))"
		fi ;;
	*)
		echo "not ok $n - $file: exit $rc, expected $expect"
		sed 's/^/# /' err | head -5
		failed=$((failed + 1)) ;;
	esac
}
echo "1..22"
run long-string.yaml ok
run long-key.yaml error
run deep-flow.yaml error
run deep-block.yaml error
run deep-tags.yaml error
run alias-bomb.yaml error
run invalid-utf8.yaml error
run nul-byte.yaml error
run nul-byte.json error
run duplicate-keys.yaml error
run int-past-64-bits.yaml error
run negative.yaml error
run nan.yaml error
run infinite.yaml error
run float-memory.json error
run empty.yaml error
run only-comment.yaml error
run not-a-mapping.yaml error
run multi-document.yaml error
run many-jobs.yaml ok
run many-errors.yaml error
run a-directory.yaml io
[[ $failed == 0 ]]
