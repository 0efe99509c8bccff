# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Stand-in for the get-pip script that ansible-test downloads to bootstrap pip into its venvs.

These machines cannot reach the host ansible-test downloads it from, so bootstrap.sh puts this
file where ansible-test caches that script. ansible-test runs it as
``python get_pip.py [pip options] pip==X [...] [--no-setuptools] [--no-wheel]``.
"""

import subprocess
import sys


def main():
    args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
    # In a child process: ensurepip points PIP_CONFIG_FILE at /dev/null in its own environment,
    # which must not leak into the install below (it would lose the machine's pip.conf).
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'])
    subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + args)


if __name__ == '__main__':
    main()
