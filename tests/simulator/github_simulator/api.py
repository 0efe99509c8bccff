"""GitHub routes: version check, routing, pagination, and GitHub-shaped JSON (who may call what is auth.py).

The nine secret routes exist once per store of stores.STORES (``/orgs/{org}/{store}/secrets...``);
the GitHub App routes (``GET /app``, ``GET /orgs/{org}/installation``, ``POST
/app/installations/{installation_id}/access_tokens``) take an App JWT only.
Without a prefix this is GitHub.com (API versions 2022-11-28 and 2026-03-10); under ``/api/v3`` it
is GitHub Enterprise Server up to 3.20: only 2022-11-28, and no store whose ``on_ghes`` is false
(its routes do not exist there: 404 as for any unknown path).
"""

import base64
import math
import re
from urllib.parse import quote, unquote

from .apps import downscope
from .auth import authenticate
from .state import check_permitted
from .stores import STORES
from .wire import DOC_ROOT, ApiError, Response, iso8601, parse_json

SUPPORTED_VERSIONS = ('2022-11-28', '2026-03-10')  # GitHub.com (no prefix)
GHES_VERSIONS = ('2022-11-28',)  # GitHub Enterprise Server up to 3.20 (/api/v3)
VERSION_DOC = 'https://docs.github.com/rest/about-the-rest-api/api-versions'
REPOS_DOC = 'https://docs.github.com/rest/repos/repos#'
ORGS_DOC = 'https://docs.github.com/rest/orgs/orgs#'
APPS_DOC = 'https://docs.github.com/rest/apps/apps#'
METADATA = 'metadata'  # the App permission of the repository routes
DEFAULT_PER_PAGE = 30
MAX_PER_PAGE = 100


