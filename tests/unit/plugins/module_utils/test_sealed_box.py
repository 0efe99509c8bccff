"""libsodium sealed boxes: what GitHub decrypts with the org's private key."""

import base64
import sys

import pytest
from nacl.public import PrivateKey, SealedBox

from ansible_collections.secretops.github.plugins.module_utils import _sealed_box as sealed_box
from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubDependencyError, GitHubInputError


@pytest.mark.parametrize('plaintext', ['s3cr3t', 'ünïcode ✓', 'x' * 49152, 'line\nbreaks\r\n'])
def test_encrypt_round_trip(plaintext):
    private = PrivateKey.generate()
    public_b64 = base64.b64encode(bytes(private.public_key)).decode()
    sealed = sealed_box.encrypt(public_b64, plaintext)
    assert SealedBox(private).decrypt(base64.b64decode(sealed)).decode('utf-8') == plaintext
    assert sealed_box.is_sealed_box_base64(sealed)


def test_each_encryption_differs():
    public_b64 = base64.b64encode(bytes(PrivateKey.generate().public_key)).decode()
    assert sealed_box.encrypt(public_b64, 'same') != sealed_box.encrypt(public_b64, 'same')


def test_a_bad_public_key_is_reported_without_the_value():
    with pytest.raises(GitHubInputError) as caught:
        sealed_box.encrypt('dG9vIHNob3J0', 'the-plaintext')
    assert 'not a valid libsodium key' in str(caught.value)
    assert 'the-plaintext' not in str(caught.value)


@pytest.mark.parametrize('text, expected', [
    (base64.b64encode(b'x' * 49).decode(), True),
    (base64.b64encode(b'x' * 48).decode(), False),   # only the seal overhead: no value inside
    ('not base64!', False),
    ('QUJD', False),                                  # valid base64, too short
    (base64.b64encode(b'x' * 61).decode().rstrip('='), False),  # unpadded
    (base64.urlsafe_b64encode(b'\xfb\xff' * 40).decode(), False),  # url-safe alphabet
    ('', False),
    (None, False),
    (base64.b64encode(b'x' * 49).decode() + '\n', False),  # a trailing newline is not base64 GitHub accepts
])
def test_is_sealed_box_base64(text, expected):
    assert sealed_box.is_sealed_box_base64(text) is expected


def test_missing_pynacl_is_reported(monkeypatch):
    # None in sys.modules makes the import fail, as on a host without PyNaCl.
    monkeypatch.setitem(sys.modules, 'nacl.public', None)
    with pytest.raises(GitHubDependencyError) as caught:
        sealed_box.encrypt('x', 'y')
    assert caught.value.library == 'PyNaCl'
