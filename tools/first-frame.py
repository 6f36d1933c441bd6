#!/usr/bin/env python3
"""Start to first frame of a window on an X server, seen from outside the process: starts the
command given after `--`, then reads a 16x16 block of the screen at X,Y every millisecond until
its pixels change from what the screen showed before the start, and prints the milliseconds from
the start (the software renderer has no rendering notifier, so the process cannot say itself).
The command keeps running; its pid is printed on the second line. Needs libX11 (ctypes only).
Usage: DISPLAY=:96 tools/first-frame.py X Y -- command args..."""
import ctypes
import subprocess
import sys
import time

ZPIXMAP, ALL_PLANES = 2, 0xFFFFFFFF


def main():
    x, y = int(sys.argv[1]), int(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    xlib = ctypes.CDLL("libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XGetImage.restype = ctypes.c_void_p
    xlib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                               ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    xlib.XGetPixel.restype = ctypes.c_ulong
    xlib.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
    xlib.XDestroyImage.argtypes = [ctypes.c_void_p]
    display = xlib.XOpenDisplay(None)
    if not display:
        sys.exit("first-frame: cannot open the X display")
    root = xlib.XDefaultRootWindow(display)

    def block():
        image = xlib.XGetImage(display, root, x, y, 16, 16, ALL_PLANES, ZPIXMAP)
        pixels = [xlib.XGetPixel(image, i, j) for i in range(16) for j in range(16)]
        xlib.XDestroyImage(image)
        return pixels

    before = block()
    started = time.monotonic()
    # The command writes to stderr: this stdout ends with this script, for `$(...)` callers.
    process = subprocess.Popen(command, stdout=sys.stderr)
    while block() == before:
        if process.poll() is not None:
            sys.exit(f"first-frame: the command ended with {process.returncode} before drawing")
        if time.monotonic() - started > 30:
            sys.exit("first-frame: nothing drawn in 30 s")
        time.sleep(0.001)
    print(f"{(time.monotonic() - started) * 1000:.0f}")
    print(process.pid, flush=True)


main()
