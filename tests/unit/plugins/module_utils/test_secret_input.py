"""Task options for one secret: every bad input fails with the option and the fix, no value in the text."""

import base64

import pytest

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils._secret_input import DesiredSecret, normalize_secret_name

SEALED = base64.b64encode(b'\x01' * 80).decode()
PLAINTEXT = 'pl41ntext-Value'


def desired(**params):
    params.setdefault('name', 'my_secret')
    return DesiredSecret.from_params(params, 'acme')


@pytest.mark.parametrize('name, normalized', [
    ('my_secret', 'MY_SECRET'), ('_x', '_X'), ('A1', 'A1'), (' padded ', 'PADDED'), ('GITHUBX', 'GITHUBX'),
])
def test_names_are_upper_cased(name, normalized):
    assert normalize_secret_name(name) == normalized


@pytest.mark.parametrize('name, text', [
    ('', 'name is empty'),
    ('   ', 'name is empty'),
    (None, 'name is empty'),
    ('my-secret', "name 'my-secret' is not a valid secret name: use only letters, digits and underscores, "
                  "and do not start with a digit (for example MY_SECRET)"),
    ('1password', '(for example _1PASSWORD)'),
    ('with space', 'not a valid secret name'),
    ('ünï', "name '\\xfcn\\xef' is not a valid secret name"),
    # user values are shown as ASCII repr: no raw CR/LF (header or log injection), bounded length
    ('A\r\nX-Evil: 1', "name 'A\\r\\nX-Evil: 1' is not a valid secret name"),
    ('X\u202eY', "name 'X\\u202eY' is not a valid secret name"),
    ('a-' * 100, "name 'a-a-a-"),
    (12, 'name must be a secret name (a string such as MY_SECRET), not int 12'),
    (['A'], "name must be a secret name (a string such as MY_SECRET), not list ['A']"),
    ('GITHUB_TOKEN', 'starts with GITHUB_, which GitHub reserves'),
    ('github_anything', 'starts with GITHUB_'),
])
def test_bad_names(name, text):
    with pytest.raises(GitHubInputError) as caught:
        desired(name=name)
    message = str(caught.value)
    assert text in message
    assert message.isascii() and '\r' not in message and '\n' not in message
    assert len(message) < 250
    assert caught.value.option == 'name'


def test_a_list_item_prefix_names_the_item():
    with pytest.raises(GitHubInputError) as caught:
        DesiredSecret.from_params({'name': 'bad-name'}, 'acme', prefix='secrets[3].')
    assert caught.value.option == 'secrets[3].name'
    assert str(caught.value).startswith("secrets[3].name 'bad-name'")


def test_value_limit_is_49152_bytes_of_utf8():
    assert desired(value='x' * 49152).value
    with pytest.raises(GitHubInputError) as caught:
        desired(value='x' * 49153)
    assert str(caught.value) == 'value is 49153 bytes of UTF-8; GitHub allows at most 49152 bytes (48 KB)'
    with pytest.raises(GitHubInputError, match='49154 bytes'):
        desired(value='é' * 24577)  # two bytes each


@pytest.mark.parametrize('params, option, text', [
    ({'value': ''}, 'value', 'value is empty'),
    ({'value': PLAINTEXT, 'encrypted_value': SEALED, 'key_id': '1'}, 'value', 'value and encrypted_value are mutually exclusive'),
    ({'encrypted_value': SEALED}, 'key_id', 'encrypted_value needs key_id'),
    ({'encrypted_value': SEALED, 'key_id': ' '}, 'key_id', 'encrypted_value needs key_id'),
    ({'key_id': '123'}, 'key_id', 'key_id is only used with encrypted_value'),
    ({'encrypted_value': 'not base64!', 'key_id': '1'}, 'encrypted_value', 'is not base64 of a libsodium sealed box'),
    ({'encrypted_value': 'QUJD', 'key_id': '1'}, 'encrypted_value', 'is not base64 of a libsodium sealed box'),
    ({'encrypted_value': base64.b64encode(b'x' * (49152 + 49)).decode(), 'key_id': '1'}, 'encrypted_value', 'more than 49152 bytes'),
    ({'visibility': 'all', 'repositories': ['api']}, 'repositories', 'repositories can only be used with visibility=selected'),
    ({'visibility': 'private', 'repositories': []}, 'repositories', 'set visibility: selected'),
    ({'visibility': 'public'}, 'visibility', 'must be all, private or selected'),
    ({'state': 'gone'}, 'state', 'must be present or absent'),
    ({'update_value': 'sometimes'}, 'update_value', 'must be always or on_create'),
    ({'visibility': 'selected', 'repositories': ['globex/api']}, 'repositories', "belongs to 'globex'"),
    ({'value': PLAINTEXT + '\udcff'}, 'value', 'value is not valid UTF-8 text (it may have been read from a binary file)'),
    ({'visibility': 'allé\r\n'}, 'visibility', "visibility must be all, private or selected, not 'all\\xe9\\r\\n'"),
])
def test_bad_combinations(params, option, text):
    with pytest.raises(GitHubInputError) as caught:
        desired(**params)
    assert text in str(caught.value)
    assert caught.value.option == option
    assert PLAINTEXT not in str(caught.value) and SEALED not in str(caught.value)


def test_a_good_desired_secret():
    secret = desired(value=PLAINTEXT, visibility='selected', repositories=['api', 1002], update_value='on_create')
    assert secret.name == 'MY_SECRET'
    assert secret.has_value
    assert secret.repositories == [('name', 'api'), ('id', 1002)]
    assert secret.state == 'present'


def test_key_id_is_kept_as_text():
    assert desired(encrypted_value=SEALED, key_id=568250167242549743).key_id == '568250167242549743'
