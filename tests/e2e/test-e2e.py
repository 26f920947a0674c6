#!/usr/bin/python3
# test-e2e.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end: the built sitrep binary, started like a person would start it
# with a temporary data directory, driven over AT-SPI. Prints TAP.

import glob
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

REQUIRED = os.environ.get('SITREP_REQUIRE_DISPLAY') == '1'

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    if REQUIRED:
        print('1..1\nnot ok 1 - a display and a D-Bus session are required here')
        sys.exit(1)
    print('1..0 # SKIP needs a display and a D-Bus session (run the test command)')
    sys.exit(0)

try:
    import pyatspi  # noqa: F401
except ImportError:
    if REQUIRED:
        print('1..1\nnot ok 1 - pyatspi is missing (python3-pyatspi)')
        sys.exit(1)
    print('1..0 # SKIP pyatspi is missing')
    sys.exit(0)

from atspi_driver import (Sitrep, checked, click, click_with_pointer, do_action, find, find_all,
                          size_of, text_of, wait_for, xwd_to_png)

BINARY = os.environ['SITREP_BINARY']


def declare(app, title, severity):
    """Declares an incident through the dialog, as a person would."""
    main = app.frame('Sitrep')
    click(wait_for('the Declare Incident button',
                   lambda: find(main, 'push button', 'Declare Incident')))
    dialog = app.frame('Declare Incident')
    entry = wait_for('the title entry', lambda: find(dialog, 'text', 'Title'))
    entry.queryEditableText().setTextContents(title)
    radio = wait_for(severity + ' choice', lambda: find(dialog, 'check box', prefix=severity + ' '))
    click_with_pointer(radio)
    wait_for(severity + ' chosen', lambda: checked(radio))
    click(wait_for('the Declare button', lambda: find(dialog, 'push button', 'Declare')))
    wait_for('the dialog to close', lambda: not app.windows('Declare Incident'))


def card_labels(app):
    board = find(app.frame('Sitrep'), 'table', 'Incident board')
    if board is None:
        return []
    return [text_of(label) for label in find_all(board, 'label')]


def wait_for_card(app, title, severity):
    def probe():
        labels = card_labels(app)
        return title in labels and severity in labels
    wait_for('a card "%s" with %s' % (title, severity), probe)


class Context:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix='sitrep-e2e-')
        self.data_dir = os.path.join(self.root, 'data')
        self.config_dir = os.path.join(self.root, 'config')
        self.runs = []
        self.servers = []

    def start(self, args=None):
        run = Sitrep(BINARY, self.data_dir, self.config_dir, args=args)
        self.runs.append(run)
        return run

    def close(self, failed, name):
        if failed:
            self.record_screen(name)
        for run in self.runs:
            if failed and run.process.poll() is None:
                try:
                    for window in run.app:
                        labels = [text_of(label) for label in find_all(window, 'label')]
                        print('# on screen in "%s": %r' % (window.name, labels))
                except Exception as error:  # diagnostics must not end the run
                    print('# could not read the screen: %s' % error)
            run.ensure_gone()
            if failed:
                sys.stdout.write(''.join('# ' + line + '\n' for line in run.output().splitlines()))
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def record_screen(self, name):
        """Keeps a screenshot of a failure next to meson's test log."""
        log_dir = os.environ.get('SITREP_TEST_LOG_DIR')
        if not log_dir or not shutil.which('xwd'):
            return
        path = os.path.join(log_dir, 'e2e-%s.xwd' % name)
        subprocess.run(['xwd', '-root', '-silent', '-out', path], check=False)
        print('# screenshot: ' + path)


def test_declare_survives_restart(ctx):
    app = ctx.start()
    main = app.frame('Sitrep')
    wait_for('the empty board', lambda: find(main, 'label', 'No Incidents'))

    declare(app, 'Payments failing', 'SEV1')
    wait_for_card(app, 'Payments failing', 'SEV1')
    assert os.path.exists(os.path.join(ctx.data_dir, 'journal.db'))

    # The elapsed time ticks.
    def elapsed():
        return [l for l in card_labels(app) if l.count(':') == 2 and l[0].isdigit()]
    first = wait_for('an elapsed time', elapsed)[0]
    wait_for('the elapsed time to move on', lambda: elapsed() and elapsed()[0] != first, timeout=5)

    # Quit by closing the window, and start again.
    assert app.close() == 0, 'sitrep did not end cleanly:\n' + app.output()

    app = ctx.start()
    wait_for_card(app, 'Payments failing', 'SEV1')
    assert app.terminate() == 0


