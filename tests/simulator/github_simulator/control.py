"""The /_simulator/* control routes: introspection, reset, seeding, configuration and faults.

No auth, JSON in and out, never logged in the request log and never subject to faults. Routes
that concern one secret store take an optional "store" (default codespaces, the first store).
POST /apps answers an App's private_key_pem (tests sign JWTs with it); no GitHub route ever does.
"""

from .apps import installation_summary
from .stores import DEFAULT_STORE
from .wire import DOC_ROOT, ApiError, Response, check_keys, invalid, parse_json


def _org(server, login):
    org = server.state.get_org(login)
    if org is None:
        raise ApiError(404, 'Organization %s does not exist in the simulator' % login)
    return org


def _repo_summary(org, repo):
    return {'id': repo.id, 'name': repo.name, 'full_name': '%s/%s' % (org.login, repo.name), 'private': repo.private}


def health(_server, _req):
    return Response.json(200, {'ok': True})


def get_state(server, _req):
    return Response.json(200, server.state.snapshot())


def get_requests(server, _req):
    return Response.json(200, {'requests': server.state.log_entries()})


def get_ciphertexts(server, _req):
    with server.state.lock:
        return Response.json(200, {'ciphertexts': list(server.state.ciphertexts)})


def clear_requests(server, _req):
    server.state.clear_log()
    return Response.empty(204)


def reset(server, _req):
    server.faults.clear()
    server.state.reset()
    return Response.json(200, {'ok': True})


def create_org(server, req):
    body = parse_json(req.body)
    check_keys(body, ('login', 'id', 'repositories', 'repo_prefix', 'stores'), 'org')
    with server.state.lock:
        org = server.state.add_org(body.get('login'), body.get('id'), body.get('repositories', []),
                                   repo_prefix=body.get('repo_prefix', 'repo'), stores=body.get('stores'))
        return Response.json(201, {
            'login': org.login,
            'id': org.id,
            'public_key': org.stores[DEFAULT_STORE].public_key,
            'public_keys': {name: store.public_key for name, store in org.stores.items()},
            'available_stores': list(org.available_stores),
            'repositories': [_repo_summary(org, r) for r in org.sorted_repos()],
        })


def add_repos(server, req, org):
    body = parse_json(req.body)
    check_keys(body, ('names', 'count', 'prefix', 'private'), 'repos')
    with server.state.lock:
        org = _org(server, org)
        if 'names' in body:
            if 'count' in body or 'prefix' in body:
                raise invalid('names', 'give either names or count (+ prefix)', resource='Repository')
            names = body['names']
        else:
            names = server.state.numbered_repo_names(org, body.get('prefix', 'repo'), body.get('count'))
        if not isinstance(names, list):
            raise invalid('names', 'names must be a list', resource='Repository')
        specs = names
        if 'private' in body:
            specs = [{'name': n, 'private': body['private']} if isinstance(n, str) else n for n in names]
        created = server.state.add_repositories(org, specs)
        return Response.json(201, {'repositories': [_repo_summary(org, r) for r in created]})


def seed_secrets(server, req, org):
    body = parse_json(req.body)
    check_keys(body, ('secrets', 'store'), 'secrets')
    with server.state.lock:
        org = _org(server, org)
        stored = server.state.seed_secrets(org, body.get('secrets'), body.get('store'))
        return Response.json(201, {'secrets': [
            {'store': store, 'name': s.name, 'visibility': s.visibility, 'selected_repository_ids': sorted(s.selected)}
            for store, s in stored]})


def rotate_key(server, req, org):
    body = parse_json(req.body) if req.body.strip() else {}
    check_keys(body, ('store',), 'rotate-key')
    with server.state.lock:
        return Response.json(200, server.state.rotate_key(_org(server, org), body.get('store', DEFAULT_STORE)))


def add_token(server, req):
    body = parse_json(req.body)
    check_keys(body, ('token', 'scopes'), 'token')
    server.state.add_token(body.get('token'), body.get('scopes', []))
    # The token itself is not echoed.
    return Response.json(201, {'scopes': body.get('scopes', [])})


def create_app(server, req):
    """An App; the answer includes its private_key_pem (a test fixture: never in a GitHub route)."""
    app = server.state.apps.add_app(parse_json(req.body) if req.body.strip() else {})
    with server.state.lock:
        return Response.json(201, {'id': app.id, 'slug': app.slug, 'client_id': app.client_id,
                                   'private_key_pem': app.private_key_pem, 'installations': []})


def install_app(server, req, app_id):
    app = server.state.apps.get_app(int(app_id)) if app_id.isdigit() else None
    if app is None:
        raise ApiError(404, 'App %s does not exist in the simulator' % app_id)
    return Response.json(201, installation_summary(server.state.install_app(app, parse_json(req.body))))


def get_config(server, _req):
    with server.state.lock:
        return Response.json(200, dict(server.state.config))


def set_config(server, req):
    return Response.json(200, server.state.update_config(parse_json(req.body)))


def get_faults(server, _req):
    return Response.json(200, server.faults.describe())


def put_faults(server, req):
    server.faults.configure(parse_json(req.body))
    return Response.json(200, server.faults.describe())


def clear_faults(server, _req):
    server.faults.clear()
    return Response.empty(204)


def add_fault_rule(server, req):
    return Response.json(201, server.faults.add_rule(parse_json(req.body)))


ROUTES = (
    ('GET', ('health',), health),
    ('GET', ('state',), get_state),
    ('GET', ('requests',), get_requests),
    ('GET', ('ciphertexts',), get_ciphertexts),
    ('DELETE', ('requests',), clear_requests),
    ('POST', ('reset',), reset),
    ('POST', ('orgs',), create_org),
    ('POST', ('orgs', '{org}', 'repos'), add_repos),
    ('POST', ('orgs', '{org}', 'secrets'), seed_secrets),
    ('POST', ('orgs', '{org}', 'rotate-key'), rotate_key),
    ('POST', ('tokens',), add_token),
    ('POST', ('apps',), create_app),
    ('POST', ('apps', '{app_id}', 'installations'), install_app),
    ('GET', ('config',), get_config),
    ('POST', ('config',), set_config),
    ('GET', ('faults',), get_faults),
    ('PUT', ('faults',), put_faults),
    ('DELETE', ('faults',), clear_faults),
    ('POST', ('faults', 'rules'), add_fault_rule),
)


def handle(server, req):
    """req.segments starts with '_simulator'."""
    segments = (req.segments or [])[1:]
    try:
        for method, pattern, handler in ROUTES:
            if method != req.method or len(pattern) != len(segments):
                continue
            params = {}
            for want, got in zip(pattern, segments):
                if want.startswith('{'):
                    params[want[1:-1]] = got
                elif want != got:
                    break
            else:
                return handler(server, req, **params)
        raise ApiError(404, 'Not Found')
    except ApiError as err:
        return err.to_response(DOC_ROOT)
