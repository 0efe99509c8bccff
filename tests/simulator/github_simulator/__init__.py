"""A local, stateful, strict simulator of GitHub's organization secrets REST API: the Codespaces,
Actions and Dependabot stores (``/orgs/{org}/{store}/secrets``), each with its own key pair.

Command line (PYTHONPATH=tests/simulator):
    python -m github_simulator [--host 127.0.0.1] [--port 0] [--port-file F] [--pid-file F] [--seed SEED.json]
                               [--tls-cert PEM [--tls-key PEM]] [--latency-ms N] [--log-file F]

In-process:
    with start() as sim:            # sim.url, sim.state (live State), sim.faults, sim.stop()
        ...
    make_jwt(app_pem, app_id, iat=None, exp=None, alg='RS256')   # an App JWT, good or bad (apps.py)

GitHub routes are served at / (GitHub.com) and under /api/v3 (GitHub Enterprise Server up to 3.20:
no Codespaces store, API version 2022-11-28 only). What differs between stores is the table in
stores.py. Tokens of the default seed: sim-admin-token
(admin:org, repo) and sim-readonly-token (repo, read:org). GitHub Apps (apps.py) authenticate
with JWTs on the App routes and mint installation tokens whose permissions auth.py enforces on
every route. Test control (no auth, never logged):
/_simulator/health, state, requests, reset, orgs, orgs/{org}/repos, orgs/{org}/secrets,
orgs/{org}/rotate-key, tokens, apps, apps/{id}/installations, config, faults, faults/rules; see control.py.
"""

from .apps import make_jwt
from .sealing import seal
from .server import SimulatorHandle, start
from .state import State

__all__ = ['SimulatorHandle', 'State', 'make_jwt', 'seal', 'start']