def test_survives_kill_9(ctx):
    app = ctx.start()
    declare(app, 'Payments failing', 'SEV1')
    wait_for_card(app, 'Payments failing', 'SEV1')
    declare(app, 'Login slow in EU', 'SEV2')
    wait_for_card(app, 'Login slow in EU', 'SEV2')
    app.kill()

    app = ctx.start()
    wait_for_card(app, 'Payments failing', 'SEV1')
    wait_for_card(app, 'Login slow in EU', 'SEV2')
    # Most severe first.
    labels = card_labels(app)
    assert labels.index('Payments failing') < labels.index('Login slow in EU'), labels
    assert app.terminate() == 0


def test_single_instance(ctx):
    app = ctx.start()
    app.frame('Sitrep')
    second = subprocess.run([BINARY], env=app.env, timeout=20,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert second.returncode == 0, second.stdout
    time.sleep(0.5)
    assert len(app.windows('Sitrep')) == 1
    assert app.process.poll() is None

    # A manager's "sitrep --read-only" turns the running Sitrep read-only.
    main = app.frame('Sitrep')
    assert 'Read-Only' not in labels_of(app)
    third = subprocess.run([BINARY, '--read-only'], env=app.env, timeout=20,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert third.returncode == 0, third.stdout
    wait_for('the read-only badge', lambda: 'Read-Only' in labels_of(app))
    declare_button = find(main, 'push button', 'Declare Incident')
    wait_for('Declare Incident off',
             lambda: not declare_button.getState().contains(pyatspi.STATE_SENSITIVE))
    assert app.terminate() == 0


def test_damaged_journal(ctx):
    os.makedirs(ctx.data_dir, exist_ok=True)
    path = os.path.join(ctx.data_dir, 'journal.db')
    garbage = bytes((i * 37 + 11) % 256 for i in range(8192))
    with open(path, 'wb') as f:
        f.write(garbage)

    app = ctx.start()
    main = app.frame('Sitrep')
    # Only the page on screen is in the accessibility tree.
    wait_for('the journal error', lambda: find(main, 'label', 'The Incident Journal Cannot Be Opened'))
    assert find(main, 'label', 'No Incidents') is None
    page = find(main, 'panel', 'The Incident Journal Cannot Be Opened')
    texts = [text_of(label) for label in find_all(page, 'label')]
    assert path in texts, texts
    # Not a byte changed.
    with open(path, 'rb') as f:
        assert f.read() == garbage

    click(find(main, 'push button', 'Move Aside and Start Fresh'))
    wait_for('a fresh, empty board', lambda: find(main, 'label', 'No Incidents'))
    moved = [n for n in os.listdir(ctx.data_dir) if n.startswith('journal.db.broken-')]
    assert len(moved) == 1, os.listdir(ctx.data_dir)
    with open(os.path.join(ctx.data_dir, moved[0]), 'rb') as f:
        assert hashlib.sha256(f.read()).digest() == hashlib.sha256(garbage).digest()

    declare(app, 'Checkout errors', 'SEV2')
    wait_for_card(app, 'Checkout errors', 'SEV2')
    assert app.terminate() == 0


def open_from_menu(app, item, title):
    main = app.frame('Sitrep')
    # The menu button's inner toggle is the one that takes a click.
    click(find_all(main, 'push button', 'Main Menu')[-1])
    click(wait_for('the menu item ' + item, lambda: find(app.app, 'menu item', item)))
    return app.frame(title)


def settings_file(ctx):
    return os.path.join(ctx.config_dir, 'glib-2.0', 'settings', 'keyfile')


def test_menu_and_window_size(ctx):
    app = ctx.start()
    main = app.frame('Sitrep')

    window = open_from_menu(app, 'Preferences', 'Preferences')
    wait_for('the name preference', lambda: find(window, 'text', 'Your Name'))
    do_action(window, 'window.close')
    wait_for('preferences to close', lambda: not app.windows('Preferences'))

    window = open_from_menu(app, 'Keyboard Shortcuts', 'Keyboard Shortcuts')
    wait_for('the declare shortcut', lambda: find(window, 'label', 'Declare an incident'))
    do_action(window, 'window.close')
    wait_for('the shortcuts to close', lambda: not app.windows('Keyboard Shortcuts'))

    window = open_from_menu(app, 'About Sitrep', 'About')
    wait_for('the about text', lambda: find(
        window, 'label',
        'Run a software incident from the first alert to the last postmortem action item.'))
    do_action(window, 'window.close')
    wait_for('about to close', lambda: not app.windows('About'))

    # Quitting saves the window's size...
    assert find(main, 'label', 'No Incidents')
    assert app.terminate() == 0
    with open(settings_file(ctx)) as f:
        saved = f.read()
    assert 'window-width=1280' in saved and 'window-height=800' in saved, saved

    # ...and the next start restores it.
    with open(settings_file(ctx), 'w') as f:
        f.write(saved.replace('window-width=1280', 'window-width=1000')
                     .replace('window-height=800', 'window-height=700'))
    app = ctx.start()
    width, height = wait_for('the restored size', lambda: size_of(app.frame('Sitrep')))
    assert abs(width - 1000) <= 20 and abs(height - 700) <= 20, (width, height)
    assert app.terminate() == 0


def fill_dialog(app, title, fields, confirm):
    """Fills a form dialog's fields (accessible name → text) and confirms."""
    dialog = app.frame(title)
    for name, value in fields.items():
        field = wait_for('the field "%s"' % name, lambda: find(dialog, 'text', name))
        field.queryEditableText().setTextContents(value)
    click(wait_for('the %s button' % confirm, lambda: find(dialog, 'push button', confirm)))
    wait_for('the dialog "%s" to close' % title, lambda: not app.windows(title))


def act(app, button, dialog, fields, confirm):
    """Presses a button of the incident view and completes its dialog."""
    main = app.frame('Sitrep')
    click(wait_for('the %s button' % button, lambda: find(main, 'push button', button)))
    wait_for('the dialog "%s"' % dialog, lambda: app.windows(dialog))
    fill_dialog(app, dialog, fields, confirm)


def labels_of(app):
    return [text_of(label) for label in find_all(app.frame('Sitrep'), 'label')]


def timeline(app):
    """What the main window reads: the timeline's sentences are among it."""
    return labels_of(app)


def after(labels, heading):
    """The text that follows a heading, such as a clock's value."""
    return labels[labels.index(heading) + 1] if heading in labels else None


TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'


def test_incident_command(ctx):
    """The IC's first minutes: roles, an update, a TraceId, a decision, all
    still there after a restart."""
    app = ctx.start()
    main = app.frame('Sitrep')
    wait_for('the empty board', lambda: find(main, 'label', 'No Incidents'))
    declare(app, 'Payments failing', 'SEV1')
    wait_for_card(app, 'Payments failing', 'SEV1')

    # The view opens beside the board, and calls out the missing IC.
    wait_for('the incident view', lambda: 'Severity: SEV1' in labels_of(app))
    wait_for('the missing IC called out',
             lambda: any(l.startswith('No Incident Commander: ') for l in labels_of(app)))

    act(app, 'Assign Incident Commander', 'Assign Incident Commander', {'Name': 'Li Lei'}, 'Assign')
    act(app, 'Assign Comms Lead', 'Assign Comms Lead',
        {'Name': 'Ana Souza', 'Chat Handle (Optional)': '@ana'}, 'Assign')
    wait_for('the roster', lambda: find(main, 'push button', 'Hand Over Comms Lead'))
    wait_for('the IC on the card', lambda: 'IC: Li Lei' in card_labels(app))

    act(app, 'Post Status Update…', 'Post Status Update',
        {'What Is Known': 'Card payments fail with 502',
         'What Is Being Done': 'Rolling back payment-service'}, 'Post')

    # A SEV1 updates every 15 minutes: the countdown restarted.
    wait_for('the update in the metrics', lambda: after(labels_of(app), 'Status Updates') == '1')
    value = after(labels_of(app), 'Next Status Update')
    assert value == '15:00' or (value.startswith('14:5') and len(value) == 5), value

    act(app, 'Add TraceId…', 'Add TraceId',
        {'TraceId': TRACE_ID, 'What It Shows (Optional)': 'failing checkout'}, 'Add')

    click(wait_for('the Record Decision button', lambda: find(main, 'push button', 'Record Decision…')))
    wait_for('the decision dialog', lambda: app.windows('Record Decision'))
    dialog = app.frame('Record Decision')
    # GTK 4.8 shows a GtkSwitch as a check box without an action.
    rollback = wait_for('the rollback switch',
                        lambda: find(dialog, 'check box', prefix='This Is a Rollback'))
    click_with_pointer(rollback)
    wait_for('the rollback switched on', lambda: checked(rollback))
    fill_dialog(app, 'Record Decision',
                {'Question, Such as “Roll Back 5.2.0?”': 'Roll back 5.2.0?',
                 'Options Considered, One per Line': 'Roll back to 5.1.9\nHotfix 5.2.1',
                 'Option Chosen': 'Roll back to 5.1.9',
                 'Rationale': 'The hotfix is untested'}, 'Record')

    expected = [
        'Declared the incident “Payments failing” as SEV1',
        'Assigned Li Lei as Incident Commander',
        'Assigned Ana Souza as Comms Lead',
        'Posted a status update',
        'Added TraceId %s: failing checkout' % TRACE_ID,
        'Decided “Roll back 5.2.0?”: Roll back to 5.1.9',
    ]

    def all_in_timeline():
        labels = timeline(app)
        return all(sentence in labels for sentence in expected) and labels
    wait_for('the whole story in the timeline', all_in_timeline)
    assert any('store rollback takes hours' in label for label in timeline(app)), timeline(app)

    assert app.close() == 0, 'sitrep did not end cleanly:\n' + app.output()

    app = ctx.start()
    labels = wait_for('the timeline after a restart', all_in_timeline)
    assert any('Known: Card payments fail with 502' in label for label in labels), labels
    assert any('Caution: this is a rollback' in label for label in labels), labels
    main = app.frame('Sitrep')
    wait_for('the roster after a restart', lambda: find(main, 'push button', 'Hand Over Incident Commander'))
    assert app.terminate() == 0


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class Alertmanager:
    """Debian's Alertmanager on a free loopback port, in a directory of its own."""

    def __init__(self, root):
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        directory = os.path.join(root, 'alertmanager')
        os.makedirs(directory)
        config = os.path.join(directory, 'am.yml')
        with open(config, 'w') as f:
            f.write('route: {receiver: warroom, group_wait: 0s, group_interval: 1s, repeat_interval: 1h}\n'
                    'receivers: [{name: warroom}]\n')
        self.log = open(os.path.join(directory, 'log'), 'w+')
        self.process = subprocess.Popen(
            ['prometheus-alertmanager', '--config.file=' + config,
             '--storage.path=' + os.path.join(directory, 'data'),
             '--web.listen-address=127.0.0.1:%d' % self.port, '--cluster.listen-address=',
             '--web.external-url=' + self.url + '/'],
            stdout=self.log, stderr=subprocess.STDOUT)

        def ready():
            try:
                with urllib.request.urlopen(self.url + '/-/ready', timeout=1) as answer:
                    return answer.status == 200
            except OSError:
                return False
        wait_for('Alertmanager to be ready', ready)

    def post(self, alerts):
        request = urllib.request.Request(self.url + '/api/v2/alerts', data=json.dumps(alerts).encode(),
                                         headers={'Content-Type': 'application/json'}, method='POST')
        with urllib.request.urlopen(request, timeout=5) as answer:
            assert answer.status == 200

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


def write_settings(ctx, values):
    """Writes settings into the key file the run's GSettings reads."""
    schema_dir = os.environ['GSETTINGS_SCHEMA_DIR']
    schema = 'org.sitrep.Sitrep.Devel' if glob.glob(os.path.join(schema_dir, '*.Devel.gschema.xml')) \
        else 'org.sitrep.Sitrep'
    env = dict(os.environ, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=ctx.config_dir)
    for key, value in values.items():
        subprocess.run(['gsettings', 'set', schema, key, value], env=env, check=True)


def test_declare_from_alert(ctx):
    """An alert firing in a real Alertmanager shows in the alerts panel; the
    incident declared from it is prefilled from it, SEV1 by the default rules,
    and shows the alert as linked and firing."""
    if not shutil.which('prometheus-alertmanager'):
        if os.environ.get('SITREP_REQUIRE_SERVERS') == '1':
            raise AssertionError('prometheus-alertmanager is not installed')
        print('# skipped: prometheus-alertmanager is not installed')
        return

    alertmanager = Alertmanager(ctx.root)
    ctx.servers.append(alertmanager)
    started = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(time.time() - 180))
    alertmanager.post([{
        'labels': {'alertname': 'PaymentSuccessRateLow', 'service': 'checkout',
                   'severity': 'critical', 'tier': 'core', 'provider': 'stripe'},
        'annotations': {'summary': 'Payment success 82% on stripe',
                        'runbook_url': 'https://runbooks.example/payments'},
        'startsAt': started,
    }])

    write_settings(ctx, {
        'window-width': '1900',
        'sources': "[{'id': <'am'>, 'kind': <'alertmanager'>, 'name': <'Test Alertmanager'>, "
                   "'url': <'%s'>, 'interval': <uint32 1>, 'enabled': <true>}]" % alertmanager.url,
    })

    app = ctx.start()
    main = app.frame('Sitrep')
    wait_for('the alert in the alerts panel',
             lambda: find(main, 'label', 'PaymentSuccessRateLow · checkout'))
    wait_for('the source to say it is fresh',
             lambda: find(main, 'label', prefix='Test Alertmanager: updated'))

    click(wait_for('the Declare button of the alert',
                   lambda: find(main, 'push button', 'Declare Incident From These Alerts')))
    dialog = app.frame('Declare Incident')
    entry = wait_for('the title entry', lambda: find(dialog, 'text', 'Title'))
    wait_for('the title from the alert',
             lambda: text_of(entry) == 'Payment success 82% on stripe')
    radio = wait_for('the SEV1 choice', lambda: find(dialog, 'check box', prefix='SEV1 '))
    assert checked(radio), 'the default rules suggest SEV1 for severity=critical, tier=core'
    wait_for('the reason for SEV1',
             lambda: find(dialog, 'label', prefix='From 1 alert, firing since'))
    click(wait_for('the Declare button', lambda: find(dialog, 'push button', 'Declare')))
    wait_for('the dialog to close', lambda: not app.windows('Declare Incident'))

    wait_for_card(app, 'Payment success 82% on stripe', 'SEV1')
    wait_for('the linked alert on the card', lambda: find(main, 'label', '1 linked alert · 1 firing'))
    wait_for('the linked alert in the incident view',
             lambda: find(main, 'label', 'Firing') and
             len(find_all(main, 'label', 'PaymentSuccessRateLow · checkout')) >= 2)

    # Silenced from its row: on Alertmanager, and in the incident's timeline.
    click(wait_for('the More Actions button of the alert', lambda: find(main, 'push button', 'More Actions')))
    click(wait_for('Silence… in the menu', lambda: find(app.app, 'push button', 'Silence…')))
    dialog = app.frame('Silence Alerts')
    # GTK 4.8 names a response button by its mnemonic and its label; the
    # dialog has each twice (a wide and a narrow layout): one of them works.
    for button in wait_for('the Silence button', lambda: find_all(dialog, 'push button', prefix='_Silence')):
        if app.windows('Silence Alerts'):
            click(button)
            time.sleep(0.5)
    wait_for('the dialog to close', lambda: not app.windows('Silence Alerts'))
    wait_for('the silence in the timeline',
             lambda: find(main, 'label', prefix='Silenced ') and
             any('on Test Alertmanager until' in text_of(label) for label in find_all(main, 'label')))
    wait_for('the alert silenced in the panel', lambda: find(main, 'label', prefix='Silenced since '))
    with urllib.request.urlopen(alertmanager.url + '/api/v2/silences', timeout=5) as answer:
        silences = json.load(answer)
    assert len(silences) == 1, silences
    assert 'Payment success 82% on stripe' in silences[0]['comment'], silences[0]
    matchers = {m['name']: m['value'] for m in silences[0]['matchers']}
    assert matchers.get('alertname') == 'PaymentSuccessRateLow' and matchers.get('provider') == 'stripe', matchers
    assert app.terminate() == 0


def test_webhook_receiver(ctx):
    """With the webhook on, Sitrep listens on the port set, on 127.0.0.1
    only, with a secret it keeps in the keyring: a notification without it
    is refused, one with it shows its alert at once."""
    if not shutil.which('secret-tool'):
        if os.environ.get('SITREP_REQUIRE_KEYRING') == '1':
            raise AssertionError('secret-tool is not installed (libsecret-tools)')
        print('# skipped: secret-tool is not installed')
        return

    port = free_port()
    write_settings(ctx, {'window-width': '1900', 'webhook-enabled': 'true', 'webhook-port': str(port)})
    app = ctx.start()
    main = app.frame('Sitrep')

    def listening():
        with socket.socket() as sock:
            return sock.connect_ex(('127.0.0.1', port)) == 0
    wait_for('the receiver on port %d' % port, listening)

    secret = wait_for('the secret in the keyring', lambda: subprocess.run(
        ['secret-tool', 'lookup', 'account', 'webhook'], capture_output=True, text=True).stdout.strip())
    assert len(secret) >= 16, 'the secret is too short'

    payload = json.dumps({
        'receiver': 'sitrep', 'status': 'firing', 'version': '4', 'groupKey': '{}:{alertname="SearchDown"}',
        'truncatedAlerts': 0, 'groupLabels': {}, 'commonLabels': {}, 'commonAnnotations': {},
        'externalURL': 'http://alertmanager:9093',
        'alerts': [{'status': 'firing', 'labels': {'alertname': 'SearchDown', 'service': 'search',
                                                   'severity': 'critical'},
                    'annotations': {'summary': 'Search answers nothing'},
                    'startsAt': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
                    'endsAt': '0001-01-01T00:00:00Z', 'generatorURL': 'http://prometheus:9090/graph',
                    'fingerprint': '1f2e3d4c5b6a7980'}],
    }).encode()

    def post(path):
        request = urllib.request.Request('http://127.0.0.1:%d%s' % (port, path), data=payload,
                                         headers={'Content-Type': 'application/json'}, method='POST')
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    assert post('/alertmanager/wrong-secret-0123456789') == 401
    assert not find(main, 'label', 'SearchDown · search')
    assert post('/alertmanager/' + secret) == 200
    wait_for('the pushed alert in the alerts panel', lambda: find(main, 'label', 'SearchDown · search'))
    assert app.terminate() == 0


def save_screenshot(name):
    """Writes a PNG of the whole screen into the test log directory."""
    log_dir = os.environ.get('SITREP_TEST_LOG_DIR')
    if not log_dir or not shutil.which('xwd'):
        raise AssertionError('xwd and SITREP_TEST_LOG_DIR are needed for screenshots')
    dump = os.path.join(log_dir, name + '.xwd')
    subprocess.run(['xwd', '-root', '-silent', '-out', dump], check=True)
    xwd_to_png(dump, os.path.join(log_dir, name + '.png'))
    os.unlink(dump)
    print('# screenshot: ' + os.path.join(log_dir, name + '.png'))


def test_wall_display(ctx):
    """`sitrep --wall`, given to a running Sitrep, opens the wall display
    over its incidents: the SEV1 pinned with its countdown, the others
    rotating in the strip below; declaring another one adds it to the
    rotation. Screenshots at 1920×1080 go to the test log directory."""
    write_settings(ctx, {'wall-rotate-seconds': '3'})
    app = ctx.start()
    declare(app, 'Payments failing at checkout', 'SEV1')
    wait_for_card(app, 'Payments failing at checkout', 'SEV1')
    declare(app, 'Search is slow', 'SEV3')
    wait_for_card(app, 'Search is slow', 'SEV3')

    env = dict(app.env)
    subprocess.run([BINARY, '--wall', '--monitor', '1'], env=env, check=True, timeout=30)
    wall = app.frame('Sitrep Wall Display')

    def wall_labels():
        return [text_of(label) for label in find_all(wall, 'label')]

    def strip():
        return next((text for text in wall_labels() if text.startswith('Also active')), None)

    wait_for('the SEV1 pinned', lambda: 'Payments failing at checkout' in wall_labels())
    labels = wall_labels()
    assert 'SEV1' in labels, labels
    assert 'Next update in' in labels, labels
    assert any(text.startswith('Investigating · ') for text in labels), labels
    assert any(text.startswith('Incident Commander: ') for text in labels), labels
    assert any(text.startswith('Data — ') for text in labels), labels
    assert wait_for('the other in the strip', strip).startswith(
        'Also active (1 of 1): SEV3 Search is slow · next update in '), strip()
    # The monitor's size (less what X gives no window without a window
    # manager), and no chrome.
    width, height = size_of(wall)
    assert width >= 1900 and height >= 1060, (width, height)
    save_screenshot('wall-1920x1080-two-incidents')

    # A third incident joins the rotation; the SEV1 stays pinned.
    declare(app, 'Login errors on Android', 'SEV2')
    seen = set()

    def rotated():
        text = strip() or ''
        for title in ('Login errors on Android', 'Search is slow'):
            if title in text:
                seen.add(title)
        return len(seen) == 2 and 'Payments failing at checkout' in wall_labels()
    wait_for('both others to rotate through the strip', rotated, timeout=30)
    assert 'of 2): ' in strip(), strip()
    save_screenshot('wall-1920x1080-three-incidents')

    # The wall is read-only: no button anywhere on it.
    assert not find_all(wall, 'push button'), [b.name for b in find_all(wall, 'push button')]


def net_wm_state(window_id):
    out = subprocess.run(['xprop', '-id', window_id, '_NET_WM_STATE'], capture_output=True,
                         text=True, check=True).stdout
    return 'FULLSCREEN' in out


def test_wall_keys(ctx):
    """Under a window manager, `sitrep --wall` opens full screen on the
    monitor asked for; Esc leaves full screen, F11 enters it again, Ctrl+W
    closes the wall, and the wall alone was Sitrep's window."""
    for program in ('openbox', 'xprop', 'xdotool'):
        if not shutil.which(program):
            raise AssertionError(program + ' is needed (build-aux/deps --tests installs it)')
    wm = subprocess.Popen(['openbox'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        app = ctx.start(args=['--wall', '--monitor', '1'])
        app.frame('Sitrep Wall Display')
        assert not app.windows('Sitrep'), 'the main window opened too'

        def window_id():
            out = subprocess.run(['xdotool', 'search', '--name', '^Sitrep Wall Display$'],
                                 capture_output=True, text=True).stdout.split()
            return out[0] if out else None
        wid = wait_for('the wall on X', window_id)
        wait_for('full screen', lambda: net_wm_state(wid))
        geometry = subprocess.run(['xdotool', 'getwindowgeometry', wid], capture_output=True,
                                  text=True, check=True).stdout
        assert 'Geometry: 1920x1080' in geometry, geometry

        subprocess.run(['xdotool', 'windowactivate', '--sync', wid, 'key', 'Escape'], check=True)
        wait_for('Esc to leave full screen', lambda: not net_wm_state(wid))
        subprocess.run(['xdotool', 'windowactivate', '--sync', wid, 'key', 'F11'], check=True)
        wait_for('F11 to enter full screen', lambda: net_wm_state(wid))
        subprocess.run(['xdotool', 'windowactivate', '--sync', wid, 'key', 'ctrl+w'], check=True)
        wait_for('Ctrl+W to close the wall, and Sitrep with it',
                 lambda: app.process.poll() is not None)
    finally:
        wm.terminate()
        wm.wait(timeout=10)


TESTS = [
    test_declare_survives_restart,
    test_survives_kill_9,
    test_single_instance,
    test_damaged_journal,
    test_menu_and_window_size,
    test_incident_command,
    test_declare_from_alert,
    test_webhook_receiver,
    test_wall_display,
    test_wall_keys,
]


def main():
    global TESTS
    only = os.environ.get('SITREP_E2E_ONLY')
    if only:
        TESTS = [test for test in TESTS if test.__name__ == only]
    print('1..%d' % len(TESTS))
    failures = 0
    for number, test in enumerate(TESTS, 1):
        ctx = Context()
        failed = False
        try:
            test(ctx)
            print('ok %d - %s' % (number, test.__name__))
        except Exception:
            failed = True
            failures += 1
            print('not ok %d - %s' % (number, test.__name__))
            sys.stdout.write(''.join('# ' + line + '\n'
                                     for line in traceback.format_exc().splitlines()))
        finally:
            ctx.close(failed, test.__name__)
        sys.stdout.flush()
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
