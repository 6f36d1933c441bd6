#!/usr/bin/env python3
"""Makes OpenCabin's demo music library: six short synthesised tracks on two albums, with tags and cover art.

What it makes, in assets/media/demo-library/ (or the directory given as the only argument):
  - six Ogg Vorbis files (mono, 16 kHz, oggenc -q -1), three per album, each 1:30 to 3:30 long.
    The music is composed and synthesised here (chord progressions, arpeggios, bass, a melody and,
    on four tracks, drums), from fixed seeds, so nothing in it comes from anyone else.
  - Vorbis comments on every file: TITLE, ARTIST, ALBUMARTIST, ALBUM, TRACKNUMBER, TRACKTOTAL, DATE,
    GENRE, LICENSE, COMMENT, and the album's front cover (a 300x300 PNG drawn here) as
    METADATA_BLOCK_PICTURE. The second album is tagged in Simplified Chinese.
  - README.md: what the files are and their licence (made for OpenCabin, CC0-1.0).
Everything is written from scratch on each run, and the output is the same on every run with the
same versions of libvorbis, numpy and Pillow.

Needs:
  apt-get install -y vorbis-tools           (oggenc; ogginfo is handy to check the output)
  pip install mutagen numpy Pillow
The cover fonts are the repository's own assets/fonts/Inter-Bold.otf and
assets/fonts/NotoSansCJKsc-Bold-GB2312.otf.

Usage: python3 tools/make-demo-library.py [OUT_DIR]
"""
import base64
import io
import math
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
from mutagen.flac import Picture
from mutagen.oggvorbis import OggVorbis
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "assets" / "media" / "demo-library"
LATIN_FONT = REPO / "assets" / "fonts" / "Inter-Bold.otf"
CJK_FONT = REPO / "assets" / "fonts" / "NotoSansCJKsc-Bold-GB2312.otf"

RATE = 16000          # Hz, mono
VORBIS_QUALITY = "-1"  # oggenc's lowest quality setting
COVER_SIZE = 300
DATE = "2026"
LICENSE = "CC0-1.0"
COMMENT = "Synthesised for OpenCabin by tools/make-demo-library.py; public domain (CC0-1.0)"

MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]

ALBUMS = [
    {
        "key": "open-road",
        "artist": "Juniper Coast",
        "album": "Open Road Sketches",
        "english": ("Juniper Coast", "Open Road Sketches"),
        "genre": "Instrumental",
        "slug": "juniper-coast",
        "cover": "road",
        "tracks": [
            # title, English gloss, seconds, tonic (MIDI), scale, chord degrees, bpm, arp pattern, drums
            dict(title="Morning Drive", english="Morning Drive", seconds=96, tonic=62, scale=MAJOR,
                 chords=[0, 4, 5, 3], bpm=96, arp=[0, 1, 2, 3, 2, 1, 3, 1], sub=2, drums=False, seed=11),
            dict(title="Coastal Highway", english="Coastal Highway", seconds=131, tonic=55, scale=MAJOR,
                 chords=[5, 3, 0, 4], bpm=112, arp=[0, 2, 1, 3, 0, 2, 1, 3], sub=2, drums=True, seed=12),
            dict(title="Rest Stop Sunset", english="Rest Stop Sunset", seconds=178, tonic=65, scale=MAJOR,
                 chords=[0, 5, 1, 4], bpm=76, arp=[0, 1, 2, 1, 3, 1, 2, 1, 0, 1, 2, 1, 3, 2, 1, 2],
                 sub=4, drums=False, seed=13),
        ],
    },
    {
        "key": "city-night",
        "artist": "晨光乐队",
        "album": "城市夜行",
        "english": ("Morning Light Band", "City Night Walk"),   # glosses for the README, not tags
        "genre": "Electronic",
        "slug": "chenguang",
        "cover": "city",
        "tracks": [
            dict(title="霓虹雨", english="Neon Rain", seconds=112, tonic=57, scale=MINOR,
                 chords=[0, 5, 2, 6], bpm=104, arp=[0, 1, 2, 3, 1, 2, 3, 2, 0, 1, 2, 3, 1, 2, 3, 1],
                 sub=4, drums=True, seed=21),
            dict(title="高架桥上", english="On the Overpass", seconds=154, tonic=64, scale=MINOR,
                 chords=[0, 6, 5, 6], bpm=120, arp=[0, 2, 3, 2, 1, 2, 3, 2], sub=2, drums=True, seed=22),
            dict(title="回家的路", english="The Way Home", seconds=203, tonic=63, scale=MAJOR,
                 chords=[3, 4, 2, 5], bpm=88, arp=[0, 1, 2, 3, 2, 1, 2, 3], sub=2, drums=True, seed=23),
        ],
    },
]

