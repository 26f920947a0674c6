# atspi_driver.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Drives the real sitrep binary over AT-SPI, as a person (or a screen
# reader) would: by the accessible names of what is on screen.

import os
import signal
import subprocess
import tempfile
import time

import pyatspi

TIMEOUT = 20.0


class Timeout(AssertionError):
    pass


def wait_for(what, probe, timeout=TIMEOUT):
    """Polls probe() until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = probe()
        except Exception:  # the tree changes under our feet
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise Timeout('timed out waiting for ' + what)
        time.sleep(0.1)


def walk(node):
    try:
        yield node
        for child in node:
            if child is not None:
                yield from walk(child)
    except Exception:
        return


def name_of(node):
    try:
        return node.name or ''
    except Exception:
        return ''


def find_all(root, role, name=None, prefix=None):
    hits = []
    for node in walk(root):
        try:
            if node.getRoleName() != role:
                continue
        except Exception:
            continue
        node_name = name_of(node)
        if name is not None and node_name != name:
            continue
        if prefix is not None and not node_name.startswith(prefix):
            continue
        hits.append(node)
    return hits


def find(root, role, name=None, prefix=None):
    hits = find_all(root, role, name, prefix)
    return hits[0] if hits else None


def text_of(node):
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return name_of(node)


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ('click', 'activate', 'press', 'toggle'):
            action.doAction(i)
            return
    action.doAction(0)


def do_action(node, name):
    """Runs the named action a widget exposes (GTK exposes a window's
    actions, such as "window.close", on the window)."""
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == name:
            action.doAction(i)
            return
    raise AssertionError('%s has no action %s' % (name_of(node), name))


def size_of(node):
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return extents.width, extents.height


def click_with_pointer(node):
    """Clicks the middle of a widget with the pointer, for widgets that GTK
    4.8 gives no accessible action (check and radio buttons). The windows
    sit at the screen's origin under a bare X server, so window and screen
    coordinates agree."""
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    assert extents.width > 0 and extents.height > 0, 'nothing on screen to click'
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    # Move first, as a hand does: GTK learns which window is under the
    # pointer from the motion, and only then takes the click. (XTest through
    # xdotool; AT-SPI's own synthetic pointer does not reach GTK 4.8 here.)
    subprocess.run(['xdotool', 'mousemove', str(x), str(y)], check=True)
    time.sleep(0.3)
    subprocess.run(['xdotool', 'click', '1'], check=True)


def checked(node):
    try:
        return node.getState().contains(pyatspi.STATE_CHECKED)
    except Exception:
        return False


class Sitrep:
    """One run of the sitrep binary with its own data directory."""

    def __init__(self, binary, data_dir, config_dir, extra_env=None, args=None):
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.update({
            'GTK_A11Y': 'atspi',
            'SITREP_DATA_DIR': data_dir,
            'XDG_CONFIG_HOME': config_dir,
            'GSETTINGS_BACKEND': 'keyfile',
            'LC_ALL': 'C.UTF-8',
            'LANGUAGE': '',
        })
        env.update(extra_env or {})
        self.env = env
        self.binary = binary
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([binary] + list(args or []), env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self.app = wait_for('sitrep on the accessibility bus', self._find_app)

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is None:
                continue
            try:
                if app.name == 'sitrep' and app.get_process_id() == self.process.pid:
                    return app
            except Exception:
                continue
        return None

    def windows(self, title):
        """The top-level windows called @title (GTK 4.8 gives an AdwWindow
        the role "filler", a GtkApplicationWindow "frame")."""
        found = []
        for window in self.app:
            if window is not None and name_of(window) == title:
                found.append(window)
        return found

    def frame(self, title):
        return wait_for('window ' + title, lambda: next(iter(self.windows(title)), None))

    def output(self):
        self.log.seek(0)
        return self.log.read().decode('utf-8', 'replace')

    def close(self):
        """Quits as a person does: closes the window (its close button)."""
        try:
            do_action(self.frame('Sitrep'), 'window.close')
        except Exception as error:
            # Closing the last window ends Sitrep, which may leave before
            # its answer to the action has gone out. How it ended is what
            # the exit status says.
            if 'disconnected' not in str(error):
                raise
        return self.process.wait(timeout=TIMEOUT)

    def terminate(self):
        """Ends Sitrep the way the session does at log-out."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=TIMEOUT)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        return self.process.wait(timeout=TIMEOUT)

    def ensure_gone(self):
        if self.process.poll() is None:
            self.kill()


def xwd_to_png(xwd_path, png_path):
    """Converts a 24- or 32-bit ZPixmap dump of xwd into a PNG, so a
    screenshot needs nothing but xwd."""
    import struct
    import zlib
    with open(xwd_path, 'rb') as f:
        data = f.read()
    fields = struct.unpack('>25I', data[:100])
    header_size, width, height = fields[0], fields[4], fields[5]
    bits_per_pixel, bytes_per_line, ncolors = fields[11], fields[12], fields[19]
    byte_order = fields[7]
    if bits_per_pixel != 32:
        raise ValueError('xwd dump of %d bits per pixel' % bits_per_pixel)
    pixels = data[header_size + ncolors * 12:]
    rows = []
    for y in range(height):
        line = pixels[y * bytes_per_line:y * bytes_per_line + width * 4]
        row = bytearray(b'\0')
        for x in range(0, width * 4, 4):
            b0, b1, b2, b3 = line[x:x + 4]
            row += bytes((b2, b1, b0)) if byte_order == 0 else bytes((b1, b2, b3))
        rows.append(bytes(row))

    def chunk(kind, body):
        return (struct.pack('>I', len(body)) + kind + body
                + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff))
    png = (b'\x89PNG\r\n\x1a\n'
           + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
           + chunk(b'IDAT', zlib.compress(b''.join(rows), 6)) + chunk(b'IEND', b''))
    with open(png_path, 'wb') as f:
        f.write(png)
