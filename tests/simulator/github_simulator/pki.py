"""A throwaway certificate authority and a server certificate for 127.0.0.1, made with the openssl CLI.

Strict enough for Python 3.13's default verification (VERIFY_X509_STRICT): a real CA certificate
(critical basicConstraints and keyUsage) signing a leaf with subjectAltName and key identifiers.
"""

import os
import shutil
import subprocess

LEAF_EXTENSIONS = """basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
"""


def make_test_pki(directory):
    """Write ca.pem, server.pem and server.key into directory; return their paths (ca, cert, key)."""
    openssl = shutil.which('openssl')
    if openssl is None:
        raise RuntimeError('the openssl command is needed to make test certificates')
    os.makedirs(directory, exist_ok=True)
    ca_key, ca_cert, key, csr, cert, extensions = (os.path.join(directory, name) for name in (
        'ca.key', 'ca.pem', 'server.key', 'server.csr', 'server.pem', 'server.ext'))
    with open(extensions, 'w', encoding='ascii') as handle:
        handle.write(LEAF_EXTENSIONS)
    ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
    for command in (
            ['req', '-x509'] + ec + ['-keyout', ca_key, '-out', ca_cert, '-days', '2', '-subj', '/CN=github-simulator test CA',
                                     '-addext', 'basicConstraints=critical,CA:TRUE',
                                     '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
            ['req'] + ec + ['-keyout', key, '-out', csr, '-subj', '/CN=127.0.0.1'],
            ['x509', '-req', '-in', csr, '-CA', ca_cert, '-CAkey', ca_key, '-CAcreateserial', '-out', cert, '-days', '2',
             '-extfile', extensions]):
        subprocess.run([openssl] + command, check=True, capture_output=True, timeout=60)
    return ca_cert, cert, key
