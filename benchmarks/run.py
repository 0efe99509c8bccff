# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Wall time and request counts of three ways to manage N secrets (a measurement, not a test).

Against the bundled simulator with simulated latency, for the role, a loop of
codespaces_org_secret tasks and a loop of ansible.builtin.uri tasks, each from an empty org:
first run, rerun with update_value=on_create (no change), rerun with update_value=always.
Run it with `make benchmark` (which installs the collection first).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))
from github_simulator import seal, start  # noqa: E402  pylint: disable=wrong-import-position

ORG = 'acme'
TOKEN = 'sim-admin-token'
APPROACHES = ('role', 'module_loop', 'uri_loop')
CASES = (('first run', 'on_create'), ('rerun, no change', 'on_create'), ('rerun, update_value=always', 'always'))


def run_playbook(approach, extra_vars, env):
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as handle:
        json.dump(extra_vars, handle)
    try:
        started = time.monotonic()
        proc = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'),
             os.path.join(ROOT, 'benchmarks', 'playbooks', approach + '.yml'), '-e', '@' + handle.name],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        elapsed = time.monotonic() - started
    finally:
        os.unlink(handle.name)
    if proc.returncode != 0:
        sys.exit('%s failed:\n%s' % (approach, proc.stdout[-3000:]))
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--count', type=int, default=100, help='secrets per run (default 100)')
    parser.add_argument('--latency-ms', type=int, default=50, help='simulated latency per request (default 50)')
    parser.add_argument('--approaches', default=','.join(APPROACHES), help='comma-separated, from ' + ', '.join(APPROACHES))
    args = parser.parse_args()

    print('%d secrets, %d ms simulated latency per request\n' % (args.count, args.latency_ms))
    print('%-12s %-28s %9s %9s %7s' % ('approach', 'case', 'wall (s)', 'requests', 'writes'))
    with start(latency_ms=args.latency_ms) as sim:
        env = dict(os.environ, GITHUB_TOKEN=TOKEN, GITHUB_API_URL=sim.url, ANSIBLE_PYTHON_INTERPRETER=sys.executable)
        for approach in args.approaches.split(','):
            sim.state.reset()
            key = sim.state.snapshot()['orgs'][ORG]['public_key']
            names = ['BENCH_%03d' % i for i in range(args.count)]
            for case, update_value in CASES:
                secrets = [{'name': n, 'value': 'bench-value-' + n, 'visibility': 'all', 'update_value': update_value}
                           for n in names]
                extra_vars = {'bench_org': ORG, 'bench_secrets': secrets, 'bench_update_value': update_value}
                if approach == 'uri_loop':
                    extra_vars.update(bench_key_id=key['key_id'],
                                      bench_sealed=dict((n, seal(key['key'], 'bench-value-' + n)) for n in names))
                sim.state.clear_log()
                elapsed = run_playbook(approach, extra_vars, env)
                log = sim.state.log_entries()
                writes = sum(1 for entry in log if entry['method'] in ('PUT', 'DELETE'))
                print('%-12s %-28s %9.1f %9d %7d' % (approach, case, elapsed, len(log), writes))
                sys.stdout.flush()
            stored = sim.state.snapshot()['orgs'][ORG]['secrets']
            if sorted(stored) != names or any(stored[n]['value'] != 'bench-value-' + n for n in names):
                sys.exit('%s did not leave the %d secrets with their values' % (approach, args.count))


if __name__ == '__main__':
    main()