class Context:
    """One request being answered: the state, the request, its principal (auth.py), the route's doc URL and store."""

    def __init__(self, state, req, principal, doc, store=None):
        self.state = state
        self.req = req
        self.principal = principal
        self.doc = doc
        self.store = store

    def org(self, login):
        org = self.state.get_org(login)
        if org is None:
            raise ApiError(404, 'Not Found')
        return org

    def secret_store(self, login):
        """The org's SecretStore of this route's store; a store not on the org's plan is as missing as the org."""
        org = self.org(login)
        if self.store not in org.available_stores:
            raise ApiError(404, 'Not Found')
        return org.stores[self.store]

    def body(self):
        return parse_json(self.req.body)

    def can_see(self, repo):
        return self.principal.can_see(repo)

    def paginate(self, items):
        """One page of items and the headers (Link) for it."""
        per_page = min(self._page_param('per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE)
        page = self._page_param('page', 1)
        last = max(1, math.ceil(len(items) / per_page))
        chunk = items[(page - 1) * per_page:page * per_page]
        rels = []
        if page > 1:
            rels.append((page - 1, 'prev'))
        if page < last:
            rels.extend([(page + 1, 'next'), (last, 'last')])
        if page > 1:
            rels.append((1, 'first'))
        headers = {}
        if rels:
            headers['Link'] = ', '.join('<%s>; rel="%s"' % (self._page_url(per_page, n), rel) for n, rel in rels)
        return chunk, headers

    def _page_param(self, name, default):
        values = [v for k, v in self.req.query_pairs if k == name]
        if not values:
            return default
        if len(values) > 1:
            raise ApiError(422, 'Invalid request.\n\n%s was given more than once.' % name)
        if not re.fullmatch(r'[0-9]+', values[0]) or int(values[0]) < 1:
            raise ApiError(422, "Invalid request.\n\n%s must be a positive integer, got '%s'." % (name, values[0]))
        return int(values[0])

    def _page_url(self, per_page, page):
        # Keep the client's other query parameters as they were sent; per_page and page go last.
        others = [part for part in self.req.raw_query.split('&')
                  if part and unquote(part.partition('=')[0].replace('+', ' ')) not in ('per_page', 'page')]
        query = '&'.join(others + ['per_page=%d' % per_page, 'page=%d' % page])
        return '%s%s?%s' % (self.req.api_base, self.req.path, query)

    def api_url(self, *segments):
        return self.req.api_base + ''.join('/' + quote(str(s), safe='') for s in segments)

    def web_url(self, *segments):
        return self.req.web_base + ''.join('/' + quote(str(s), safe='') for s in segments)


# ----- JSON shapes ---------------------------------------------------------------------------------

def node_id(kind, number):
    # GitHub's legacy global node ids: base64 of "010:Repository1296269".
    prefix = {'Repository': '010', 'Organization': '012', 'App': '03'}[kind]
    return base64.b64encode(('%s:%s%d' % (prefix, kind, number)).encode('ascii')).decode('ascii')


OWNER_URLS = (
    ('followers_url', '/followers'), ('following_url', '/following{/other_user}'), ('gists_url', '/gists{/gist_id}'),
    ('starred_url', '/starred{/owner}{/repo}'), ('subscriptions_url', '/subscriptions'), ('organizations_url', '/orgs'),
    ('repos_url', '/repos'), ('events_url', '/events{/privacy}'), ('received_events_url', '/received_events'),
)
REPO_URLS = (
    ('archive_url', '/{archive_format}{/ref}'), ('assignees_url', '/assignees{/user}'), ('blobs_url', '/git/blobs{/sha}'),
    ('branches_url', '/branches{/branch}'), ('collaborators_url', '/collaborators{/collaborator}'),
    ('comments_url', '/comments{/number}'), ('commits_url', '/commits{/sha}'), ('compare_url', '/compare/{base}...{head}'),
    ('contents_url', '/contents/{+path}'), ('contributors_url', '/contributors'), ('deployments_url', '/deployments'),
    ('downloads_url', '/downloads'), ('events_url', '/events'), ('forks_url', '/forks'),
    ('git_commits_url', '/git/commits{/sha}'), ('git_refs_url', '/git/refs{/sha}'), ('git_tags_url', '/git/tags{/sha}'),
    ('hooks_url', '/hooks'), ('issue_comment_url', '/issues/comments{/number}'), ('issue_events_url', '/issues/events{/number}'),
    ('issues_url', '/issues{/number}'), ('keys_url', '/keys{/key_id}'), ('labels_url', '/labels{/name}'),
    ('languages_url', '/languages'), ('merges_url', '/merges'), ('milestones_url', '/milestones{/number}'),
    ('notifications_url', '/notifications{?since,all,participating}'), ('pulls_url', '/pulls{/number}'),
    ('releases_url', '/releases{/id}'), ('stargazers_url', '/stargazers'), ('statuses_url', '/statuses/{sha}'),
    ('subscribers_url', '/subscribers'), ('subscription_url', '/subscription'), ('tags_url', '/tags'), ('teams_url', '/teams'),
    ('trees_url', '/git/trees{/sha}'),
)


def owner_json(ctx, org):
    url = ctx.api_url('users', org.login)
    owner = {
        'login': org.login,
        'id': org.id,
        'node_id': node_id('Organization', org.id),
        'avatar_url': ctx.web_url('avatars', org.login),
        'gravatar_id': '',
        'url': url,
        'html_url': ctx.web_url(org.login),
    }
    owner.update((key, url + suffix) for key, suffix in OWNER_URLS)
    owner.update(type='Organization', site_admin=False)
    return owner


def repo_json(ctx, org, repo):
    url = ctx.api_url('repos', org.login, repo.name)
    data = {
        'id': repo.id,
        'node_id': node_id('Repository', repo.id),
        'name': repo.name,
        'full_name': '%s/%s' % (org.login, repo.name),
        'owner': owner_json(ctx, org),
        'private': repo.private,
        'visibility': repo.visibility,
        'html_url': ctx.web_url(org.login, repo.name),
        'description': None,
        'fork': False,
        'url': url,
    }
    data.update((key, url + suffix) for key, suffix in REPO_URLS)
    data.update({
        'archived': False,
        'disabled': False,
        'default_branch': 'main',
        'created_at': iso8601(repo.created_at),
        'updated_at': iso8601(repo.created_at),
        'pushed_at': iso8601(repo.created_at),
    })
    return data


def secret_json(ctx, store, secret):
    data = {
        'name': secret.name,
        'created_at': iso8601(secret.created_at),
        'updated_at': iso8601(secret.updated_at),
        'visibility': secret.visibility,
    }
    if secret.visibility == 'selected':
        data['selected_repositories_url'] = ctx.api_url('orgs', store.org.login, store.name, 'secrets', secret.name, 'repositories')
    return data


def app_json(ctx, app):
    return {
        'id': app.id,
        'slug': app.slug,
        'node_id': node_id('App', app.id),
        'client_id': app.client_id,
        'owner': None,  # the simulator does not model who owns an App
        'name': app.slug,
        'description': None,
        'external_url': ctx.web_url('apps', app.slug),
        'html_url': ctx.web_url('apps', app.slug),
        'created_at': iso8601(app.created_at),
        'updated_at': iso8601(app.created_at),
        'permissions': app.permissions,
        'events': [],
        'installations_count': len(app.installations),
    }


def installation_json(ctx, installation):
    org = installation.org
    suspended = installation.suspended_at
    return {
        'id': installation.id,
        'account': owner_json(ctx, org),
        'repository_selection': installation.repository_selection,
        'access_tokens_url': ctx.api_url('app', 'installations', installation.id, 'access_tokens'),
        'repositories_url': ctx.api_url('installation', 'repositories'),
        'html_url': ctx.web_url('organizations', org.login, 'settings', 'installations', installation.id),
        'app_id': installation.app.id,
        'client_id': installation.app.client_id,
        'app_slug': installation.app.slug,
        'target_id': org.id,
        'target_type': 'Organization',
        'permissions': dict(installation.permissions),
        'events': [],
        'created_at': iso8601(installation.created_at),
        'updated_at': iso8601(installation.created_at),
        'single_file_name': None,
        'has_multiple_single_files': False,
        'single_file_paths': [],
        'suspended_by': None,
        'suspended_at': iso8601(suspended) if suspended is not None else None,
    }


# ----- handlers ------------------------------------------------------------------------------------

def get_app(ctx):
    return Response.json(200, app_json(ctx, ctx.principal.app))


def get_org_installation(ctx, org):
    org = ctx.org(org)
    installation = ctx.principal.app.installations.get(org.login.lower())
    if installation is None:
        raise ApiError(404, 'Not Found')
    return Response.json(200, installation_json(ctx, installation))


def create_installation_token(ctx, installation_id):
    installation = ctx.state.apps.installations.get(int(installation_id)) if installation_id.isdigit() else None
    if installation is None or installation.app is not ctx.principal.app:
        raise ApiError(404, 'Not Found')
    if installation.suspended_at is not None:
        raise ApiError(403, 'This installation has been suspended')
    body = ctx.body() if ctx.req.body.strip() else {}
    check_permitted(body, ('permissions', 'repositories', 'repository_ids'))
    if 'repositories' in body or 'repository_ids' in body:
        raise ApiError(422, 'The simulator mints tokens for all repositories of an installation only: '
                            'repositories and repository_ids are not supported.')
    permissions = downscope(installation.permissions, body.get('permissions'))
    token, record = ctx.state.apps.mint(installation, permissions, ctx.state.config['installation_token_ttl'])
    return Response.json(201, {
        'token': token,
        'expires_at': iso8601(record.expires_at),
        'permissions': record.permissions,
        'repository_selection': installation.repository_selection,
    })


def get_org(ctx, org):
    org = ctx.org(org)
    return Response.json(200, {
        'login': org.login,
        'id': org.id,
        'node_id': node_id('Organization', org.id),
        'url': ctx.api_url('orgs', org.login),
        'repos_url': ctx.api_url('orgs', org.login, 'repos'),
        'html_url': ctx.web_url(org.login),
        'avatar_url': ctx.web_url('avatars', org.login),
        'description': None,
        'type': 'Organization',
    })


def list_org_repos(ctx, org):
    org = ctx.org(org)
    repos, headers = ctx.paginate([r for r in org.sorted_repos() if ctx.can_see(r)])
    return Response.json(200, [repo_json(ctx, org, r) for r in repos], headers)


def get_repo(ctx, owner, repo):
    org = ctx.org(owner)
    found = org.find_repo(repo)
    if found is None or not ctx.can_see(found):
        raise ApiError(404, 'Not Found')
    return Response.json(200, repo_json(ctx, org, found))


def list_secrets(ctx, org):
    store = ctx.secret_store(org)
    visible = ctx.state.list_secrets(store)
    page, headers = ctx.paginate(visible)
    return Response.json(200, {'total_count': len(visible), 'secrets': [secret_json(ctx, store, s) for s in page]}, headers)


def get_public_key(ctx, org):
    return Response.json(200, ctx.secret_store(org).public_key)


def get_secret(ctx, org, name):
    store = ctx.secret_store(org)
    secret = ctx.state.find_secret(store, name, read=True)
    if secret is None:
        raise ApiError(404, 'Not Found')
    return Response.json(200, secret_json(ctx, store, secret))


def put_secret(ctx, org, name):
    if not ctx.state.put_secret(ctx.secret_store(org), name, ctx.body()):
        return Response.empty(204)
    created_body = ctx.state.config['created_body']
    if created_body == 'empty':
        return Response.empty(201)
    return Response.json(201, None if created_body == 'null' else {})


def delete_secret(ctx, org, name):
    if not ctx.state.delete_secret(ctx.secret_store(org), name):
        raise ApiError(404, 'Not Found')
    return Response.empty(204)


def list_secret_repos(ctx, org, name):
    store = ctx.secret_store(org)
    secret = ctx.state.selected_secret(store, name)
    repos = store.org.sorted_repos(secret.selected)
    page, headers = ctx.paginate(repos)
    return Response.json(200, {'total_count': len(repos), 'repositories': [repo_json(ctx, store.org, r) for r in page]}, headers)


def set_secret_repos(ctx, org, name):
    ctx.state.set_secret_repositories(ctx.secret_store(org), name, ctx.body())
    return Response.empty(204)


def add_secret_repo(ctx, org, name, repo_id):
    ctx.state.change_secret_repository(ctx.secret_store(org), name, repo_id, add=True)
    return Response.empty(204)


def remove_secret_repo(ctx, org, name, repo_id):
    ctx.state.change_secret_repository(ctx.secret_store(org), name, repo_id, add=False)
    return Response.empty(204)


class Route:
    def __init__(self, method, pattern, handler, doc, store=None, permission=None, app=False):
        self.method = method
        self.pattern = tuple(pattern.strip('/').split('/'))
        self.handler = handler
        self.doc = doc
        self.store = store  # the secret store of a secret route, else None
        # The App permission an installation token needs (read for GET, write otherwise), else None.
        self.permission = STORES[store].app_permission if store is not None else permission
        self.app = app  # an App route: App JWTs only
        self.params = sum(1 for p in self.pattern if p.startswith('{'))

    def match(self, segments):
        if len(segments) != len(self.pattern):
            return None
        params = {}
        for want, got in zip(self.pattern, segments):
            if want.startswith('{'):
                if not got:
                    return None
                params[want[1:-1]] = got
            elif want != got:
                return None
        return params

    def served(self, ghes):
        return not ghes or self.store is None or STORES[self.store].on_ghes


# The nine secret routes of every store: method, path after /orgs/{org}/{store}/secrets, handler, doc anchor.
SECRET_ROUTES = (
    ('GET', '', list_secrets, 'list-organization-secrets'),
    ('GET', '/public-key', get_public_key, 'get-an-organization-public-key'),
    ('GET', '/{name}', get_secret, 'get-an-organization-secret'),
    ('PUT', '/{name}', put_secret, 'create-or-update-an-organization-secret'),
    ('DELETE', '/{name}', delete_secret, 'delete-an-organization-secret'),
    ('GET', '/{name}/repositories', list_secret_repos, 'list-selected-repositories-for-an-organization-secret'),
    ('PUT', '/{name}/repositories', set_secret_repos, 'set-selected-repositories-for-an-organization-secret'),
    ('PUT', '/{name}/repositories/{repo_id}', add_secret_repo, 'add-selected-repository-to-an-organization-secret'),
    ('DELETE', '/{name}/repositories/{repo_id}', remove_secret_repo, 'remove-selected-repository-from-an-organization-secret'),
)
ROUTES = (
    Route('GET', '/orgs/{org}', get_org, ORGS_DOC + 'get-an-organization'),
    Route('GET', '/orgs/{org}/repos', list_org_repos, REPOS_DOC + 'list-organization-repositories', permission=METADATA),
    Route('GET', '/repos/{owner}/{repo}', get_repo, REPOS_DOC + 'get-a-repository', permission=METADATA),
    Route('GET', '/app', get_app, APPS_DOC + 'get-the-authenticated-app', app=True),
    Route('GET', '/orgs/{org}/installation', get_org_installation, APPS_DOC + 'get-an-organization-installation-for-the-authenticated-app',
          app=True),
    Route('POST', '/app/installations/{installation_id}/access_tokens', create_installation_token,
          APPS_DOC + 'create-an-installation-access-token-for-an-app', app=True),
) + tuple(Route(method, '/orgs/{org}/%s/secrets%s' % (store, suffix), handler, rules.doc + anchor, store)
          for store, rules in STORES.items() for method, suffix, handler, anchor in SECRET_ROUTES)


def find_route(method, segments, ghes=False):
    """The route and its parameters, or (None, None). Literal segments win over parameters.

    ghes: the /api/v3 prefix, where the routes of stores GHES lacks do not exist.
    """
    if segments is None:
        return None, None
    matches = [(route, params) for route in ROUTES if route.served(ghes) for params in [route.match(segments)] if params is not None]
    if not matches:
        return None, None
    fewest = min(route.params for route, _params in matches)
    for route, params in matches:
        if route.params == fewest and route.method == method:
            return route, params
    return None, None


def store_of(segments):
    """The store whose secret routes have this path (any method, any prefix), else None: for the request log."""
    if segments is not None:
        for route in ROUTES:
            if route.store is not None and route.match(segments) is not None:
                return route.store
    return None


def handle(state, req):
    """Answer one GitHub route request (faults are the server's business)."""
    route = None
    headers = {'X-GitHub-Media-Type': 'github.v3; format=json'}
    try:
        supported = GHES_VERSIONS if req.api_prefix else SUPPORTED_VERSIONS
        version = req.header('X-GitHub-Api-Version')
        if version is not None and version not in supported:
            raise ApiError(400, "Unsupported 'X-GitHub-Api-Version' header value '%s'. The supported versions are %s."
                           % (version, ', '.join(supported)), VERSION_DOC)
        headers['X-GitHub-Api-Version-Selected'] = version or supported[0]
        principal = authenticate(state, req)
        route, params = find_route(req.method, req.segments, ghes=req.api_prefix)
        if route is None:
            raise ApiError(404, 'Not Found', DOC_ROOT)
        principal.authorize(route, params, req.method, headers)
        with state.lock:
            response = route.handler(Context(state, req, principal, route.doc, route.store), **params)
    except ApiError as err:
        response = err.to_response(route.doc if route else DOC_ROOT)
    for key, value in headers.items():
        response.headers.setdefault(key, value)
    return response
