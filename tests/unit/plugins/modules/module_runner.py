"""Run a module's main() in-process the way Ansible does, and return what it printed."""

import contextlib
import json
from unittest.mock import patch

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common import warnings
from ansible.module_utils.common.parameters import PASS_VARS
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.secretops.github.tests.unit.plugins.helpers import ADMIN_TOKEN

try:
    from ansible.module_utils import _internal as module_internal  # ansible-core 2.19+
except ImportError:
    module_internal = None

try:
    from ansible.module_utils.testing import patch_module_args  # ansible-core 2.19+
except ImportError:
    @contextlib.contextmanager
    def patch_module_args(args):
        with patch.object(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args}))):
            yield


def run_module(main, capsys, args, check_mode=False, diff=False):
    """Call main() with args; return (result dict, stdout text). Never asserts on success or failure."""
    args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff,
                _ansible_remote_tmp='/tmp', _ansible_keep_remote_files=False)
    if 'inject_invocation' in PASS_VARS:
        # ansible-core 2.21+ returns `invocation` only when asked (ANSIBLE_INJECT_INVOCATION); ask, so the
        # tests see it and prove it masked, as earlier versions always return it.
        args['_ansible_inject_invocation'] = True
    capsys.readouterr()
    # Warnings are process-global in ansible-core; a real module process starts without any.
    warnings._global_warnings.clear()
    warnings._global_deprecations.clear()
    with contextlib.ExitStack() as stack:
        if getattr(module_internal, 'is_controller', False):
            # Once controller code is imported, 2.19 sends module warnings to the controller's display;
            # a real module runs in its own process, where they go into the result.
            stack.enter_context(patch.object(module_internal, 'is_controller', False))
        stack.enter_context(patch_module_args(args))
        with pytest.raises(SystemExit):
            main()
    out = capsys.readouterr().out
    return json.loads(out), out


def warning_texts(result):
    """Warning messages as text: plain strings before ansible-core 2.19, structured events since."""
    return [w['event']['msg'] if isinstance(w, dict) else w for w in result.get('warnings', [])]


def module_runner(main, sim, capsys, secrets=(), **defaults):
    """run(check_mode=False, diff=False, **args) -> result of main() against ``sim``.

    The arguments are the connection to the simulator (org acme, the admin token), then ``defaults``
    (for example the store), then ``args``; an argument given as None is left out. Whatever the
    result, the output must hold neither the token nor any of ``secrets``.
    """
    def run(check_mode=False, diff=False, **args):
        full = dict(dict(org='acme', token=ADMIN_TOKEN, api_url=sim.url), **defaults)
        full.update(args)
        full = dict((key, value) for key, value in full.items() if value is not None)
        result, out = run_module(main, capsys, full, check_mode=check_mode, diff=diff)
        assert ADMIN_TOKEN not in out
        assert not [secret for secret in secrets if secret in out]
        return result
    return run
