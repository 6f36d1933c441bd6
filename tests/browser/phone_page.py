#!/usr/bin/python3
"""The companion's phone page in a real browser, against a real car on a private bus.

Headless Chromium with a phone's viewport (360x780) pairs (the QR link's secret, or a typed
code), then proves on the page and on the bus that: the live charge follows
`Simulation.SetStateOfCharge` (the delay is printed, in ms); "+" raises
`Climate.DriverTargetTemperature` by 0.5 °C and "Start" turns `Climate.Preconditioning` on (the
car is parked in P first: the vehicle service starts in D); a searched street's Send button
makes navigation guide there (`Active`) with the phone's name as `DestinationSender`; the page
shows the media player's title (`Player.Metadata`), its Play/Pause button flips
`Player.PlaybackStatus`, Next changes the title on the bus and on the page, and "Continue on
phone" pauses the player and says where the phone goes on. With `--restart-companion COMMAND...` the
companion is then killed (SIGKILL) and started again with COMMAND three times, the charge
changed while it is down: each time the page says it is connecting and is live again by itself
with the new charge (the reconnection with back-off). `--screenshot` saves the page at the
end, in `--language` (the page's own toggle); the pictures in docs/companion.md come from here
(with FONTCONFIG_FILE adding a CJK font on a machine without one).

  /usr/bin/python3 tests/browser/phone_page.py --url 'http://127.0.0.1:PORT/pair#SECRET' --bus BUS
  /usr/bin/python3 tests/browser/phone_page.py --url http://127.0.0.1:PORT/ --code 123456 --bus BUS
Prints "ok ..." per step and exits 0, or what was expected and seen and exits 1.
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chromium.remote_connection import ChromiumRemoteConnection
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

VEHICLE = ("org.opencabin.Vehicle1", "/org/opencabin/Vehicle1")
NAVIGATION = ("org.opencabin.Navigation1", "/org/opencabin/Navigation1")
PLAYER = ("org.mpris.MediaPlayer2.opencabin", "/org/mpris/MediaPlayer2",
          "org.mpris.MediaPlayer2.Player")
PHONE = "Test phone"
PLACE = "Lönnrotinkatu"


class Failure(Exception):
    """A step did not see what it expected."""


def run(*command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=10)
    if done.returncode:
        raise Failure(f"{' '.join(command)}: {done.stderr.strip()}")
    return done.stdout


def busctl(bus, *args):
    out = run("busctl", f"--address={bus}", "--json=short", *args)
    return json.loads(out)["data"] if out.strip() else None


def vehicle(bus, interface, name):
    return busctl(bus, "get-property", *VEHICLE, f"org.opencabin.Vehicle1.{interface}", name)


def navigation(bus, name):
    return busctl(bus, "get-property", *NAVIGATION, NAVIGATION[0], name)


def simulate(bus, method, *args):
    """A Simulation method through gdbus ("--": a negative number is not an option)."""
    run("gdbus", "call", "--address", bus, "--dest", VEHICLE[0], "--object-path", VEHICLE[1],
        "--method", f"org.opencabin.Vehicle1.Simulation.{method}", "--", *args)


def wait(driver, expected, probe, ok, timeout=10.0, poll=0.05):
    """Polls probe() until ok(value) holds: the value seen last, or a Failure naming both."""
    seen = [None]

    def check(_):
        seen[0] = probe()
        return ok(seen[0])
    try:
        WebDriverWait(driver, timeout, poll_frequency=poll).until(check)
    except TimeoutException:
        raise Failure(f"expected {expected} within {timeout:g} s, seen {seen[0]!r}") from None
    return seen[0]


def element(driver, id_):
    return driver.find_element(By.ID, id_)


def text(driver, id_):
    """What the page shows in the element ("" while it is hidden)."""
    return element(driver, id_).text


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_listening(command, port):
    """Starts `command` and returns it once it accepts connections on 127.0.0.1:`port`."""
    # Its own process group: /usr/bin/chromium is a wrapper script, and the browser it starts
    # must end with it.
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 20.0
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1.0).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise Failure(f"expected {command[0]} listening on 127.0.0.1:{port}")
            time.sleep(0.05)  # polling the port: neither program gives another sign it is up


def stop(process):
    """Ends `process` and everything it started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start_browser(profile):
    """Headless Chromium with a phone's viewport, and chromedriver attached to it.

    Both are started here with numeric addresses: left to themselves, Selenium reaches
    chromedriver and chromedriver reaches the browser as "localhost", which a machine without
    /etc/hosts (a fresh container) cannot resolve. Returns the driver and both processes.
    """
    browser_port, driver_port = free_port(), free_port()
    browser = start_listening([
        "/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--lang=en-US", "--window-size=360,780",
        f"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1",
        f"--remote-debugging-port={browser_port}", "about:blank"], browser_port)
    chromedriver = start_listening(
        ["/usr/bin/chromedriver", f"--port={driver_port}"], driver_port)
    options = webdriver.ChromeOptions()
    options.debugger_address = f"127.0.0.1:{browser_port}"
    connection = ChromiumRemoteConnection(f"http://127.0.0.1:{driver_port}", "goog", "chrome",
                                          ignore_proxy=True)
    driver = webdriver.Remote(command_executor=connection, options=options)
    # A headless window is at least 500 px wide and its frame takes 143 px of the height, so
    # the page's viewport (and the screenshot) is made the phone's 360x780 by emulation.
    metrics = {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True}
    driver.execute("executeCdpCommand",
                   {"cmd": "Emulation.setDeviceMetricsOverride", "params": metrics})
    return driver, [chromedriver, browser]


