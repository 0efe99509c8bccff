# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Wall time, requests and changed counts of ways to manage N Actions org secrets (a measurement, not a test).

Against the bundled simulator with simulated latency, on the Actions store, each from an empty store:
the secretops.github.org_secrets role, a loop of secretops.github.org_secret tasks, a loop of the
only Ansible peer, community.general.github_secrets (installed by scripts/benchmark.sh into
.build/benchmark/collections for the benchmark only), and a loop of ansible.builtin.ping tasks, which
sends no request: Ansible's own cost per task, the floor of any loop. Ours run first, rerun with
update_value=on_create and rerun with update_value=always; the peer has no such option (it cannot
compare values) and writes every run. Then a large list (GitHub's 1,000 Actions secrets per org)
through the role, first run and rerun. Run it with `make benchmark`.
"""

import argparse
import collections
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))
from github_simulator import seal, start  # noqa: E402  pylint: disable=wrong-import-position

ORG = 'acme'
STORE = 'actions'
TOKEN = 'sim-admin-token'
PEER = 'peer_loop'
FLOOR = 'floor_loop'  # ansible.builtin.ping: what Ansible itself costs per task, no request
APPROACHES = ('role', 'module_loop', PEER, FLOOR, 'uri_loop')
DEFAULT_APPROACHES = ('role', 'module_loop', PEER, FLOOR)
OURS_CASES = (('first run', 'on_create'), ('rerun', 'on_create'), ('rerun, update_value=always', 'always'))
# Loops are what takes time (about 1 s of CPU per task): they run the two cases the peer is compared on.
CASES = {'role': OURS_CASES, 'module_loop': OURS_CASES[:2], 'uri_loop': OURS_CASES[:2],
         PEER: (('first run', None), ('rerun', None)), FLOOR: (('no request', None),)}
# Which of our cases each peer case is compared with (peer wall / our wall).
RATIO_OF = {'first run': 'first run', 'rerun': 'rerun', 'rerun, update_value=always': 'rerun'}
# The peer's playbook. It lives here, written to a temporary file for each run, and not in playbooks/:
# ansible-lint (make test) lints every playbook of the repository and cannot resolve community.general,
# which is installed for the benchmark only (.build/benchmark/collections).
PEER_PLAYBOOK = """---
- name: Benchmark - a loop of community.general.github_secrets tasks (one task per secret)
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: One secret per iteration
      community.general.github_secrets:
        organization: "{{ bench_org }}"
        key: "{{ item.name }}"
        value: "{{ item.value }}"
        visibility: "{{ item.visibility }}"
        api_url: "{{ lookup('ansible.builtin.env', 'GITHUB_API_URL') }}"
        token: "{{ lookup('ansible.builtin.env', 'GITHUB_TOKEN') }}"
      loop: "{{ bench_secrets }}"
      loop_control:
        label: "{{ item.name }}"
      register: bench_result

    - name: Report how many iterations changed (run.py reads this line)
      ansible.builtin.debug:
        msg: "BENCH_CHANGED={{ bench_result.results | selectattr('changed') | list | length }}"
"""
CHANGED_LINE = re.compile(r'BENCH_CHANGED=(\d+)')
SECRET_PATH = re.compile(r'/secrets/(BENCH_[0-9]+)$')


def run_playbook(approach, extra_vars, env):
    """ansible-playbook -f 1 on one benchmark playbook; (wall seconds, CPU seconds of it and its children, changed count)."""
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as handle:
        json.dump(extra_vars, handle)
    playbook = os.path.join(ROOT, 'benchmarks', 'playbooks', approach + '.yml')
    if approach == PEER:
        with tempfile.NamedTemporaryFile('w', suffix='.yml', delete=False) as peer_handle:
            peer_handle.write(PEER_PLAYBOOK)
        playbook = peer_handle.name
    try:
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        proc = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-f', '1',
             playbook, '-e', '@' + handle.name],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        elapsed = time.monotonic() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        os.unlink(handle.name)
        if approach == PEER:
            os.unlink(playbook)
    changed = CHANGED_LINE.findall(proc.stdout)
    if proc.returncode != 0 or not changed:
        sys.exit('%s failed (rc %d):\n%s' % (approach, proc.returncode, proc.stdout[-3000:]))
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return elapsed, cpu, int(changed[-1])


def requests_summary(log):
    """Total requests and 'GET n, PUT n' of a request log; fails if any request left the Actions store."""
    stray = [e for e in log if e['store'] != STORE]
    if stray:
        sys.exit('requests outside the %s store: %s' % (STORE, ['%s %s' % (e['method'], e['path']) for e in stray[:5]]))
    errors = [e for e in log if e['status'] is None or e['status'] >= 400 and e['status'] != 404]
    if errors:
        sys.exit('requests that failed: %s' % ['%s %s %s' % (e['method'], e['path'], e['status']) for e in errors[:5]])
    methods = collections.Counter(e['method'] for e in log)
    return len(log), ', '.join('%s %d' % (m, methods[m]) for m in sorted(methods))


def per_task(log, latency_s):
    """For a loop (-f 1: one task's requests all come before the next task's): median requests per task,
    milliseconds from a task's first request to the end of its last, and from there to the next task's first.

    Requests are taken in the order they arrived. One that names no secret (the public key, read at the
    same time as the secret) belongs to the task whose secret request arrived nearest to it.
    """
    log = sorted(log, key=lambda e: e['time'])
    named = [(e['time'], SECRET_PATH.search(e['path']).group(1)) for e in log if SECRET_PATH.search(e['path'])]
    if not named:
        return None
    tasks = collections.OrderedDict()
    for entry in log:
        match = SECRET_PATH.search(entry['path'])
        name = match.group(1) if match else min(named, key=lambda n: abs(n[0] - entry['time']))[1]
        tasks.setdefault(name, []).append(entry)
    tasks = list(tasks.values())
    if len(tasks) < 2:
        return None
    spans = [t[-1]['time'] - t[0]['time'] + latency_s for t in tasks]
    gaps = [nxt[0]['time'] - t[0]['time'] - span for t, nxt, span in zip(tasks, tasks[1:], spans)]
    return (statistics.median(len(t) for t in tasks), 1000 * statistics.median(spans), 1000 * statistics.median(gaps))


def check_store(sim, approach, names):
    stored = sim.state.snapshot()['orgs'][ORG]['stores'][STORE]['secrets']
    if sorted(stored) != names or any(stored[n]['value'] != 'bench-value-' + n for n in names):
        sys.exit('%s did not leave the %d secrets with their values in the %s store' % (approach, len(names), STORE))


def run_approach(sim, env, approach, count, latency_s, cases=None):
    """Every case of one approach from an empty store; a list of result rows."""
    sim.state.reset()
    key = sim.state.snapshot()['orgs'][ORG]['stores'][STORE]['public_key']
    names = ['BENCH_%04d' % i for i in range(count)]
    rows = []
    for case, update_value in cases or CASES[approach]:
        secrets = [dict(name=n, value='bench-value-' + n, visibility='all', **({'update_value': update_value} if update_value else {}))
                   for n in names]
        extra_vars = {'bench_org': ORG, 'bench_secrets': secrets, 'bench_update_value': update_value,
                      'ansible_python_interpreter': sys.executable}
        if approach == 'uri_loop':
            extra_vars.update(bench_key_id=key['key_id'],
                              bench_sealed=dict((n, seal(key['key'], 'bench-value-' + n)) for n in names))
        sim.state.clear_log()
        elapsed, cpu, changed = run_playbook(approach, extra_vars, env)
        log = sim.state.log_entries()
        total, methods = requests_summary(log)
        row = dict(approach=approach, count=count, case=case, wall=elapsed, cpu=cpu, requests=total, methods=methods, changed=changed)
        print('  %-12s %5d  %-28s %7.1f s wall %7.1f s CPU %6d requests (%s), %d changed'
              % (approach, count, case, elapsed, cpu, total, methods, changed))
        profile = per_task(log, latency_s) if approach != 'role' else None
        if profile:
            print('  %-12s %5s  %-28s per task (median): %g requests, %.0f ms from its first request to the end of its last, '
                  '%.0f ms more to the next task\'s first' % ('', '', '', profile[0], profile[1], profile[2]))
        sys.stdout.flush()
        rows.append(row)
        if approach == FLOOR:
            if total:
                sys.exit('%s sent %d requests; it must send none' % (approach, total))
        else:
            check_store(sim, approach, names)
    return rows


def ratio(rows, row, key='wall'):
    """Peer wall (or CPU) time over ours, for the peer case this row of ours compares with."""
    peer = [r for r in rows if r['approach'] == PEER and r['count'] == row['count'] and r['case'] == RATIO_OF.get(row['case'])]
    if row['approach'] == PEER or not peer:
        return ''
    return '%.1fx' % (peer[0][key] / row[key])


def print_table(rows):
    print('\n| approach | secrets | case | wall (s) | CPU (s) | requests | by method | changed | peer/ours wall | peer/ours CPU |')
    print('|---|---:|---|---:|---:|---:|---|---:|---:|---:|')
    for row in rows:
        print('| %s | %d | %s | %.1f | %.1f | %d | %s | %d | %s | %s |' % (
            row['approach'], row['count'], row['case'], row['wall'], row['cpu'], row['requests'], row['methods'] or '-',
            row['changed'], ratio(rows, row), ratio(rows, row, 'cpu')))


def print_aims(rows, count, latency_s):
    def find(approach, case, n=count):
        return next((r for r in rows if r['approach'] == approach and r['case'] == case and r['count'] == n), None)

    peer_first, peer_rerun = find(PEER, 'first run'), find(PEER, 'rerun')
    checks = []
    if peer_first and peer_rerun:
        for approach, case, peer, minimum, what in (
                ('role', 'first run', peer_first, 10.0, 'role first run at least 10x faster than the peer'),
                ('role', 'rerun', peer_rerun, 20.0, 'role rerun at least 20x faster than the peer'),
                ('module_loop', 'first run', peer_first, 1.0, 'org_secret loop first run at least as fast as the peer'),
                ('module_loop', 'rerun', peer_rerun, 1.5, 'org_secret loop rerun clearly (1.5x) faster than the peer')):
            ours = find(approach, case)
            if ours:
                got = peer['wall'] / ours['wall']
                checks.append((got >= minimum, '%s: %.1fx' % (what, got)))
    for n in sorted(set(r['count'] for r in rows)):
        rerun = find('role', 'rerun', n)
        if rerun:
            pages = -(-n // 100)
            checks.append((rerun['requests'] == pages,
                           'role rerun of %d secrets makes %d request(s) (one per 100): %d' % (n, pages, rerun['requests'])))
    if checks:
        print('\nAims:')
        for met, text in checks:
            print('  %-7s %s' % ('MET' if met else 'NOT MET', text))
    floor, ours = find(FLOOR, 'no request'), find('module_loop', 'rerun')
    if floor and ours and peer_rerun:
        # A rerun task needs at least one round trip: the fastest any one-task-per-secret loop can be.
        best = floor['wall'] + count * latency_s
        above = 1000 * (ours['wall'] - best) / count
        print('\nFloor: a loop of %d ansible.builtin.ping tasks takes %.1f s; with one round trip per task, at least '
              '%.1f s, %.1fx faster than the peer\'s rerun at most. The org_secret rerun takes %.1f s, %.0f ms per task '
              'above that floor.' % (count, floor['wall'], best, peer_rerun['wall'] / best, ours['wall'], above))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--count', type=int, default=100, help='secrets per run (default 100)')
    parser.add_argument('--large-count', type=int, default=1000,
                        help='secrets for the role-only large run (default 1000, the Actions limit; 0 skips it)')
    parser.add_argument('--latency-ms', type=int, default=50, help='simulated latency per request (default 50)')
    parser.add_argument('--approaches', default=','.join(DEFAULT_APPROACHES),
                        help='comma-separated, from %s (default %s)' % (', '.join(APPROACHES), ','.join(DEFAULT_APPROACHES)))
    parser.add_argument('--peer-collections', default=os.path.join(ROOT, '.build', 'benchmark', 'collections'),
                        help='collections path that holds community.general (scripts/benchmark.sh installs it there)')
    args = parser.parse_args()
    approaches = [a for a in args.approaches.split(',') if a]
    unknown = sorted(set(approaches) - set(APPROACHES))
    if unknown:
        parser.error('unknown approaches %s' % ', '.join(unknown))
    peer_manifest = os.path.join(args.peer_collections, 'ansible_collections', 'community', 'general', 'MANIFEST.json')
    if PEER in approaches:
        if not os.path.exists(peer_manifest):
            sys.exit('community.general is not in %s: run scripts/benchmark.sh (make benchmark), which installs it'
                     % args.peer_collections)
        with open(peer_manifest) as handle:
            peer_version = json.load(handle)['collection_info']['version']
    started = time.monotonic()
    print('%s store, %d ms simulated latency per request, ansible-playbook -f 1%s; load average %s on %d CPUs\n'
          % (STORE, args.latency_ms, ', peer community.general %s' % peer_version if PEER in approaches else '',
             '/'.join('%.1f' % x for x in os.getloadavg()), os.cpu_count()))

    collections_path = [p for p in os.environ.get('ANSIBLE_COLLECTIONS_PATH', '').split(os.pathsep) if p]
    env = dict(os.environ, GITHUB_TOKEN=TOKEN, ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_COLLECTIONS_PATH=os.pathsep.join(collections_path + [args.peer_collections]))
    rows = []
    with start(latency_ms=args.latency_ms) as sim:
        env['GITHUB_API_URL'] = sim.url
        for approach in approaches:
            rows.extend(run_approach(sim, env, approach, args.count, args.latency_ms / 1000.0))
        if args.large_count:
            rows.extend(run_approach(sim, env, 'role', args.large_count, args.latency_ms / 1000.0, OURS_CASES[:2]))
    print_table(rows)
    print_aims(rows, args.count, args.latency_ms / 1000.0)
    print('\nTotal wall time: %.0f s; load average at the end %s on %d CPUs'
          % (time.monotonic() - started, '/'.join('%.1f' % x for x in os.getloadavg()), os.cpu_count()))


if __name__ == '__main__':
    main()
