"""Request and response objects, and the validation errors, shared by the API, control, state and apps modules."""

import json
import time
from urllib.parse import unquote

DOC_ROOT = 'https://docs.github.com/rest'
JSON_TYPE = 'application/json; charset=utf-8'


class ApiError(Exception):
    """An error answered as GitHub does: JSON with message and documentation_url.

    doc_url None means "the documentation of the route that raised it"; the router fills it in.
    """

    def __init__(self, status, message, doc_url=None, errors=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.doc_url = doc_url
        self.errors = errors
        self.headers = dict(headers or {})

    def to_response(self, default_doc=DOC_ROOT):
        body = {'message': self.message, 'documentation_url': self.doc_url or default_doc}
        if self.errors:
            body['errors'] = self.errors
        return Response.json(self.status, body, self.headers)


class Response:
    """A status, headers and an optional body (bytes, sent with Content-Length)."""

    def __init__(self, status, body=None, headers=None, content_type=None):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})
        self.content_type = content_type

    @classmethod
    def json(cls, status, payload, headers=None):
        data = json.dumps(payload, separators=(',', ':')).encode('utf-8')
        return cls(status, data, headers, JSON_TYPE)

    @classmethod
    def empty(cls, status, headers=None):
        return cls(status, None, headers)


def parse_json(body, require_object=True, doc_url=None):
    """Parse a request body strictly: no NaN/Infinity, no duplicate keys.

    Anything that is not JSON -> 400 "Problems parsing JSON"; JSON that is not an object -> 422.
    """
    def no_constants(name):
        raise ValueError('invalid constant %s' % name)

    def no_duplicates(pairs):
        obj = {}
        for key, value in pairs:
            if key in obj:
                raise _DuplicateKey(key)
            obj[key] = value
        return obj

    try:
        text = body.decode('utf-8')
        if not text.strip():
            raise ValueError('empty body')
        value = json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except _DuplicateKey as exc:
        raise ApiError(422, "Invalid request.\n\nDuplicate key '%s' in the JSON body." % exc.args[0], doc_url) from None
    except ValueError:
        raise ApiError(400, 'Problems parsing JSON', doc_url) from None
    if require_object and not isinstance(value, dict):
        raise ApiError(422, 'Invalid request.\n\nThe request body must be a JSON object.', doc_url)
    return value


class _DuplicateKey(Exception):
    pass


class Request:
    """What the routers need to know about one HTTP request."""

    def __init__(self, method, path, raw_query, headers, body, scheme, host, api_prefix=False):
        self.method = method
        self.path = path  # raw path, without the /api/v3 prefix and without the query
        self.raw_query = raw_query
        self.headers = headers
        self.body = body
        self.scheme = scheme
        self.host = host
        self.api_prefix = api_prefix
        self.query_pairs = parse_query(raw_query)
        self.query = dict(self.query_pairs)
        self.segments = split_path(path)
        self.auth_scheme, self.token = parse_authorization(headers.get('Authorization'))

    @property
    def web_base(self):
        return '%s://%s' % (self.scheme, self.host)

    @property
    def api_base(self):
        return self.web_base + ('/api/v3' if self.api_prefix else '')

    def header(self, name):
        return self.headers.get(name)


def split_path(path):
    """Split the raw path on '/' and percent-decode each segment on its own.

    Returns None when a segment is not valid UTF-8 after decoding (no route can match it).
    """
    segments = []
    for raw in path.split('/')[1:]:
        try:
            segments.append(unquote(raw, errors='strict'))
        except UnicodeDecodeError:
            return None
    return segments


def parse_query(raw_query):
    pairs = []
    for part in raw_query.split('&') if raw_query else []:
        if not part:
            continue
        name, _sep, value = part.partition('=')
        pairs.append((unquote(name.replace('+', ' ')), unquote(value.replace('+', ' '))))
    return pairs


def parse_authorization(value):
    """Return (scheme, token) for 'Bearer T' / 'token T'; ('other', None) for anything else."""
    if value is None:
        return None, None
    scheme, _sep, token = value.strip().partition(' ')
    token = token.strip()
    lowered = scheme.lower()
    if lowered == 'bearer' and token:
        return 'Bearer', token
    if lowered == 'token' and token:
        return 'token', token
    return 'other', None


# ----- shared helpers: timestamps and validation errors (422) ------------------------------------

def iso8601(timestamp):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(timestamp))


def invalid(field, message, code='invalid', resource='Secret'):
    return ApiError(422, message, errors=[{'resource': resource, 'field': field, 'code': code, 'message': message}])


def is_json_int(value):
    # bool is a subclass of int, but true/false are not repository ids.
    return isinstance(value, int) and not isinstance(value, bool)


def check_keys(obj, allowed, what):
    if not isinstance(obj, dict):
        raise invalid(what, '%s must be a JSON object' % what, resource='Simulator')
    unknown = sorted(set(obj) - set(allowed))
    if unknown:
        raise invalid(unknown[0], '%s: unknown keys %s (allowed: %s)' % (what, ', '.join(unknown), ', '.join(allowed)), resource='Simulator')