def park(driver, bus):
    """P at a standstill: N stops the car (P is refused while moving), then P."""
    gear = vehicle(bus, "Drive", "SelectedGear")
    if gear != "P":
        simulate(bus, "SetGear", "N")
        wait(driver, "the car standing", lambda: vehicle(bus, "Drive", "IsMoving"),
             lambda moving: moving is False, timeout=20)
        simulate(bus, "SetGear", "P")
    wait(driver, "gear P", lambda: vehicle(bus, "Drive", "SelectedGear"), lambda g: g == "P")
    print(f"ok car parked: gear {gear} -> P, standing")


def pair(driver, url, code):
    driver.get(url)
    wait(driver, "the pairing form", lambda: element(driver, "pairing").is_displayed(), bool)
    if code:
        element(driver, "code").send_keys(code)
    element(driver, "name").clear()
    element(driver, "name").send_keys(PHONE)
    driver.find_element(By.CSS_SELECTOR, "#pair-form button[type=submit]").click()
    seen = wait(driver, "the live car (status 'Live', a charge) or a refusal",
                lambda: (text(driver, "status"), text(driver, "charge"), text(driver, "error")),
                lambda seen: seen[2] or (seen[0] == "Live" and seen[1].endswith(" %")))
    if seen[2]:
        raise Failure("expected the live car after pairing, seen a refusal")
    if "#" in driver.current_url:
        raise Failure(f"expected the secret gone from the address, seen {driver.current_url}")
    how = f"code {code}" if code else "the QR link's secret"
    print(f"ok paired as {PHONE!r} with {how}; the page shows Live, charge {seen[1]}")


def live_charge(driver, bus):
    before = text(driver, "charge")
    target = 37 if before != "37 %" else 36
    # When the page's text changes, taken in the page (Date.now(): the clock time.time() reads).
    driver.execute_script("""
        const node = document.getElementById('charge'), want = arguments[0];
        window.chargeSeenAt = null;
        new MutationObserver(() => {
          if (window.chargeSeenAt === null && node.textContent === want)
            window.chargeSeenAt = Date.now();
        }).observe(node, {childList: true, characterData: true, subtree: true});
    """, f"{target} %")
    started = time.time()
    simulate(bus, "SetStateOfCharge", f"{target}.0")
    replied = time.time()
    seen = wait(driver, f"the page showing {target} %", lambda: driver.execute_script(
        "return [document.getElementById('charge').textContent, window.chargeSeenAt]"),
        lambda seen: seen[1] is not None, timeout=5, poll=0.01)
    on_bus = vehicle(bus, "Battery", "StateOfCharge")
    if abs(on_bus - target) > 0.5:
        raise Failure(f"expected StateOfCharge {target}, busctl read {on_bus}")
    print(f"ok charge {before} -> {seen[0]}: on the page {seen[1] - started * 1000:.0f} ms after"
          f" gdbus started (gdbus returned after {(replied - started) * 1000:.0f} ms)")


