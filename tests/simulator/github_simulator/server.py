"""HTTP plumbing: keep-alive, TLS, request bodies, the /api/v3 prefix, faults, the request log and the file log.

The /api/v3 prefix is stripped here and passed on as Request.api_prefix: api.py answers it as
GitHub Enterprise Server.
"""

import json
import os
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import api, auth, control
from .faults import Faults, random_error_response
from .seed import load_seed_file
from .state import State
from .stores import DEFAULT_STORE
from .wire import DOC_ROOT, Request, Response

API_PREFIX = '/api/v3'
CONTROL_PREFIX = '/_simulator'
# A 48 KB value is about 66 KB of base64 ciphertext; anything far beyond that is a client bug.
MAX_BODY = 1024 * 1024


class BodyError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def redact(value):
    """The body as logged: every encrypted_value replaced, at any depth."""
    if isinstance(value, dict):
        return {k: '<redacted>' if k == 'encrypted_value' else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def _where(exc):
    # Type and location only: an exception message could carry request data.
    frames = traceback.extract_tb(exc.__traceback__)
    location = '%s:%s' % (os.path.basename(frames[-1].filename), frames[-1].lineno) if frames else '?'
    return '%s at %s' % (type(exc).__name__, location)


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'github-simulator'
    disable_nagle_algorithm = True  # headers and body go out in separate writes; avoid 40 ms delayed-ACK stalls
    timeout = 300  # idle keep-alive connections are dropped after this

    def setup(self):
        super().setup()
        if self.server.tls:
            # Handshake in the connection's own thread, so a slow client never blocks accept().
            self.connection.do_handshake()
        self.server.track(self.connection, add=True)

    def finish(self):
        self.server.track(self.connection, add=False)
        try:
            super().finish()
        except OSError:
            pass

    def version_string(self):
        return self.server_version

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        self.server.file_log('error ' + (format % args))

    def log_request(self, code='-', size='-'):
        path = (getattr(self, 'path', '') or '').partition('?')[0]
        self.server.file_log('%s %s %s' % (getattr(self, 'command', '-'), path, getattr(code, 'value', code)))

    def do_GET(self):  # pylint: disable=invalid-name
        self._dispatch()

    do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET  # unknown methods are 404s, not 501s

    # ----- request handling ------------------------------------------------------------------

    def _dispatch(self):
        started = time.time()
        path, _sep, raw_query = self.path.partition('?')
        is_control = path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + '/')
        try:
            body = self._read_body()
        except BodyError as exc:
            self.close_connection = True
            response = Response.json(exc.status, {'message': exc.message, 'documentation_url': DOC_ROOT})
            if not is_control:
                entry = self._log_entry(self._github_request(path, raw_query, b''), started)
                entry['status'] = exc.status
                self.server.state.append_log(entry)
            self._send(response)
            return
        try:
            if is_control:
                self._send(control.handle(self.server, self._request(path, raw_query, body, False)))
            else:
                self._github(self._github_request(path, raw_query, body), started)
        except OSError:
            # The client went away (reset, timeout, TLS EOF): nothing left to answer.
            self.close_connection = True
        except Exception as exc:  # pylint: disable=broad-exception-caught
            # A simulator bug must not look like a network failure: answer 500 and say where.
            where = _where(exc)
            self.server.file_log('internal error: ' + where)
            sys.stderr.write('github-simulator internal error: %s\n' % where)
            self.close_connection = True
            self._send(Response.json(500, {'message': 'Simulator internal error: ' + where, 'documentation_url': DOC_ROOT}))

    def _read_body(self):
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            return self._read_chunked()
        if self.headers.get('Transfer-Encoding'):
            raise BodyError(400, 'Unsupported Transfer-Encoding')
        length = self.headers.get('Content-Length')
        if length is None:
            return b''
        if not length.strip().isdigit():
            raise BodyError(400, 'Invalid Content-Length')
        length = int(length)
        if length > MAX_BODY:
            raise BodyError(413, 'Request body too large')
        data = self.rfile.read(length)
        if len(data) != length:
            raise ConnectionError('client closed the connection mid-body')
        return data

    def _read_chunked(self):
        chunks = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b';', 1)[0].strip(), 16)
            except ValueError:
                raise BodyError(400, 'Invalid chunked encoding') from None
            if size == 0:
                while self.rfile.readline(1024) not in (b'\r\n', b'\n', b''):
                    pass
                return b''.join(chunks)
            total += size
            if total > MAX_BODY:
                raise BodyError(413, 'Request body too large')
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _request(self, path, raw_query, body, api_prefix):
        host = self.headers.get('Host') or '%s:%s' % self.server.server_address[:2]
        return Request(self.command, path, raw_query, self.headers, body, 'https' if self.server.tls else 'http', host, api_prefix)

    def _github_request(self, path, raw_query, body):
        prefixed = path == API_PREFIX or path.startswith(API_PREFIX + '/')
        return self._request((path[len(API_PREFIX):] or '/') if prefixed else path, raw_query, body, prefixed)

    def _github(self, req, started):
        server = self.server
        entry = self._log_entry(req, started)
        latency = server.base_latency + server.faults.latency()
        if latency:
            time.sleep(latency)
        rule = server.faults.pick(req.method, req.path)
        response = None
        if rule is not None:
            entry['fault'] = rule.action
            if rule.when == 'before':
                response = self._apply_fault(rule, entry, req)
                if rule.action == 'reset':
                    return
        else:
            status = server.faults.random_error()
            if status is not None:
                entry['fault'] = 'error_rate'
                response = random_error_response(status)
        if response is None:
            response = api.handle(server.state, req)
            if rule is not None and rule.when == 'after':
                # The state has changed; the client gets the fault instead (a lost response).
                response = self._apply_fault(rule, entry, req) or response
                if rule.action == 'reset':
                    return
        scopes = server.state.token_scopes(req.token) if req.token else None
        # Personal and installation tokens have their own rate limit window; anything else shares one.
        known = scopes is not None or (req.token is not None and server.state.apps.find_token(req.token) is not None)
        headers = server.state.rate_limit_headers(req.token if known else None)
        if scopes is not None:
            headers['X-OAuth-Scopes'] = ', '.join(scopes)
        headers['X-GitHub-Request-Id'] = uuid.uuid4().hex[:16].upper()
        headers.update(response.headers)
        response.headers = headers
        entry['status'] = response.status
        server.state.append_log(entry)
        self._send(response)

    def _apply_fault(self, rule, entry, req):
        """Delay or rotate the key (then None: answer normally), reset the connection (None), or the fault's response."""
        if rule.action == 'delay':
            time.sleep(rule.delay)
            return None
        if rule.action == 'rotate_key':
            # The key pair of the request's store (Codespaces off the store routes) changes just before this
            # request: a key rotated under a client.
            segments = req.segments or []
            org = self.server.state.get_org(segments[1]) if len(segments) > 1 and segments[0] == 'orgs' else None
            store = api.store_of(req.segments) or DEFAULT_STORE
            if org is not None and store in org.available_stores:
                self.server.state.rotate_key(org, store)
            return None
        if rule.action == 'reset':
            self.server.state.append_log(entry)
            self._abort()
            return None
        return rule.response()

    def _abort(self):
        # SO_LINGER 0 then close: the kernel sends RST, the client sees a connection reset.
        sock = self.connection
        self.close_connection = True
        self.server.track(sock, add=False)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            os.close(sock.detach())
        except OSError:
            pass

    def _log_entry(self, req, started):
        try:
            body = redact(json.loads(req.body.decode('utf-8'))) if req.body else None
        except ValueError:
            body = None
        return {
            'seq': None,
            'time': started,
            'method': req.method,
            'path': req.path,
            'api_prefix': req.api_prefix,
            'store': api.store_of(req.segments),
            'query': dict(req.query_pairs),
            'status': None,
            'body': body,
            'api_version': req.header('X-GitHub-Api-Version'),
            'user_agent': req.header('User-Agent'),
            'accept': req.header('Accept'),
            'authorization_scheme': req.auth_scheme if req.auth_scheme in ('Bearer', 'token') else None,
            'auth_kind': auth.auth_kind(self.server.state, req),
            'fault': None,
        }

    def _send(self, response):
        self.send_response(response.status)
        for key, value in response.headers.items():
            self.send_header(key, value)
        body = response.body or b''
        if response.body is not None and response.content_type:
            self.send_header('Content-Type', response.content_type)
        if response.status >= 200 and response.status not in (204, 304):
            self.send_header('Content-Length', str(len(body)))
        if self.close_connection:
            self.send_header('Connection', 'close')
        self.end_headers()
        if body and self.command != 'HEAD':
            self.wfile.write(body)
        self.wfile.flush()


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, state, ssl_context=None, latency_ms=0, log_file=None):
        if ':' in address[0]:
            self.address_family = socket.AF_INET6
        self.state = state
        self.faults = Faults()
        self.tls = ssl_context is not None
        self.base_latency = latency_ms / 1000.0
        self.log_file = log_file
        self._log_lock = threading.Lock()
        self._connections = set()
        self._conn_lock = threading.Lock()
        super().__init__(address, Handler)
        if ssl_context is not None:
            self.socket = ssl_context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    def server_bind(self):
        # HTTPServer.server_bind would call socket.getfqdn(), a DNS lookup that can stall for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if not isinstance(exc, (OSError, ssl.SSLError)):
            self.file_log('connection error: ' + _where(exc))

    def track(self, sock, add):
        with self._conn_lock:
            if add:
                self._connections.add(sock)
            else:
                self._connections.discard(sock)

    def close_connections(self):
        """Drop kept-alive connections, so nothing is answered after stop()."""
        with self._conn_lock:
            connections = list(self._connections)
            self._connections.clear()
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def file_log(self, line):
        if not self.log_file:
            return
        with self._log_lock:
            with open(self.log_file, 'a', encoding='utf-8') as handle:
                handle.write('%s %s\n' % (time.strftime('%Y-%m-%dT%H:%M:%S'), line))