def file_name(album, number, track):
    slug = "-".join(track["english"].lower().split())
    return f"{album['slug']}-{number:02d}-{slug}.ogg"


# ---------------------------------------------------------------- synthesis


def hz(midi):
    return 440.0 * 2.0 ** ((midi - 69) / 12.0)


def envelope(n, attack, release, decay=None):
    """Linear attack and release (seconds), with an optional exponential decay rate (1/s) between."""
    t = np.arange(n) / RATE
    env = np.ones(n)
    a = max(1, int(attack * RATE))
    env[:a] = np.linspace(0.0, 1.0, a, endpoint=False)[: min(a, n)]
    if decay:
        env *= np.exp(-t * decay)
    r = min(n, max(1, int(release * RATE)))
    env[n - r:] *= np.linspace(1.0, 0.0, r)
    return env


def tone(freq, seconds, partials, decay=None, attack=0.005, release=0.05, vibrato=0.0, detune=0.0):
    """Additive tone: partials is a list of (harmonic number, amplitude); higher ones decay faster."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    phase = 2 * np.pi * freq * t
    if vibrato:
        wobble = np.clip((t - 0.15) * 4, 0, 1) * vibrato * np.sin(2 * np.pi * 5.0 * t)
        phase = phase + 2 * np.pi * freq * np.cumsum(wobble) / RATE
    out = np.zeros(n)
    for k, amp in partials:
        if freq * k * (1 + detune) >= RATE / 2 * 0.9:
            continue
        part = np.sin(phase * k)
        if detune:
            part = 0.5 * (part + np.sin(phase * k * (1 + detune)))
        if decay:
            part *= np.exp(-t * decay * (0.6 + 0.4 * k))
        out += amp * part
    return out * envelope(n, attack, release)


def pluck(freq, seconds, bright=0.5):
    return tone(freq, seconds, [(1, 1.0), (2, 0.5 * bright), (3, 0.3 * bright), (4, 0.15 * bright)],
                decay=3.2, attack=0.004, release=0.08)


def pad(freq, seconds):
    return tone(freq, seconds, [(1, 1.0), (2, 0.25), (3, 0.08)], attack=min(0.4, seconds / 3),
                release=min(0.6, seconds / 2), detune=0.003)


def bass(freq, seconds):
    return tone(freq, seconds, [(1, 1.0), (2, 0.35), (3, 0.1)], decay=1.2, attack=0.01, release=0.06)


def lead(freq, seconds):
    return tone(freq, seconds, [(1, 1.0), (2, 0.2), (3, 0.11), (5, 0.04)], attack=0.02,
                release=min(0.12, seconds / 3), vibrato=0.004)


def kick():
    n = int(0.3 * RATE)
    t = np.arange(n) / RATE
    freq = 45 + 90 * np.exp(-t * 30)
    return np.sin(2 * np.pi * np.cumsum(freq) / RATE) * np.exp(-t * 14)


def hat(rng):
    n = int(0.06 * RATE)
    noise = rng.uniform(-1, 1, n)
    noise = np.diff(noise, prepend=0.0)  # crude high-pass
    return noise * np.exp(-np.arange(n) / RATE * 70)


def add(buf, start_s, sound, gain):
    i = int(round(start_s * RATE))
    if i >= len(buf):
        return
    j = min(len(buf), i + len(sound))
    buf[i:j] += gain * sound[: j - i]


def echo(signal, delay_s, feedback, repeats=4):
    out = signal.copy()
    d = int(delay_s * RATE)
    for k in range(1, repeats + 1):
        out[d * k:] += signal[: len(signal) - d * k] * feedback ** k
    return out


def compose_phrase(rng, track, chord_tones):
    """A four-bar melody: list of (start beat, length in beats, scale degree or None for a rest)."""
    rhythms = [[1, 1, 1, 1], [1.5, 0.5, 1, 1], [2, 1, 1], [1, 1, 2], [0.5, 0.5, 1, 2],
               [1, 0.5, 0.5, 2], [3, 1], [2, 2], [1.5, 1.5, 1]]
    notes, prev, beat = [], 7, 0.0
    for bar in range(4):
        pattern = [4] if bar == 3 and rng.random() < 0.5 else list(rng.choice(rhythms))
        if bar == 3 and pattern != [4]:
            pattern = [1, 1, 2]
        for i, length in enumerate(pattern):
            if i == 0 or (bar == 3 and i == len(pattern) - 1):
                # Strong beats land on a tone of the bar's chord, near the previous note.
                options = sorted((abs(d - prev), d) for c in chord_tones[bar] for d in (c, c + 7, c - 7)
                                 if -2 <= d <= 10)
                degree = options[0][1] if rng.random() < 0.7 else options[min(1, len(options) - 1)][1]
            elif rng.random() < 0.1:
                degree = None
            else:
                degree = min(10, max(-2, prev + rng.choice([-2, -1, -1, 1, 1, 2, 0])))
            notes.append((beat, length, degree))
            if degree is not None:
                prev = degree
            beat += length
    return notes


def render(track):
    rng = random.Random(track["seed"])
    noise_rng = np.random.default_rng(track["seed"])
    total = track["seconds"]
    tail = 4.0                                      # the last chord rings for this long
    bars = max(8, round((total - tail) * track["bpm"] / 240))
    beat_s = (total - tail) / (bars * 4)           # tempo stretched so the bars fill the track exactly
    scale, tonic = track["scale"], track["tonic"]

    def midi(degree, octave=0):
        return tonic + 12 * (degree // 7 + octave) + scale[degree % 7]

    chord_tones = [[d, d + 2, d + 4] for d in track["chords"]]
    n = int(total * RATE)
    layers = {name: np.zeros(n) for name in ("pad", "arp", "bass", "lead", "drums")}

    phrase_a = compose_phrase(rng, track, chord_tones)
    phrase_b = compose_phrase(rng, track, chord_tones)
    plan = ["A", "A", "B", "A", "break"]
    blocks = bars // 4
    bright = 0.35 + 0.4 * rng.random()

    for bar in range(bars):
        block, in_block = divmod(bar, 4)
        intro = block == 0
        outro = block >= blocks - 1 or bar >= blocks * 4
        section = "intro" if intro else "outro" if outro else plan[(block - 1) % len(plan)]
        start = bar * 4 * beat_s
        degrees = chord_tones[bar % 4]
        # Pad: the chord, held for the bar, voiced in the octave below the tonic.
        for d in degrees:
            add(layers["pad"], start, pad(hz(midi(d, -1)), 4 * beat_s + 0.3), 0.10)
        # Arpeggio over two octaves of the chord.
        ladder = [midi(d) for d in degrees] + [midi(degrees[0], 1)]
        step = beat_s / track["sub"]
        for i in range(4 * track["sub"]):
            note = ladder[track["arp"][i % len(track["arp"])]]
            vel = 0.8 + 0.2 * rng.random() if i % track["sub"] else 1.0
            add(layers["arp"], start + i * step, pluck(hz(note), 1.2, bright), 0.16 * vel)
        if section != "intro" or in_block >= 2:
            root = midi(degrees[0], -2)
            for beat in ((0, 2) if track["bpm"] < 100 else (0, 1.5, 2, 3.5)):
                add(layers["bass"], start + beat * beat_s, bass(hz(root), beat_s * 1.4), 0.30)
        if track["drums"] and section not in ("intro", "break", "outro"):
            for beat in range(4):
                add(layers["drums"], start + beat * beat_s, kick(), 0.45 if beat % 2 == 0 else 0.25)
                add(layers["drums"], start + (beat + 0.5) * beat_s, hat(noise_rng), 0.12)
        if section in ("A", "B") and in_block == 0:
            phrase = phrase_a if section == "A" else phrase_b
            for beat, length, degree in phrase:
                if degree is not None:
                    add(layers["lead"], start + beat * beat_s, lead(hz(midi(degree, 1)), length * beat_s * 0.95),
                        0.20)

    # The final chord: strummed, with the pad and bass under it.
    end = bars * 4 * beat_s
    final = [midi(d) for d in chord_tones[0]] + [midi(chord_tones[0][0], 1)]
    for i, note in enumerate(final):
        add(layers["arp"], end + 0.04 * i, pluck(hz(note), tail, bright), 0.18)
        add(layers["pad"], end, pad(hz(note - 12), tail), 0.08)
    add(layers["bass"], end, bass(hz(midi(chord_tones[0][0], -2)), tail), 0.3)

    layers["arp"] = echo(layers["arp"], beat_s * 0.75, 0.28)
    layers["lead"] = echo(layers["lead"], beat_s * 0.75, 0.22, repeats=3)
    mix = sum(layers.values())
    fade = int(1.5 * RATE)
    mix[-fade:] *= np.linspace(1.0, 0.0, fade)
    mix[: int(0.01 * RATE)] *= np.linspace(0.0, 1.0, int(0.01 * RATE))
    mix *= 0.8 / np.max(np.abs(mix))               # peak at -2 dBFS, headroom for the codec
    return np.round(mix * 32767).astype("<i2")


# ---------------------------------------------------------------- covers


def vertical_gradient(size, stops):
    """stops: list of (position 0..1, (r, g, b)); returns an RGB image."""
    w, h = size
    ys = np.linspace(0, 1, h)
    positions = [p for p, _ in stops]
    rows = np.stack([np.interp(ys, positions, [c[i] for _, c in stops]) for i in range(3)], axis=1)
    return Image.fromarray(np.repeat(rows[:, None, :], w, axis=1).astype(np.uint8), "RGB")


def centred_text(draw, y, text, font, fill, width, shadow=None):
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = (width - (right - left)) / 2 - left
    if shadow:
        draw.text((x + 3, y + 3), text, font=font, fill=shadow)
    draw.text((x, y), text, font=font, fill=fill)


def cover_road(album):
    s = COVER_SIZE * 2                 # drawn at double size, then reduced, for smooth edges
    horizon = int(s * 0.62)
    img = vertical_gradient((s, s), [(0.0, (28, 48, 104)), (0.35, (112, 86, 150)), (0.55, (244, 138, 110)),
                                     (0.62, (255, 200, 130)), (0.63, (70, 90, 80)), (1.0, (40, 52, 50))])
    draw = ImageDraw.Draw(img)
    # Sun, half set behind the hills.
    sun_r = s * 0.16
    cx = s * 0.5
    glow = Image.new("L", (s, s), 0)
    ImageDraw.Draw(glow).ellipse([cx - sun_r * 1.8, horizon - sun_r * 1.8, cx + sun_r * 1.8, horizon + sun_r * 1.8],
                                 fill=110)
    glow = glow.filter(ImageFilter.GaussianBlur(s * 0.05))
    img.paste(Image.new("RGB", (s, s), (255, 214, 150)), (0, 0), glow)
    draw.ellipse([cx - sun_r, horizon - sun_r, cx + sun_r, horizon + sun_r], fill=(255, 226, 160))
    # Two ranges of hills.
    far = [(0, horizon - 30)] + [(x, horizon - 40 - 38 * math.sin(x / s * 5.0 + 1.0)) for x in range(0, s + 1, 10)]
    draw.polygon(far + [(s, horizon + 5), (0, horizon + 5)], fill=(92, 74, 120))
    near = [(x, horizon - 10 - 26 * math.sin(x / s * 3.2 + 2.4)) for x in range(0, s + 1, 10)]
    draw.polygon(near + [(s, horizon + 5), (0, horizon + 5)], fill=(56, 66, 88))
    draw.rectangle([0, horizon, s, s], fill=(44, 58, 56))
    # The road to the vanishing point, with a dashed centre line in perspective.
    draw.polygon([(cx - 8, horizon), (cx + 8, horizon), (s * 0.86, s), (s * 0.14, s)], fill=(52, 52, 62))
    y = float(horizon + 6)
    while y < s:
        depth = (y - horizon) / (s - horizon)
        length = 6 + 60 * depth
        half = 1.5 + 7 * depth
        draw.polygon([(cx - half * 0.8, y), (cx + half * 0.8, y), (cx + half, y + length), (cx - half, y + length)],
                     fill=(250, 220, 120))
        y += length * 2.1
    title = ImageFont.truetype(str(LATIN_FONT), int(s * 0.105))
    small = ImageFont.truetype(str(LATIN_FONT), int(s * 0.05))
    centred_text(draw, s * 0.08, "OPEN ROAD", title, (255, 245, 230), s, shadow=(30, 30, 70))
    centred_text(draw, s * 0.20, "SKETCHES", title, (255, 245, 230), s, shadow=(30, 30, 70))
    centred_text(draw, s * 0.33, album["artist"].upper(), small, (255, 230, 190), s, shadow=(30, 30, 70))
    return img


def cover_city(album):
    s = COVER_SIZE * 2
    rng = random.Random(7)
    water = int(s * 0.78)
    img = vertical_gradient((s, s), [(0.0, (10, 12, 40)), (0.45, (40, 22, 84)), (0.78, (150, 44, 120)),
                                     (0.781, (20, 16, 44)), (1.0, (8, 8, 24))])
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.uniform(0, s), rng.uniform(0, s * 0.4)
        r = rng.choice([1.5, 2, 2.5])
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(230, 230, 255))
    draw.ellipse([s * 0.70, s * 0.08, s * 0.86, s * 0.24], fill=(255, 240, 205))
    draw.ellipse([s * 0.74, s * 0.06, s * 0.90, s * 0.22], fill=(18, 16, 52))  # crescent
    # The skyline, back row lighter, with lit windows on the front row.
    x = -10.0
    while x < s:
        w = rng.uniform(40, 80)
        h = rng.uniform(s * 0.18, s * 0.34)
        draw.rectangle([x, water - h - 40, x + w, water], fill=(52, 30, 88))
        x += w + rng.uniform(-10, 6)
    x = -20.0
    front = []
    while x < s:
        w = rng.uniform(50, 95)
        h = rng.uniform(s * 0.12, s * 0.40)
        front.append((x, w, h))
        x += w + rng.uniform(0, 10)
    for x, w, h in front:
        draw.rectangle([x, water - h, x + w, water], fill=(16, 14, 34))
        for wy in np.arange(water - h + 12, water - 10, 18):
            for wx in np.arange(x + 8, x + w - 10, 16):
                if rng.random() < 0.45:
                    colour = rng.choice([(255, 210, 120), (255, 230, 170), (120, 230, 255)])
                    draw.rectangle([wx, wy, wx + 7, wy + 9], fill=colour)
    # Neon line along the embankment, and streaks of its reflection in the water.
    draw.rectangle([0, water - 2, s, water + 3], fill=(255, 80, 190))
    for i in range(26):
        y = water + 12 + i * 5
        half = rng.uniform(20, 120) * (1 - i / 30)
        cx = rng.uniform(0, s)
        draw.line([(cx - half, y), (cx + half, y)], fill=rng.choice([(255, 80, 190), (90, 200, 255), (255, 200, 110)]),
                  width=2)
    title = ImageFont.truetype(str(CJK_FONT), int(s * 0.15))
    small = ImageFont.truetype(str(CJK_FONT), int(s * 0.06))
    centred_text(draw, s * 0.25, album["album"], title, (255, 236, 250), s, shadow=(255, 60, 170))
    centred_text(draw, s * 0.43, album["artist"], small, (160, 230, 255), s)
    return img


def cover_png(album):
    big = cover_road(album) if album["cover"] == "road" else cover_city(album)
    img = big.resize((COVER_SIZE, COVER_SIZE), Image.LANCZOS)
    # A 128-colour palette keeps the PNG small; dithering hides the gradient's banding.
    img = img.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def picture_block(png):
    pic = Picture()
    pic.type = 3                      # front cover
    pic.mime = "image/png"
    pic.desc = "Front cover"
    pic.width = pic.height = COVER_SIZE
    # As metaflac describes a palette PNG: 24 bits per pixel, 2**(IHDR bit depth) colours.
    pic.depth = 24
    pic.colors = 1 << png[24]
    pic.data = png
    return base64.b64encode(pic.write()).decode("ascii")


# ---------------------------------------------------------------- output


def encode(pcm, path, serial):
    subprocess.run(["oggenc", "--quiet", "-r", "-B", "16", "-C", "1", "-R", str(RATE), "--raw-endianness", "0",
                    "-q", VORBIS_QUALITY, "--serial", str(serial), "-o", str(path), "-"],
                   input=pcm.tobytes(), check=True)


def tag(path, album, number, track, picture):
    audio = OggVorbis(str(path))
    audio.tags.clear()                # drops oggenc's ENCODER comment, which names its version
    audio["TITLE"] = track["title"]
    audio["ARTIST"] = album["artist"]
    audio["ALBUMARTIST"] = album["artist"]
    audio["ALBUM"] = album["album"]
    audio["TRACKNUMBER"] = str(number)
    audio["TRACKTOTAL"] = str(len(album["tracks"]))
    audio["DATE"] = DATE
    audio["GENRE"] = album["genre"]
    audio["LICENSE"] = LICENSE
    audio["COMMENT"] = COMMENT
    audio["METADATA_BLOCK_PICTURE"] = picture
    audio.save()


def readme(rows):
    lines = [
        "# Demo music library",
        "",
        "Six short instrumental tracks on two albums by two fictional artists, for trying OpenCabin's media",
        "player and its library pages (the second album is tagged in Simplified Chinese, to exercise CJK",
        "text in the UI). Ogg Vorbis, mono, 16 kHz, lowest quality (`oggenc -q -1`), with Vorbis comments",
        "(TITLE, ARTIST, ALBUMARTIST, ALBUM, TRACKNUMBER, TRACKTOTAL, DATE, GENRE, LICENSE, COMMENT) and the",
        "album's front cover, a 300x300 PNG, embedded as METADATA_BLOCK_PICTURE.",
        "",
        "Everything here was generated by [`tools/make-demo-library.py`](../../../tools/make-demo-library.py):",
        "the music is composed and synthesised by the script (chord progressions, arpeggios, bass, melody,",
        "drums) from fixed seeds, and the covers are drawn by it. No samples, recordings or third-party art",
        "are used. To regenerate (see the script's docstring for what it needs):",
        "",
        "```sh",
        "python3 tools/make-demo-library.py",
        "```",
        "",
        "## Licence",
        "",
        "Made for OpenCabin and released under **CC0-1.0** (Creative Commons Zero v1.0 Universal, a public",
        "domain dedication): to the extent possible under law, the OpenCabin authors waive all copyright and",
        "related rights in these audio files, their cover art and their tags. The artists and albums are",
        "fictional. <https://creativecommons.org/publicdomain/zero/1.0/>",
        "",
        "## Files",
        "",
        "| file | # | title | artist | album | duration |",
        "|---|---|---|---|---|---|",
    ]
    for name, album, number, track in rows:
        title = track["title"] if track["title"] == track["english"] else f"{track['title']} ({track['english']})"
        english_artist, english_album = album["english"]
        artist = album["artist"] if album["artist"] == english_artist else f"{album['artist']} ({english_artist})"
        album_name = album["album"] if album["album"] == english_album else f"{album['album']} ({english_album})"
        m, s = divmod(track["seconds"], 60)
        lines.append(f"| `{name}` | {number} | {title} | {artist} | {album_name} | {m}:{s:02d} |")
    lines += ["", "The English in parentheses is a gloss for this table; the tags hold only the Chinese.",
              "GENRE: " + ", ".join(f"{a['album']} `{a['genre']}`" for a in ALBUMS) + f"; DATE: {DATE}.", ""]
    return "\n".join(lines)


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.ogg"):
        old.unlink()
    rows = []
    serial = 0x0C0FFEE0
    for album in ALBUMS:
        picture = picture_block(cover_png(album))
        for number, track in enumerate(album["tracks"], start=1):
            name = file_name(album, number, track)
            path = out / name
            serial += 1
            encode(render(track), path, serial)
            tag(path, album, number, track, picture)
            rows.append((name, album, number, track))
            print(f"{name}: {track['seconds']} s, {path.stat().st_size} bytes")
    (out / "README.md").write_text(readme(rows), encoding="utf-8")


if __name__ == "__main__":
    main()
