"""Fault injection for the GitHub routes: latency, random 5xx, and rules (status, reset, delay, rate limits)."""

import math
import random
import re
import threading
import time
from http import HTTPStatus

from .wire import DOC_ROOT, ApiError, Response, check_keys

ACTIONS = ('status', 'reset', 'delay', 'rate_limit', 'secondary_rate_limit', 'rotate_key')
RATE_LIMIT_DOC = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'
RULE_KEYS = ('method', 'path', 'skip', 'times', 'when', 'action', 'status', 'body', 'headers', 'delay', 'reset_in', 'retry_after')
CONFIG_KEYS = ('latency_ms', 'error_rate', 'error_statuses', 'random_seed', 'rules')


def _bad(message):
    return ApiError(422, message)


def _number(spec, key, default, minimum=0):
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise _bad('%s must be a number >= %s' % (key, minimum))
    return value


def _int(spec, key, default, minimum=0, nullable=False):
    value = spec.get(key, default)
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _bad('%s must be an integer >= %s%s' % (key, minimum, ' or null' if nullable else ''))
    return value


class FaultRule:
    """One rule; matched counts every matching request, applied counts the times it fired."""

    def __init__(self, spec):
        check_keys(spec, RULE_KEYS, 'fault rule')
        self.action = spec.get('action')
        if self.action not in ACTIONS:
            raise _bad('action must be one of %s' % ', '.join(ACTIONS))
        self.method = spec.get('method')
        if self.method is not None and not isinstance(self.method, str):
            raise _bad('method must be a string or null')
        self.path = spec.get('path')
        try:
            self.path_re = re.compile(self.path) if self.path is not None else None
        except (re.error, TypeError):
            raise _bad('path must be a valid regular expression or null') from None
        self.skip = _int(spec, 'skip', 0)
        self.times = _int(spec, 'times', 1, minimum=1, nullable=True)
        self.when = spec.get('when', 'before')
        if self.when not in ('before', 'after'):
            raise _bad("when must be 'before' or 'after'")
        default_status = {'status': 500, 'rate_limit': 403, 'secondary_rate_limit': 403}.get(self.action)
        self.status = _int(spec, 'status', default_status, minimum=100, nullable=default_status is None)
        if self.status is not None and self.status > 599:
            raise _bad('status must be an HTTP status code')
        if self.action in ('rate_limit', 'secondary_rate_limit') and self.status not in (403, 429):
            raise _bad('a rate limit status must be 403 or 429')
        self.has_body = 'body' in spec
        self.body = spec.get('body')
        self.headers = spec.get('headers') or {}
        if not isinstance(self.headers, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in self.headers.items()):
            raise _bad('headers must be an object of strings')
        self.delay = _number(spec, 'delay', 1)
        self.reset_in = _number(spec, 'reset_in', 1)
        self.retry_after = _int(spec, 'retry_after', 1)
        self.spec = dict(spec)
        self.matched = 0
        self.applied = 0

    def matches(self, method, path):
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path_re is None or self.path_re.search(path) is not None

    def eligible(self):
        return self.matched > self.skip and (self.times is None or self.applied < self.times)

    def describe(self):
        info = dict(self.spec)
        info.update(skip=self.skip, times=self.times, when=self.when, matched=self.matched, applied=self.applied,
                    remaining=None if self.times is None else self.times - self.applied)
        return info

    def response(self):
        """The answer for status and rate-limit actions."""
        headers = {}
        if self.action == 'status':
            body = {'message': phrase(self.status), 'documentation_url': DOC_ROOT}
        elif self.action == 'rate_limit':
            body = {'message': 'API rate limit exceeded for user ID 1.', 'documentation_url': RATE_LIMIT_DOC}
            headers.update({
                'x-ratelimit-limit': '5000',
                'x-ratelimit-remaining': '0',
                'x-ratelimit-used': '5000',
                'x-ratelimit-reset': str(math.ceil(time.time() + self.reset_in)),
                'x-ratelimit-resource': 'core',
            })
        else:
            body = {'message': 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
                    'documentation_url': RATE_LIMIT_DOC}
            headers['Retry-After'] = str(self.retry_after)
        if self.has_body:
            body = self.body
        headers.update(self.headers)
        if self.status in (204, 304) or self.status < 200:
            return Response.empty(self.status, headers)
        return Response.json(self.status, body, headers)


class Faults:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency_ms = 0
        self.error_rate = 0.0
        self.error_statuses = [502, 503]
        self.random_seed = None
        self.rng = random.Random()
        self.rules = []

    def configure(self, config):
        """Replace the whole configuration (validated first: nothing changes on error)."""
        check_keys(config, CONFIG_KEYS, 'fault configuration')
        latency_ms = _number(config, 'latency_ms', 0)
        error_rate = _number(config, 'error_rate', 0)
        if error_rate > 1:
            raise _bad('error_rate must be between 0 and 1')
        statuses = config.get('error_statuses', [502, 503])
        if not isinstance(statuses, list) or not statuses or not all(
                isinstance(s, int) and not isinstance(s, bool) and 400 <= s <= 599 for s in statuses):
            raise _bad('error_statuses must be a non-empty list of 4xx/5xx status codes')
        seed = config.get('random_seed')
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise _bad('random_seed must be an integer or null')
        rules = config.get('rules', [])
        if not isinstance(rules, list):
            raise _bad('rules must be a list')
        rules = [FaultRule(spec) for spec in rules]
        with self.lock:
            self.latency_ms = latency_ms
            self.error_rate = float(error_rate)
            self.error_statuses = list(statuses)
            self.random_seed = seed
            self.rng = random.Random(seed)
            self.rules = rules

    def add_rule(self, spec):
        rule = FaultRule(spec)
        with self.lock:
            self.rules.append(rule)
            return rule.describe()

    def clear(self):
        self.configure({})

    def describe(self):
        with self.lock:
            return {
                'latency_ms': self.latency_ms,
                'error_rate': self.error_rate,
                'error_statuses': list(self.error_statuses),
                'random_seed': self.random_seed,
                'rules': [rule.describe() for rule in self.rules],
            }

    def pick(self, method, path):
        """Count the request against every matching rule; return the first rule that fires, if any."""
        with self.lock:
            fired = None
            for rule in self.rules:
                if not rule.matches(method, path):
                    continue
                rule.matched += 1
                if fired is None and rule.eligible():
                    rule.applied += 1
                    fired = rule
            return fired

    def random_error(self):
        with self.lock:
            if self.error_rate > 0 and self.rng.random() < self.error_rate:
                return self.rng.choice(self.error_statuses)
            return None

    def latency(self):
        with self.lock:
            return self.latency_ms / 1000.0


def phrase(status):
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return 'Error'


def random_error_response(status):
    return Response.json(status, {'message': phrase(status), 'documentation_url': DOC_ROOT})