def cabin(driver, bus):
    old = vehicle(bus, "Climate", "DriverTargetTemperature")
    new = old + 0.5
    element(driver, "warmer").click()
    wait(driver, f"DriverTargetTemperature {new:g}", lambda: vehicle(
        bus, "Climate", "DriverTargetTemperature"), lambda value: abs(value - new) < 1e-6)
    wait(driver, f"the page's target {new:g} °C", lambda: text(driver, "target"),
         lambda shown: shown == f"{new:g} °C")
    print(f"ok target {old:g} -> {new:g} °C: busctl and the page agree")

    def preconditioning():  # busctl's value, what the page shows and its button
        return (vehicle(bus, "Climate", "Preconditioning"), text(driver, "preconditioning"),
                text(driver, "precondition"))
    # On since an earlier run: stopped first (the button toggles what the page last showed).
    for on, button in ([(False, "Start")] if preconditioning()[0] else []) + [(True, "Stop")]:
        element(driver, "precondition").click()
        seen = wait(driver, f"Preconditioning {on} and the button {button!r}", preconditioning,
                    lambda seen: seen[0] is on and seen[2] == button)
    if not seen[1].endswith("min left"):
        raise Failure(f"expected the page to show '... min left', seen {seen[1]!r}")
    print(f"ok preconditioning: busctl reads true, the page shows {seen[1]!r}")


def destination(driver, bus):
    if navigation(bus, "Active"):  # guiding since an earlier run: end it first
        busctl(bus, "call", *NAVIGATION, NAVIGATION[0], "Cancel")
    element(driver, "search").send_keys(PLACE)
    names = wait(driver, f"{PLACE!r} among the results", lambda: [
        name.text for name in driver.find_elements(By.CSS_SELECTOR, "#results strong")],
        lambda names: PLACE in names)
    row = driver.find_elements(By.CSS_SELECTOR, "#results li")[names.index(PLACE)]
    row.find_element(By.TAG_NAME, "button").click()
    wait(driver, f"'Sent to the car: {PLACE}'", lambda: text(driver, "sent"),
         lambda sent: sent == f"Sent to the car: {PLACE}")
    guided = wait(driver, f"navigation guiding to {PLACE} sent by {PHONE!r}", lambda: (
        navigation(bus, "Active"), navigation(bus, "Destination")[1],
        navigation(bus, "DestinationSender")), lambda seen: seen == (True, PLACE, PHONE))
    print(f"ok destination: {len(names)} results, first {names[0]!r}; the page says sent;"
          f" busctl Active {guided[0]}, Destination {guided[1]!r}, sender {guided[2]!r}")


def player(bus, name):
    return busctl(bus, "get-property", *PLAYER, name)


def title(bus):
    return player(bus, "Metadata")["xesam:title"]["data"]


