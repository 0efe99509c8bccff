"""Who calls a GitHub route, and whether they may: personal tokens, installation tokens and App JWTs.

``authenticate`` turns the Authorization header into a principal (or a 401); the principal's
``authorize`` decides on one route (401/403/404, adding GitHub's headers). The kinds, as
``auth_kind`` in the request log:

- ``token``: a personal token (classic) with OAuth scopes: the secret routes need ``admin:org``
  (403 ``Resource not accessible by personal access token``, header ``X-Accepted-OAuth-Scopes``);
  without ``repo`` private repositories are not seen. Not accepted on the App routes.
- ``installation``: an installation token (``ghs_...``, ``Bearer`` or ``token``), until it expires
  (then 401 ``Bad credentials``). Only on its installation's org (another org: 404 ``Not Found``);
  a route's permission (the store's ``app_permission``, ``metadata`` for repositories) must be
  ``read`` for GET, ``write`` otherwise: 403 ``Resource not accessible by integration`` with
  ``X-Accepted-GitHub-Permissions: <permission>=<level>`` (sent on every answer of such a route).
- ``jwt``: an App's JWT (``Bearer`` only; checked as in apps.py), on the App routes only: elsewhere
  401 ``A JSON web token cannot be used for this request``. Personal and installation tokens on an
  App route: 401 ``A JSON web token could not be decoded``.
- ``none``: no Authorization header, or one of another scheme (401 ``Requires authentication`` /
  ``Bad credentials``).
"""

from .apps import JWT_UNDECODABLE, TOKEN_PREFIX, looks_like_jwt
from .wire import DOC_ROOT, ApiError

ADMIN_SCOPE = 'admin:org'
JWT_NOT_HERE = 'A JSON web token cannot be used for this request'


def auth_kind(state, req):
    """token / installation / jwt / none, from the credential's kind (valid or not), never the credential."""
    if req.token is None:
        return 'none'
    if state.token_scopes(req.token) is not None:
        return 'token'
    if req.token.startswith(TOKEN_PREFIX):
        return 'installation'
    return 'jwt' if looks_like_jwt(req.token) else 'token'


def authenticate(state, req):
    """The principal of the request's credential; 401 when there is none or it is not valid."""
    if req.auth_scheme is None:
        raise ApiError(401, 'Requires authentication', DOC_ROOT)
    token = req.token
    if token is not None:
        scopes = state.token_scopes(token)
        if scopes is not None:
            return PersonalToken(scopes)
        record = state.apps.find_token(token)
        if record is not None and not record.expired():
            return Installation(record)
        if record is None and req.auth_scheme == 'Bearer' and looks_like_jwt(token):
            return AppJwt(state.apps.authenticate_jwt(token))
    raise ApiError(401, 'Bad credentials', DOC_ROOT)


def level_for(method):
    return 'read' if method == 'GET' else 'write'


class PersonalToken:
    kind = 'token'

    def __init__(self, scopes):
        self.scopes = scopes

    def authorize(self, route, _params, _method, headers):
        if route.app:
            raise ApiError(401, JWT_UNDECODABLE, DOC_ROOT)
        if route.store is not None:
            headers['X-Accepted-OAuth-Scopes'] = ADMIN_SCOPE
            if ADMIN_SCOPE not in self.scopes:
                raise ApiError(403, 'Resource not accessible by personal access token')

    def can_see(self, repo):
        # Classic tokens without the repo scope do not see private repositories (GitHub answers 404).
        return not repo.private or 'repo' in self.scopes


class Installation:
    kind = 'installation'

    def __init__(self, record):
        self.token = record
        self.installation = record.installation

    def authorize(self, route, params, method, headers):
        if route.app:
            raise ApiError(401, JWT_UNDECODABLE, DOC_ROOT)
        owner = params.get('org', params.get('owner'))
        if owner is not None and owner.lower() != self.installation.org.login.lower():
            raise ApiError(404, 'Not Found')
        if route.permission is not None:
            level = level_for(method)
            headers['X-Accepted-GitHub-Permissions'] = '%s=%s' % (route.permission, level)
            if not self.token.allows(route.permission, level):
                raise ApiError(403, 'Resource not accessible by integration')

    def can_see(self, _repo):
        # Installations here cover all repositories of their org (repository_selection "all").
        return True


class AppJwt:
    kind = 'jwt'

    def __init__(self, app):
        self.app = app

    def authorize(self, route, _params, _method, _headers):
        # So an App JWT never reaches a handler that asks can_see.
        if not route.app:
            raise ApiError(401, JWT_NOT_HERE, DOC_ROOT)
