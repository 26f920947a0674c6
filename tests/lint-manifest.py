#!/usr/bin/python3
# lint-manifest.py MANIFEST RELEASE_APP_ID DEVEL_APP_ID EXECUTABLE
#
# The Flatpak manifest cannot be built here (no network), so it is checked:
# it is valid JSON, its app id is the one meson gives the profile it builds,
# and its command is the executable meson installs.

import json
import os
import sys

manifest_path, release_id, devel_id, executable = sys.argv[1:5]
problems = []

with open(manifest_path, encoding='utf-8') as f:
    try:
        manifest = json.load(f)
    except json.JSONDecodeError as error:
        print('%s is not valid JSON: %s' % (manifest_path, error))
        sys.exit(1)

modules = manifest.get('modules') or []
sitrep = next((m for m in modules if isinstance(m, dict) and m.get('name') == 'sitrep'), None)
if sitrep is None:
    problems.append('no module named "sitrep"')
    profile = 'default'
else:
    if sitrep.get('buildsystem') != 'meson':
        problems.append('the sitrep module is not built with meson')
    opts = sitrep.get('config-opts', [])
    profile = 'development' if '-Dprofile=development' in opts else 'default'
    sources = sitrep.get('sources', [])
    if not any(s.get('type') == 'dir' for s in sources):
        problems.append('the sitrep module does not build the source tree')

expected_id = devel_id if profile == 'development' else release_id
if manifest.get('app-id') != expected_id:
    problems.append('app-id is %r; meson builds %r with the %s profile'
                    % (manifest.get('app-id'), expected_id, profile))

if os.path.basename(manifest_path) != expected_id + '.json':
    problems.append('the file should be named %s.json' % expected_id)

if manifest.get('command') != executable:
    problems.append('command is %r; meson installs %r' % (manifest.get('command'), executable))

if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    problems.append('runtime and sdk should be the GNOME Platform and SDK')

version = str(manifest.get('runtime-version', ''))
if not version.isdigit():
    problems.append('runtime-version should be a stable GNOME release, not %r' % version)

for arg in manifest.get('finish-args', []):
    if arg.startswith('--filesystem=host') or arg == '--filesystem=home':
        problems.append('%s gives away more than Sitrep needs' % arg)

for problem in problems:
    print(problem)
if not problems:
    print('%s: app-id %s, command %s, GNOME %s' % (manifest_path, expected_id, executable, version))
sys.exit(1 if problems else 0)
