# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""The one error hierarchy of the client.

Modules translate these to ``fail_json`` and the lookup to ``AnsibleLookupError``;
nothing here knows about Ansible. No error ever carries a secret value, a
ciphertext or a token: callers pass names, paths and GitHub's own messages only.
"""


def shown(value, limit=60):
    """A user's (never secret) value for a message: its repr in ASCII, so no control character or
    odd Unicode reaches the output, and bounded in length."""
    text = ascii(value)
    return text if len(text) <= limit else text[:limit - 3] + '...'


class GitHubError(Exception):
    """Base class. ``str(error)`` is the complete, user-facing message."""

    def __init__(self, message, status=None, github_message=None, documentation_url=None,
                 method=None, path=None, hint=None):
        super(GitHubError, self).__init__(message)
        self.message = message
        self.status = status
        self.github_message = github_message
        self.documentation_url = documentation_url
        self.method = method
        self.path = path
        self.hint = hint
        # Set when the failure came after a write: the task then reports changed and what it wrote.
        self.changed = False
        self.details = {}

    def after_write(self, **details):
        """Mark this error as raised after a successful write; ``details`` go into the failed result."""
        self.changed = True
        self.details.update(details)
        return self

    def __str__(self):
        text = self.message
        if self.hint:
            text = '%s. %s' % (text.rstrip('.'), self.hint)
        return text

    def to_result(self):
        """Extra keys for a failed module result (``msg`` is ``str(error)``)."""
        result = {}
        for key in ('status', 'documentation_url', 'method', 'path'):
            value = getattr(self, key)
            if value is not None:
                result[key] = value
        result.update(self.details)
        return result


class GitHubInputError(GitHubError):
    """Bad input, found before (or instead of) sending a writing request."""

    def __init__(self, message, option=None):
        super(GitHubInputError, self).__init__(message)
        self.option = option


class GitHubPartialChangeError(GitHubError):
    """A change of several writes stopped part-way: says what was applied and what was not."""

    def __init__(self, error, what, applied, not_applied):
        message = '%s; %s applied: %s; not applied: %s. Run the task again to complete it' % (
            error.message, what, ', '.join(applied) or 'none', ', '.join(not_applied) or 'none')
        super(GitHubPartialChangeError, self).__init__(
            message, status=error.status, github_message=error.github_message,
            documentation_url=error.documentation_url, method=error.method, path=error.path, hint=error.hint)
        self.applied = applied
        self.not_applied = not_applied


class GitHubDependencyError(GitHubError):
    """A required Python library is not installed where the code runs."""

    def __init__(self, library, import_error):
        super(GitHubDependencyError, self).__init__(
            'The Python library %s is required but could not be imported' % library)
        self.library = library
        self.import_error = import_error


class GitHubTransportError(GitHubError):
    """No HTTP answer: connection refused or reset, timeout, TLS failure."""


class GitHubHTTPError(GitHubError):
    """GitHub answered with an error status."""


class GitHubBadRequestError(GitHubHTTPError):
    """400: malformed request, or an API version the server does not support."""


class GitHubAuthenticationError(GitHubHTTPError):
    """401: no token, or a token GitHub does not accept."""


class GitHubPermissionError(GitHubHTTPError):
    """403 that is not a rate limit: the token lacks a scope or permission."""


class GitHubRateLimitError(GitHubHTTPError):
    """403/429 rate limit that lasts longer than the client may wait."""


class GitHubNotFoundError(GitHubHTTPError):
    """404: organization, secret or repository missing or invisible to the token."""


class GitHubConflictError(GitHubHTTPError):
    """409: the secret's visibility does not allow a repository selection."""


class GitHubValidationError(GitHubHTTPError):
    """422: GitHub rejected the request body."""


class GitHubServerError(GitHubHTTPError):
    """5xx after every retry."""


HINTS = {
    400: 'Check api_version: GitHub Enterprise Server may need api_version=2022-11-28',
    401: 'Check the token: it may be missing, mistyped, expired or revoked '
         '(option token, or the GITHUB_TOKEN / GH_TOKEN environment variables)',
    403: 'The token lacks permission: a classic personal access token needs the admin:org scope; '
         'a fine-grained or GitHub App token needs the organization permission of the secret store',
    404: 'Check that the organization (option org) exists and that the token can administer it; '
         'for a secret or repository, check its name',
    409: 'The secret\'s visibility is not "selected"; set visibility=selected before choosing repositories',
    422: 'GitHub rejected the request: check the secret name, visibility, repository ids, '
         'and that key_id is the organization public key that encrypted encrypted_value',
}

ERROR_CLASSES = {
    400: GitHubBadRequestError,
    401: GitHubAuthenticationError,
    403: GitHubPermissionError,
    404: GitHubNotFoundError,
    409: GitHubConflictError,
    422: GitHubValidationError,
}


def http_error(status, reason, method, path, github_message=None, documentation_url=None, hints=None):
    """Build the typed error for an HTTP error status; ``hints`` (status -> text) override the general ones."""
    if status >= 500:
        cls = GitHubServerError
        hint = 'GitHub had a server error; retry later (see https://www.githubstatus.com)'
    else:
        cls = ERROR_CLASSES.get(status, GitHubHTTPError)
        hint = (hints or {}).get(status) or HINTS.get(status)
    message = '%s %s failed: HTTP %s %s' % (method, path, status, reason or '')
    message = message.rstrip()
    if github_message:
        message = '%s: %s' % (message, github_message)
    return cls(message, status=status, github_message=github_message,
               documentation_url=documentation_url, method=method, path=path, hint=hint)
