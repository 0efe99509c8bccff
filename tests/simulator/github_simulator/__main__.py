"""Command line: python -m github_simulator [--host H] [--port P] [--port-file F] [--pid-file F] [--seed JSON]
[--tls-cert PEM --tls-key PEM | --tls-dir DIR] [--latency-ms N] [--log-file F]."""

import argparse
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import threading

from .server import start
from .pki import make_test_pki


def write_atomically(path, text):
    """Write a temporary file next to path, then rename it: readers never see a partial file."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix='.%s.' % os.path.basename(path))
    try:
        with os.fdopen(fd, 'w', encoding='utf-8') as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        os.unlink(tmp)
        raise


def parse_args(argv):
    parser = argparse.ArgumentParser(prog='github_simulator', description='Local simulator of the GitHub Codespaces org secrets API.')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0 lets the OS choose')
    parser.add_argument('--port-file', help='write the bound port here (atomically)')
    parser.add_argument('--pid-file', help='write the process id here (atomically)')
    parser.add_argument('--seed', help='seed JSON file replacing the default orgs, repositories and tokens')
    parser.add_argument('--tls-cert', help='PEM certificate (serve HTTPS)')
    parser.add_argument('--tls-key', help='PEM private key (if not inside --tls-cert)')
    parser.add_argument('--tls-dir', help='make a test CA (ca.pem) and a server certificate in DIR and serve HTTPS with them')
    parser.add_argument('--latency-ms', type=int, default=0, help='sleep before answering every GitHub route request')
    parser.add_argument('--log-file', help='append one line per request (method, path, status; never bodies or tokens)')
    args = parser.parse_args(argv)
    if args.tls_key and not args.tls_cert:
        parser.error('--tls-key needs --tls-cert')
    if args.tls_dir and args.tls_cert:
        parser.error('--tls-dir makes its own certificate: do not give --tls-cert too')
    if args.latency_ms < 0:
        parser.error('--latency-ms must be >= 0')
    return args


def main(argv=None):
    args = parse_args(argv)
    stopping = threading.Event()

    def on_signal(_signum, _frame):
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        if args.tls_dir:
            _ca, args.tls_cert, args.tls_key = make_test_pki(args.tls_dir)
        handle = start(seed=args.seed, host=args.host, port=args.port, tls_cert=args.tls_cert, tls_key=args.tls_key,
                       latency_ms=args.latency_ms, log_file=args.log_file)
    except (OSError, ValueError, ssl.SSLError, RuntimeError, subprocess.CalledProcessError) as exc:
        sys.stderr.write('github-simulator: cannot start: %s\n' % exc)
        return 1
    written = []
    try:
        for path, text in ((args.pid_file, '%d\n' % os.getpid()), (args.port_file, '%d\n' % handle.port)):
            if path:
                write_atomically(path, text)
                written.append(path)
        sys.stdout.write('github-simulator listening on %s\n' % handle.url)
        sys.stdout.flush()
        while not stopping.wait(0.5):
            pass
    finally:
        handle.stop()
        # A stale port or pid file would point a later run at a dead server.
        for path in written:
            try:
                os.unlink(path)
            except OSError:
                pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