def media(driver, bus):
    first = wait(driver, "the player's title on the page", lambda: (title(bus), text(driver, "track")),
                 lambda seen: seen[0] == seen[1])[0]
    before = player(bus, "PlaybackStatus")
    label = {"Playing": "Pause", "Paused": "Play", "Stopped": "Play"}
    element(driver, "play").click()
    flipped = wait(driver, f"PlaybackStatus no longer {before!r} and the button following it",
                   lambda: (player(bus, "PlaybackStatus"), text(driver, "play")),
                   lambda seen: seen[0] != before and seen[1] == label.get(seen[0]))
    element(driver, "next").click()
    second = wait(driver, "the next title on the bus and on the page",
                  lambda: (title(bus), text(driver, "track")),
                  lambda seen: seen[0] != first and seen[0] == seen[1])[0]
    print(f"ok media: {first!r} shown; {before} -> {flipped[0]} by the button; next: {second!r}")
    element(driver, "continue").click()
    handed = wait(driver, "the car paused and the page saying where to go on",
                  lambda: (player(bus, "PlaybackStatus"), text(driver, "handoff")),
                  lambda seen: seen[0] == "Paused" and seen[1].startswith("Paused in the car.")
                  and second in seen[1])
    print(f"ok continue on phone: PlaybackStatus {handed[0]}, the page says {handed[1]!r}")


def companion_pid(bus):
    return busctl(bus, "call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
                  "org.freedesktop.DBus", "GetConnectionUnixProcessID", "s",
                  "org.opencabin.Companion1")[0]


def reconnect(driver, bus, command, processes, times=3):
    """The companion killed and started again: the page reconnects by itself each time."""
    for n in range(times):
        os.kill(companion_pid(bus), signal.SIGKILL)
        wait(driver, "the page connecting again", lambda: text(driver, "status"),
             lambda status: status == "Connecting…")
        charge = 40 + 7 * n  # changed while the companion is down: only a new socket shows it
        simulate(bus, "SetStateOfCharge", f"{charge}.0")
        started = time.monotonic()
        processes.append(subprocess.Popen(command, start_new_session=True,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait(driver, f"the page live again with {charge} %",
             lambda: (text(driver, "status"), text(driver, "charge")),
             lambda seen: seen == ("Live", f"{charge} %"), timeout=20)
        print(f"ok companion killed and started again ({n + 1}/{times}): the page live with"
              f" {charge} % {(time.monotonic() - started) * 1000:.0f} ms after the start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the QR link (with #secret) or the page")
    parser.add_argument("--code", help="the 6-digit code to type (pairing without the secret)")
    parser.add_argument("--bus", required=True, help="the private bus's address")
    parser.add_argument("--screenshot", help="where to save a PNG of the page at the end")
    parser.add_argument("--language", choices=["en", "zh-CN"], default="en",
                        help="the page's language for the screenshot")
    parser.add_argument("--restart-companion", nargs=argparse.REMAINDER, metavar="COMMAND",
                        help="kill the companion and start it again with COMMAND (last)")
    args = parser.parse_args()
    driver, processes = None, []
    with tempfile.TemporaryDirectory(prefix="phone-page-") as profile:
        try:
            driver, processes = start_browser(profile)
            park(driver, args.bus)
            pair(driver, args.url, args.code)
            live_charge(driver, args.bus)
            cabin(driver, args.bus)
            destination(driver, args.bus)
            media(driver, args.bus)
            if args.restart_companion:
                reconnect(driver, args.bus, args.restart_companion, processes)
            if args.screenshot:  # as much of the page as fits, down to the hand-off
                if args.language != "en":
                    element(driver, "language").click()
                    wait(driver, f"the page in {args.language}", lambda: driver.execute_script(
                        "return document.documentElement.lang"), lambda lang: lang == args.language)
                driver.execute_script("arguments[0].scrollIntoView({block: 'end'})",
                                      element(driver, "handoff"))
                if not driver.save_screenshot(args.screenshot):
                    raise Failure(f"expected a screenshot at {args.screenshot}")
                print(f"ok screenshot {args.screenshot}")
            return 0
        except (Failure, WebDriverException) as failure:
            print(f"FAIL {failure}")
            try:
                shown = driver and text(driver, "error")
            except WebDriverException:
                shown = None
            if shown:
                print(f"     the page's #error: {shown!r}")
            return 1
        finally:
            if driver:
                driver.quit()
            for process in processes:
                stop(process)


if __name__ == "__main__":
    sys.exit(main())