class SimulatorHandle:
    """A running simulator: url, state (the live State), faults, stop(); also a context manager."""

    def __init__(self, server, thread):
        self.server = server
        self.thread = thread
        self.state = server.state
        self.faults = server.faults
        self.host, self.port = server.server_address[:2]
        host = {'0.0.0.0': '127.0.0.1', '': '127.0.0.1', '::': '::1'}.get(self.host, self.host)
        if ':' in host:
            host = '[%s]' % host
        self.url = '%s://%s:%d' % ('https' if server.tls else 'http', host, self.port)
        self._stopped = False

    def stop(self):
        if self._stopped:
            return
        self._stopped = True
        self.server.shutdown()
        self.server.close_connections()
        self.server.server_close()
        self.thread.join(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def start(seed=None, host='127.0.0.1', port=0, tls_cert=None, tls_key=None, latency_ms=0, log_file=None):
    """Start a simulator serving in a daemon thread; seed is a seed dict, a path to a seed JSON file, or None (default)."""
    if isinstance(seed, (str, os.PathLike)):
        seed = load_seed_file(seed)
    state = State(seed)
    context = None
    if tls_cert or tls_key:
        if not tls_cert:
            raise ValueError('tls_key needs tls_cert')
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls_cert, tls_key)
    server = SimulatorServer((host, port), state, context, latency_ms, log_file)
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05}, name='github-simulator', daemon=True)
    thread.start()
    return SimulatorHandle(server, thread)
