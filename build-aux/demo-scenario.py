#!/usr/bin/python3
# build-aux/demo-scenario.py --pushgateway URL [--speed N] [--interval SECONDS]
#
# The live demo's story, told in counters. Every couple of seconds it replaces
# three groups on the Pushgateway (PUT /metrics/job/demo/instance/<group>):
#
#   payments  payment_attempts_total{provider,result}      stripe, adyen
#   mobile    app_sessions_total{app,release}              ios, android
#             app_sessions_crashed_total{app,release}
#   api       http_requests_total{service,code}            checkout, search, api
#
# For the first 30 seconds all is well. Then stripe starts failing a fifth of
# its payments, which also breaks checkout; a little later the iOS 5.2.0
# release starts crashing more and more. It prints one line per phase.
#
# --speed N runs the story N times faster (the traffic stays per real second),
# so a check does not wait for it. Standard library only; SIGTERM and Ctrl+C
# end it quietly.

import argparse
import random
import signal
import sys
import time
import urllib.error
import urllib.request

# (story second, what a person sees happen)
PHASES = [
    (0, "all is well: payments succeed 99.5% of the time, 0.3% of app sessions crash, "
        "0.5% of API requests fail"),
    (30, "stripe degrades: only ~80% of its payments succeed, so payment success falls "
         "under 95%; checkout answers ~14% of its requests with a 5xx"),
    (45, "iOS 5.2.0 starts crashing: its crash rate climbs from 0.3% past 2% to ~8% "
         "over half a minute"),
]

# Traffic per real second.
PAYMENTS = {"stripe": 24.0, "adyen": 16.0}
SESSIONS = {("ios", "5.1.0"): 60.0, ("ios", "5.2.0"): 80.0,
            ("android", "5.1.0"): 50.0, ("android", "5.2.0"): 60.0}
REQUESTS = {"checkout": 80.0, "search": 70.0, "api": 50.0}


def payment_success(provider, story):
    if provider == "stripe" and story >= PHASES[1][0]:
        return 0.80
    return 0.995


def crash_rate(app, release, story):
    if (app, release) == ("ios", "5.2.0") and story >= PHASES[2][0]:
        climbed = min(1.0, (story - PHASES[2][0]) / 30.0)
        return 0.003 + climbed * (0.08 - 0.003)
    return 0.003


def error_rate(service, story):
    if service == "checkout" and story >= PHASES[1][0]:
        return 0.14
    return 0.005


class Counters:
    """Counters that only grow: fractions are carried over, whole numbers pushed."""

    def __init__(self):
        self.values = {}

    def add(self, key, amount):
        self.values[key] = self.values.get(key, 0.0) + amount

    def get(self, key):
        return int(self.values.get(key, 0.0))


def exposition(counters, name, help_text, keys, labels):
    lines = ["# HELP %s %s" % (name, help_text), "# TYPE %s counter" % name]
    for key in keys:
        pairs = ",".join('%s="%s"' % (label, value) for label, value in zip(labels, key[1:]))
        lines.append("%s{%s} %d" % (name, pairs, counters.get(key)))
    return "\n".join(lines) + "\n"


def tick(counters, dt, story):
    """Adds dt real seconds of traffic as it is at story second `story`."""
    def jitter():
        return random.uniform(0.9, 1.1)

    for provider, rate in PAYMENTS.items():
        attempts = rate * dt * jitter()
        ok = attempts * min(1.0, payment_success(provider, story) * random.uniform(0.995, 1.005))
        counters.add(("payment_attempts_total", provider, "success"), ok)
        counters.add(("payment_attempts_total", provider, "failure"), attempts - ok)
    for (app, release), rate in SESSIONS.items():
        sessions = rate * dt * jitter()
        counters.add(("app_sessions_total", app, release), sessions)
        counters.add(("app_sessions_crashed_total", app, release),
                     sessions * crash_rate(app, release, story) * jitter())
    for service, rate in REQUESTS.items():
        requests = rate * dt * jitter()
        errors = requests * min(1.0, error_rate(service, story) * jitter())
        counters.add(("http_requests_total", service, "500"), errors * 0.7)
        counters.add(("http_requests_total", service, "503"), errors * 0.3)
        counters.add(("http_requests_total", service, "200"), requests - errors)


def groups(counters):
    payments = [("payment_attempts_total", p, r) for p in PAYMENTS for r in ("success", "failure")]
    sessions = [("app_sessions_total",) + k for k in SESSIONS]
    crashed = [("app_sessions_crashed_total",) + k for k in SESSIONS]
    requests = [("http_requests_total", s, c) for s in REQUESTS for c in ("200", "500", "503")]
    return {
        "payments": exposition(counters, "payment_attempts_total", "Payment attempts by outcome.",
                               payments, ("provider", "result")),
        "mobile": exposition(counters, "app_sessions_total", "App sessions started.",
                             sessions, ("app", "release"))
                  + exposition(counters, "app_sessions_crashed_total", "App sessions that crashed.",
                               crashed, ("app", "release")),
        "api": exposition(counters, "http_requests_total", "HTTP requests answered.",
                          requests, ("service", "code")),
    }


def main():
    parser = argparse.ArgumentParser(description="Feeds the live demo's story to a Pushgateway.")
    parser.add_argument("--pushgateway", required=True, help="base URL, such as http://127.0.0.1:9091")
    parser.add_argument("--speed", type=float, default=1.0, help="run the story N times faster")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between pushes")
    args = parser.parse_args()
    if args.speed <= 0 or args.interval <= 0:
        parser.error("--speed and --interval must be positive")

    def stop(signum, frame):
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    # Loopback only: never through a proxy from the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    base = args.pushgateway.rstrip("/")
    counters = Counters()
    start = last = time.monotonic()
    phase = -1
    failing = False

    while True:
        now = time.monotonic()
        story = (now - start) * args.speed
        while phase + 1 < len(PHASES) and story >= PHASES[phase + 1][0]:
            phase += 1
            print("scenario %d:%02d  %s" % (PHASES[phase][0] // 60, PHASES[phase][0] % 60,
                                             PHASES[phase][1]), flush=True)
        tick(counters, now - last, story)
        last = now

        for instance, body in groups(counters).items():
            request = urllib.request.Request("%s/metrics/job/demo/instance/%s" % (base, instance),
                                             data=body.encode(), method="PUT",
                                             headers={"Content-Type": "text/plain; version=0.0.4"})
            try:
                with opener.open(request, timeout=5) as answer:
                    answer.read()
                if failing:
                    print("scenario: pushing again", file=sys.stderr, flush=True)
                    failing = False
            except (urllib.error.URLError, OSError) as error:
                if not failing:
                    print("scenario: cannot push to %s: %s" % (base, error), file=sys.stderr, flush=True)
                    failing = True
                break

        time.sleep(max(0.0, args.interval - (time.monotonic() - now)))


if __name__ == "__main__":
    main()
