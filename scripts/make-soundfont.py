#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Generate miditask-gm.sf2: a small, General-MIDI-complete SoundFont.

Every sound is synthesized here from simple waveforms (additive single
cycles, sine sweeps, filtered noise); nothing is sampled or downloaded.
The output is deterministic: the same bytes on every run (no timestamps,
a fixed-seed xorshift generator for noise).

    python3 scripts/make-soundfont.py [-o soundfonts/miditask-gm.sf2]

What it contains
  * bank 0, programs 0-127: one preset per GM program, named with its GM
    name (cut to the 20 characters a SoundFont name holds). Each preset has
    one instrument of the same name. Timbre and envelope are chosen per GM
    family of eight (see FAMILIES), with a few per-program touches
    (PROGRAMS).
  * bank 128, program 0: "Standard Kit", keys 27-87 (GM percussion 35-81
    and the GM2 extras around them), one synthesized one-shot or looped
    sound per key (DRUMS).

Melodic samples are looped, band-limited single cycles: one sample per
octave with its root on an A (A0 = 27.5 Hz ... A8), stored at 44000 Hz so
that an A's period is a whole number of samples (440 Hz = 100 samples);
every loop holds a whole number of periods, so it is seamless and the
pitch is exact. Each octave zone reaches 6 semitones below and 5 above
its root (the outer zones stretch to keys 0 and 127); harmonics are
dropped so the top note of a zone stays below 18 kHz. Noise (sound
effects, breath layers of the pipes) and drums are stored at 32000 Hz.

SoundFont 2.01 layout written here (all little-endian):
  RIFF 'sfbk'
    LIST 'INFO': ifil (2.01), isng, INAM, ISFT, ICMT
    LIST 'sdta': smpl (16-bit mono; 46 zero points after every sample)
    LIST 'pdta': phdr pbag pmod pgen inst ibag imod igen shdr, each list
                 closed by its terminal record (EOP / EOI / EOS / zeros).
No modulators are written: the SoundFont default modulators apply.
"""

import argparse
import math
import os
import struct
import sys
from fractions import Fraction

MELODIC_RATE = 44000      # Hz; an A's period is a whole number of samples
DRUM_RATE = 32000         # Hz; drums and noise
ZERO_PAD = 46             # zero points the format requires after each sample

# ---------------------------------------------------------------------------
# SoundFont generator numbers (SF2.01 section 8.1.2) and unit helpers

G_START_OFS, G_END_OFS = 0, 1
G_MOD_LFO_TO_PITCH, G_VIB_LFO_TO_PITCH, G_MOD_ENV_TO_PITCH = 5, 6, 7
G_FILTER_FC, G_FILTER_Q = 8, 9
G_MOD_LFO_TO_FC, G_MOD_ENV_TO_FC = 10, 11
G_MOD_LFO_TO_VOL = 13
G_CHORUS, G_REVERB, G_PAN = 15, 16, 17
G_DELAY_MOD_LFO, G_FREQ_MOD_LFO, G_DELAY_VIB_LFO, G_FREQ_VIB_LFO = 21, 22, 23, 24
G_DELAY_MOD_ENV, G_ATTACK_MOD_ENV, G_HOLD_MOD_ENV = 25, 26, 27
G_DECAY_MOD_ENV, G_SUSTAIN_MOD_ENV, G_RELEASE_MOD_ENV = 28, 29, 30
G_DELAY_VOL_ENV, G_ATTACK_VOL_ENV, G_HOLD_VOL_ENV = 33, 34, 35
G_DECAY_VOL_ENV, G_SUSTAIN_VOL_ENV, G_RELEASE_VOL_ENV = 36, 37, 38
G_KEY_TO_VOL_DECAY = 40
G_INSTRUMENT, G_KEY_RANGE = 41, 43
G_ATTENUATION = 48
G_COARSE_TUNE, G_FINE_TUNE, G_SAMPLE_ID, G_SAMPLE_MODES = 51, 52, 53, 54
G_SCALE_TUNING, G_EXCLUSIVE_CLASS, G_ROOT_KEY = 56, 57, 58

LOOP_NONE, LOOP_CONTINUOUS = 0, 1


def timecents(seconds):
    """Envelope/LFO-delay time in timecents (1 ms is the floor)."""
    if seconds <= 0.001:
        return -12000
    return int(round(1200 * math.log2(seconds)))


def abs_cents(hz):
    """A frequency as absolute cents (8.176 Hz = 0), for LFOs and filters."""
    return int(round(1200 * math.log2(hz / 8.176)))


def centibels(db):
    return int(round(db * 10))


# ---------------------------------------------------------------------------
# Deterministic noise and small DSP helpers

class XorShift32:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF or 1

    def uniform(self):
        """A float in [-1, 1)."""
        x = self.state
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        self.state = x
        return x / 2147483648.0 - 1.0


RNG = XorShift32(0x6D696469)   # "midi"


def noise(n):
    return [RNG.uniform() for _ in range(n)]


def biquad(x, kind, freq, q, rate):
    """RBJ-cookbook biquad: 'lp', 'hp' or 'bp' (0 dB peak)."""
    w0 = 2 * math.pi * min(freq, rate * 0.45) / rate
    alpha = math.sin(w0) / (2 * q)
    c = math.cos(w0)
    if kind == 'lp':
        b0, b1, b2 = (1 - c) / 2, 1 - c, (1 - c) / 2
    elif kind == 'hp':
        b0, b1, b2 = (1 + c) / 2, -(1 + c), (1 + c) / 2
    else:
        b0, b1, b2 = alpha, 0.0, -alpha
    a0, a1, a2 = 1 + alpha, -2 * c, 1 - alpha
    b0, b1, b2, a1, a2 = b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0
    y = []
    x1 = x2 = y1 = y2 = 0.0
    for v in x:
        out = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2, x1, y2, y1 = x1, v, y1, out
        y.append(out)
    return y


def filtered_noise(n, chain):
    """White noise through a chain of (kind, freq, q) biquads."""
    x = noise(n)
    for kind, freq, q in chain:
        x = biquad(x, kind, freq, q, DRUM_RATE)
    return x


def mix(*signals):
    n = max(len(s) for s in signals)
    out = [0.0] * n
    for s in signals:
        for i, v in enumerate(s):
            out[i] += v
    return out


def scale(x, gain):
    return [v * gain for v in x]


def normalize(x, peak=0.9):
    m = max(abs(v) for v in x) or 1.0
    return [v * peak / m for v in x]


def fade_out(x, ms=5.0, rate=DRUM_RATE):
    n = min(len(x), int(rate * ms / 1000))
    out = list(x)
    for i in range(n):
        out[len(x) - n + i] *= (n - 1 - i) / n
    return out


def to_pcm16(x):
    return [max(-32767, min(32767, int(round(v * 32767)))) for v in x]


# ---------------------------------------------------------------------------
# Melodic waveforms: harmonic amplitude as a function of (harmonic number,
# absolute frequency in Hz), so formants and roll-offs stay fixed in Hz.

def rolloff(f, fc, order=1):
    return 1.0 / math.sqrt(1.0 + (f / fc) ** (2 * order))


def resonances(f, peaks):
    return sum(g / (1.0 + ((f - c) / bw) ** 2) for c, bw, g in peaks)


def _table(t):
    return lambda h, f: t.get(h, 0.0)


WAVES = {
    'sine': _table({1: 1.0}),
    'triangle': lambda h, f: ((-1) ** ((h - 1) // 2)) / h ** 2 if h % 2 else 0.0,
    'square': lambda h, f: 1.0 / h if h % 2 else 0.0,
    'saw': lambda h, f: (-1) ** (h + 1) / h,
    'pulse': lambda h, f: math.sin(math.pi * h * 0.25) / h,
    'organ': _table({1: 1.0, 2: 0.8, 3: 0.6, 4: 0.5, 6: 0.35, 8: 0.3,
                     10: 0.12, 12: 0.1, 16: 0.08}),
    'piano': lambda h, f: abs(math.sin(math.pi * h / 8.5)) / h ** 1.1 * rolloff(f, 3000),
    'epiano': _table({1: 1.0, 2: 0.22, 3: 0.1, 4: 0.04}),
    'mallet': _table({1: 1.0, 4: 0.3, 10: 0.08}),
    'glock': _table({1: 1.0, 2: 0.25, 5: 0.2, 8: 0.08}),
    'bell': _table({1: 1.0, 2: 0.6, 3: 0.4, 5: 0.3, 8: 0.15}),
    'steel': _table({1: 1.0, 2: 0.7, 3: 0.35, 4: 0.2}),
    'timp': _table({1: 1.0, 2: 0.35, 3: 0.15}),
    'flute': _table({1: 1.0, 2: 0.3, 3: 0.12, 4: 0.05, 5: 0.02}),
    'pluck': lambda h, f: abs(math.sin(math.pi * h * 0.2)) / h * rolloff(f, 4000),
    'bass': lambda h, f: 1.0 / h ** 1.5 * rolloff(f, 1500),
    'strings': lambda h, f: (-1) ** (h + 1) / h * rolloff(f, 6000),
    'brass': lambda h, f: 1.0 / h ** 0.8 * rolloff(f, 3000, 2),
    'reed': lambda h, f: (1.0 if h % 2 else 0.5) / h * rolloff(f, 3500),
    'clarinet': lambda h, f: (1.0 if h % 2 else 0.08) / h * rolloff(f, 3000),
    'oboe': lambda h, f: ((1.2 if h == 1 else 0.5) + 1.5 * math.exp(-math.log2(f / 1300) ** 2 / 0.6))
                         / h ** 0.7 * rolloff(f, 5000),
    'aah': lambda h, f: resonances(f, [(800, 90, 1.0), (1150, 110, 0.6),
                                       (2900, 160, 0.3)]) / h + 0.15 / h,
    'ooh': lambda h, f: resonances(f, [(320, 60, 1.0), (800, 90, 0.5),
                                       (2300, 150, 0.15)]) / h + 0.1 / h,
    'distortion': lambda h, f: (-1) ** (h + 1) / h ** 0.6 * rolloff(f, 4000, 2),
    'sitar': lambda h, f: (1.0 + 0.5 * math.sin(h)) / h ** 0.5 * rolloff(f, 5000),
}

# Octave zones: (lowest key, highest key, root key). Roots are A's.
OCTAVES = [(0, 26, 21), (27, 38, 33), (39, 50, 45), (51, 62, 57), (63, 74, 69),
           (75, 86, 81), (87, 98, 93), (99, 110, 105), (111, 127, 117)]


def key_hz(key):
    return 440.0 * 2 ** ((key - 69) / 12)


def periodic_sample(wave, root, top_key):
    """A looped, band-limited cycle of `wave` whose root is the A `root`.

    Returns (pcm, loop_start, loop_end)."""
    amp = WAVES[wave]
    f0 = key_hz(root)
    period = Fraction(100) * Fraction(2) ** ((69 - root) // 12)   # samples
    hmax = max(1, min(int(18000 / key_hz(top_key)), int(20000 / f0), 256))
    partials = [(h, amp(h, h * f0)) for h in range(1, hmax + 1)]
    partials = [(h, a) for h, a in partials if abs(a) > 1e-4]
    cycles = period.denominator                 # smallest whole-sample loop
    while cycles * period < 256:
        cycles *= 2
    loop_len = int(cycles * period)
    lead, tail = 16, 16
    n = lead + loop_len + tail
    w = [2 * math.pi * h / float(period) for h, _ in partials]
    x = [sum(a * math.sin(wh * i) for (_, a), wh in zip(partials, w)) for i in range(n)]
    # Same loudness for every octave of a waveform, peaks kept in range.
    rms = math.sqrt(sum(v * v for v in x[lead:lead + loop_len]) / loop_len)
    gain = 0.35 / rms
    gain = min(gain, 0.95 / max(abs(v) for v in x))
    return to_pcm16(scale(x, gain)), lead, lead + loop_len


def noise_loop_sample(chain, seconds=0.6):
    """A looped filtered-noise sample at DRUM_RATE."""
    lead, tail = 64, 64
    n = int(seconds * DRUM_RATE)
    x = filtered_noise(n + lead + tail + 2000, chain)[2000:]   # skip filter start
    x = normalize(x, 0.8)
    return to_pcm16(x), lead, lead + n


# ---------------------------------------------------------------------------
# Drum sounds (DRUM_RATE, normalized to 0.9 peak). Each returns
# (samples, loop) where loop is None or (start, end).

def _t(i):
    return i / DRUM_RATE


def sweep(length, f0, f1, tau_f, tau_a, attack=0.0005):
    """A sine gliding from f0 to f1 (time constant tau_f), decaying tau_a."""
    n = int(length * DRUM_RATE)
    out, ph = [], 0.0
    for i in range(n):
        t = _t(i)
        f = f1 + (f0 - f1) * math.exp(-t / tau_f)
        ph += 2 * math.pi * f / DRUM_RATE
        a = math.exp(-t / tau_a) * min(1.0, t / attack)
        out.append(math.sin(ph) * a)
    return out


def decaying(x, tau, attack=0.0005):
    return [v * math.exp(-_t(i) / tau) * min(1.0, _t(i) / attack) for i, v in enumerate(x)]


def partials(length, parts, attack=0.0005):
    """Sum of decaying sines: parts = [(freq, amp, tau)]."""
    n = int(length * DRUM_RATE)
    out = [0.0] * n
    for f, a, tau in parts:
        w = 2 * math.pi * f / DRUM_RATE
        for i in range(n):
            out[i] += a * math.sin(w * i) * math.exp(-i / (tau * DRUM_RATE))
    return [v * min(1.0, _t(i) / attack) for i, v in enumerate(out)]


def one_shot(x):
    return to_pcm16(fade_out(normalize(x))), None


def stationary_loop(steady, attack=None, lead=0.02, loop=0.25):
    """A sample whose body from `lead` seconds on loops seamlessly.

    steady(n) gives the stationary part (n samples); attack, if given, is
    a transient added at the start (it must have died out by `lead`)."""
    ls = int(lead * DRUM_RATE)
    ll = int(loop * DRUM_RATE)
    n = ls + ll + 32
    x = steady(n)
    if attack:
        x = mix(x, attack[:ls])
    x = normalize(x)
    return to_pcm16(x), (ls, ls + ll)


def tonal_steady(parts, noise_chain=None, noise_gain=0.0):
    """Stationary partials (freqs must be multiples of 4 Hz so a 0.25 s loop
    holds whole cycles) plus optional filtered noise."""
    def gen(n):
        out = [0.0] * n
        for f, a in parts:
            w = 2 * math.pi * f / DRUM_RATE
            for i in range(n):
                out[i] += a * math.sin(w * i)
        if noise_chain:
            nz = filtered_noise(n + 1000, noise_chain)[1000:]
            out = [v + noise_gain * z for v, z in zip(out, nz)]
        return out
    return gen


def noise_steady(chain):
    return lambda n: filtered_noise(n + 1000, chain)[1000:]


def bursts(length, times, chain, tau_burst, tau_tail, tail_gain=1.0):
    """Noise bursts at `times` (s), the last one with a longer tail."""
    n = int(length * DRUM_RATE)
    nz = filtered_noise(n, chain)
    env = [0.0] * n
    for k, start in enumerate(times):
        tau = tau_tail if k == len(times) - 1 else tau_burst
        g = tail_gain if k == len(times) - 1 else 1.0
        for i in range(int(start * DRUM_RATE), n):
            env[i] = max(env[i], g * math.exp(-(_t(i) - start) / tau))
    return [a * b for a, b in zip(nz, env)]


def drum_samples():
    """name -> (pcm, loop)."""
    s = {}
    hp = lambda f, q=0.707: ('hp', f, q)
    lp = lambda f, q=0.707: ('lp', f, q)
    bp = lambda f, q: ('bp', f, q)

    click = decaying(filtered_noise(int(0.01 * DRUM_RATE), [lp(4000)]), 0.003)
    s['kick-acoustic'] = one_shot(mix(sweep(0.45, 120, 45, 0.04, 0.2), scale(click, 0.3)))
    s['kick'] = one_shot(mix(sweep(0.4, 170, 52, 0.03, 0.15), scale(click, 0.6)))
    s['side-stick'] = one_shot(mix(partials(0.08, [(1750, 1.0, 0.012), (520, 0.6, 0.02)]),
                                   scale(decaying(filtered_noise(2560, [hp(2000)]), 0.005), 0.5)))
    snare_noise = filtered_noise(int(0.35 * DRUM_RATE), [hp(1200), lp(9000)])
    s['snare-acoustic'] = one_shot(mix(partials(0.35, [(185, 0.7, 0.06), (330, 0.4, 0.04)]),
                                       scale(decaying(snare_noise, 0.09), 0.9)))
    snare_noise = filtered_noise(int(0.25 * DRUM_RATE), [hp(2000), lp(11000)])
    s['snare-electric'] = one_shot(mix(partials(0.25, [(220, 0.9, 0.04), (410, 0.5, 0.03)]),
                                       scale(decaying(snare_noise, 0.055), 0.8)))
    s['clap'] = one_shot(bursts(0.3, [0.0, 0.011, 0.022, 0.034], [bp(1200, 1.5), hp(600)],
                                0.004, 0.07))
    s['hat-closed'] = one_shot(decaying(filtered_noise(int(0.12 * DRUM_RATE),
                                                       [hp(7000), hp(7000)]), 0.022))
    s['hat-pedal'] = one_shot(decaying(filtered_noise(int(0.16 * DRUM_RATE),
                                                      [hp(5500), bp(8000, 0.8)]), 0.035))
    s['hat-open'] = stationary_loop(noise_steady([hp(6000), hp(6000)]),
                                    attack=decaying(filtered_noise(1000, [hp(3000)]), 0.006),
                                    lead=0.03, loop=0.2)
    s['tom'] = one_shot(mix(sweep(0.6, 150, 100, 0.05, 0.22),
                            scale(decaying(filtered_noise(1600, [bp(2500, 1.0)]), 0.006), 0.2)))
    s['hand-drum'] = one_shot(mix(sweep(0.4, 240, 200, 0.02, 0.12),
                                  scale(decaying(filtered_noise(800, [hp(3000)]), 0.003), 0.3)))
    s['timbale'] = one_shot(mix(partials(0.4, [(400, 1.0, 0.12), (930, 0.5, 0.08),
                                               (1480, 0.3, 0.05)]),
                                scale(decaying(filtered_noise(1600, [hp(2500)]), 0.008), 0.4)))
    s['surdo'] = one_shot(sweep(0.7, 80, 62, 0.05, 0.3, attack=0.002))
    s['crash'] = stationary_loop(noise_steady([hp(3500), bp(6500, 0.5), hp(2000)]),
                                 attack=decaying(filtered_noise(1600, [bp(3000, 0.8)]), 0.015),
                                 lead=0.05, loop=0.25)
    s['china'] = stationary_loop(
        tonal_steady([(1204, 0.3), (1716, 0.25), (2548, 0.2)],
                     [bp(3200, 1.2), hp(1500)], 1.0),
        attack=decaying(filtered_noise(1600, [bp(2000, 1.0)]), 0.012), lead=0.05)
    s['ride'] = stationary_loop(
        tonal_steady([(2840, 0.12), (3412, 0.1), (4904, 0.08), (5628, 0.07), (6780, 0.05)],
                     [hp(6000), bp(9000, 0.7)], 0.5),
        attack=partials(0.03, [(3412, 0.5, 0.01), (5628, 0.4, 0.008)]), lead=0.03)
    s['ride-bell'] = stationary_loop(
        tonal_steady([(792, 1.0), (1652, 0.6), (2180, 0.5), (3004, 0.35), (4412, 0.2)],
                     [hp(6000)], 0.05),
        attack=decaying(filtered_noise(640, [hp(4000)]), 0.003), lead=0.02)
    jingle = bursts(0.3, [0.0, 0.02], [hp(7000), bp(10000, 1.0)], 0.01, 0.08)
    s['tambourine'] = one_shot(mix(jingle, partials(0.3, [(5200, 0.15, 0.06), (7100, 0.1, 0.05)])))
    s['cowbell'] = one_shot(biquad(mix(
        [0.6 * (1 if math.sin(2 * math.pi * 562 * _t(i)) >= 0 else -1) * math.exp(-_t(i) / 0.09)
         for i in range(int(0.35 * DRUM_RATE))],
        [0.4 * (1 if math.sin(2 * math.pi * 845 * _t(i)) >= 0 else -1) * math.exp(-_t(i) / 0.07)
         for i in range(int(0.35 * DRUM_RATE))]), 'bp', 800, 1.2, DRUM_RATE))
    rattle = filtered_noise(int(0.5 * DRUM_RATE), [bp(2500, 2.0)])
    s['vibraslap'] = one_shot([v * (0.5 + 0.5 * math.sin(2 * math.pi * 28 * _t(i))) ** 4
                               * math.exp(-_t(i) / 0.18) for i, v in enumerate(rattle)])
    s['agogo'] = one_shot(partials(0.45, [(910, 1.0, 0.12), (2480, 0.4, 0.05),
                                          (4000, 0.15, 0.03)]))
    s['cabasa'] = one_shot([v * min(1.0, _t(i) / 0.01) * math.exp(-_t(i) / 0.04) for i, v in
                            enumerate(filtered_noise(int(0.15 * DRUM_RATE), [hp(5000)]))])
    s['maracas'] = one_shot(decaying(filtered_noise(int(0.1 * DRUM_RATE), [hp(6500)]), 0.02,
                                     attack=0.004))
    s['whistle'] = stationary_loop(tonal_steady([(2600, 1.0), (5200, 0.05)]), lead=0.01)
    scrape = filtered_noise(int(0.45 * DRUM_RATE), [bp(3000, 1.5)])
    s['guiro-short'] = one_shot([v * (0.5 + 0.5 * math.sin(2 * math.pi * 45 * _t(i))) ** 2
                                 * math.exp(-_t(i) / 0.05) for i, v in enumerate(scrape[:4800])])
    s['guiro-long'] = one_shot([v * (0.5 + 0.5 * math.sin(2 * math.pi * 32 * _t(i))) ** 2
                                * min(1.0, (0.45 - _t(i)) / 0.05) for i, v in enumerate(scrape)])
    s['claves'] = one_shot(partials(0.15, [(2500, 1.0, 0.03), (6100, 0.15, 0.01)]))
    s['woodblock'] = one_shot(mix(partials(0.12, [(1100, 1.0, 0.025), (2860, 0.3, 0.01)]),
                                  scale(decaying(filtered_noise(320, [hp(3000)]), 0.002), 0.3)))
    s['cuica-mute'] = one_shot(sweep(0.18, 700, 620, 0.05, 0.05, attack=0.01))
    s['cuica-open'] = one_shot(sweep(0.35, 280, 560, 0.12, 0.12, attack=0.03))
    s['triangle'] = stationary_loop(tonal_steady([(3952, 1.0), (5828, 0.5), (7712, 0.6),
                                                  (9320, 0.3), (12072, 0.2)]),
                                    attack=decaying(filtered_noise(320, [hp(6000)]), 0.002),
                                    lead=0.01)
    s['high-q'] = one_shot(sweep(0.12, 2400, 300, 0.015, 0.04))
    s['slap'] = one_shot(bursts(0.12, [0.0], [bp(1800, 1.2)], 0.02, 0.02))
    push = filtered_noise(int(0.15 * DRUM_RATE), [bp(1500, 2.0)])
    s['scratch-push'] = one_shot([v * math.sin(math.pi * _t(i) / 0.15) for i, v in
                                  enumerate(biquad(push, 'hp', 600, 0.7, DRUM_RATE))])
    pull = filtered_noise(int(0.2 * DRUM_RATE), [bp(900, 2.0)])
    s['scratch-pull'] = one_shot([v * math.sin(math.pi * _t(i) / 0.2) for i, v in enumerate(pull)])
    s['sticks'] = one_shot(partials(0.06, [(2100, 1.0, 0.012), (3350, 0.7, 0.008)]))
    s['square-click'] = one_shot([(1 if (i // 16) % 2 == 0 else -1) * math.exp(-_t(i) / 0.004)
                                  for i in range(int(0.03 * DRUM_RATE))])
    s['metronome-click'] = one_shot(partials(0.03, [(2000, 1.0, 0.006)]))
    s['metronome-bell'] = one_shot(partials(0.4, [(1800, 1.0, 0.12), (4520, 0.3, 0.05)]))
    s['shaker'] = one_shot([v * math.sin(math.pi * min(1.0, _t(i) / 0.12)) for i, v in
                            enumerate(filtered_noise(int(0.12 * DRUM_RATE), [hp(5000)]))])
    s['jingle-bell'] = one_shot(mix(bursts(0.35, [0.0, 0.03, 0.06], [hp(6000)], 0.012, 0.06),
                                    partials(0.35, [(4210, 0.3, 0.1), (5390, 0.25, 0.08),
                                                    (6630, 0.2, 0.07)])))
    tree = [0.0] * int(0.6 * DRUM_RATE)
    for k in range(8):
        f = 5200 - 380 * k
        ping = partials(0.6 - 0.05 * k, [(f, 1.0, 0.08), (f * 1.52, 0.3, 0.05)])
        start = int(0.05 * k * DRUM_RATE)
        for i, v in enumerate(ping[:len(tree) - start]):
            tree[start + i] += v * (1 - 0.07 * k)
    s['belltree'] = one_shot(tree)
    s['castanets'] = one_shot(mix(partials(0.1, [(1800, 1.0, 0.008), (3200, 0.5, 0.005)]),
                                  [0.0] * 640 + partials(0.08, [(1900, 0.8, 0.008)])))
    return s


# Standard Kit, key -> (GM name, sample, options). Options: tune (cents),
# dec (volume decay to silence, s; looped or muted sounds), trill, db (extra
# attenuation), pan (-1..1), excl (exclusive class: one chokes another).
DRUMS = {
    27: ('High Q', 'high-q', {}),
    28: ('Slap', 'slap', {'db': 3}),
    29: ('Scratch Push', 'scratch-push', {'db': 3}),
    30: ('Scratch Pull', 'scratch-pull', {'db': 3}),
    31: ('Sticks', 'sticks', {'db': 3}),
    32: ('Square Click', 'square-click', {'db': 3}),
    33: ('Metronome Click', 'metronome-click', {'db': 3}),
    34: ('Metronome Bell', 'metronome-bell', {'db': 3}),
    35: ('Acoustic Bass Drum', 'kick-acoustic', {'db': 2}),
    36: ('Bass Drum 1', 'kick', {'db': 2}),
    37: ('Side Stick', 'side-stick', {}),
    38: ('Acoustic Snare', 'snare-acoustic', {}),
    39: ('Hand Clap', 'clap', {}),
    40: ('Electric Snare', 'snare-electric', {}),
    41: ('Low Floor Tom', 'tom', {'db': 3, 'tune': -400, 'pan': -0.4}),
    42: ('Closed Hi-Hat', 'hat-closed', { 'excl': 1, 'pan': 0.3}),
    43: ('High Floor Tom', 'tom', {'db': 3, 'tune': -100, 'pan': -0.3}),
    44: ('Pedal Hi-Hat', 'hat-pedal', {'db': 1, 'excl': 1, 'pan': 0.3}),
    45: ('Low Tom', 'tom', {'db': 3, 'tune': 200, 'pan': -0.1}),
    46: ('Open Hi-Hat', 'hat-open', {'db': 3, 'excl': 1, 'pan': 0.3, 'dec': 1.1}),
    47: ('Low-Mid Tom', 'tom', {'db': 3, 'tune': 500, 'pan': 0.0}),
    48: ('Hi-Mid Tom', 'tom', {'db': 3, 'tune': 800, 'pan': 0.15}),
    49: ('Crash Cymbal 1', 'crash', {'db': 5, 'pan': -0.35, 'dec': 2.6}),
    50: ('High Tom', 'tom', {'db': 3, 'tune': 1100, 'pan': 0.3}),
    51: ('Ride Cymbal 1', 'ride', {'db': 6, 'pan': 0.4, 'dec': 3.0}),
    52: ('Chinese Cymbal', 'china', {'db': 6, 'pan': -0.4, 'dec': 1.8}),
    53: ('Ride Bell', 'ride-bell', {'db': 7, 'pan': 0.4, 'dec': 2.0}),
    54: ('Tambourine', 'tambourine', {'db': 4, 'pan': 0.2}),
    55: ('Splash Cymbal', 'crash', {'db': 6, 'tune': 500, 'pan': -0.2, 'dec': 0.9}),
    56: ('Cowbell', 'cowbell', {'db': 4, 'pan': 0.25}),
    57: ('Crash Cymbal 2', 'crash', {'db': 5, 'tune': 250, 'pan': 0.35, 'dec': 2.6}),
    58: ('Vibraslap', 'vibraslap', {'db': 3, 'pan': -0.25}),
    59: ('Ride Cymbal 2', 'ride', {'db': 6, 'tune': -200, 'pan': 0.45, 'dec': 3.0}),
    60: ('Hi Bongo', 'hand-drum', {'db': 3, 'tune': 600, 'pan': 0.3}),
    61: ('Low Bongo', 'hand-drum', {'db': 3, 'tune': 100, 'pan': 0.25}),
    62: ('Mute Hi Conga', 'hand-drum', {'db': 3, 'tune': -200, 'pan': -0.2, 'dec': 0.35}),
    63: ('Open Hi Conga', 'hand-drum', {'db': 3, 'tune': -200, 'pan': -0.2}),
    64: ('Low Conga', 'hand-drum', {'db': 3, 'tune': -700, 'pan': -0.25}),
    65: ('High Timbale', 'timbale', {'db': 2, 'tune': 200, 'pan': 0.35}),
    66: ('Low Timbale', 'timbale', {'db': 2, 'tune': -300, 'pan': 0.3}),
    67: ('High Agogo', 'agogo', {'db': 5, 'tune': 400, 'pan': 0.4}),
    68: ('Low Agogo', 'agogo', {'db': 5, 'pan': 0.4}),
    69: ('Cabasa', 'cabasa', {'db': 5, 'pan': -0.4}),
    70: ('Maracas', 'maracas', {'db': 5, 'pan': -0.35}),
    71: ('Short Whistle', 'whistle', {'db': 10, 'dec': 0.5, 'excl': 2, 'trill': True}),
    72: ('Long Whistle', 'whistle', {'db': 10, 'dec': 1.8, 'excl': 2, 'trill': True}),
    73: ('Short Guiro', 'guiro-short', { 'excl': 3, 'pan': 0.4}),
    74: ('Long Guiro', 'guiro-long', {'db': 4, 'excl': 3, 'pan': 0.4}),
    75: ('Claves', 'claves', {'db': 6, 'pan': 0.2}),
    76: ('Hi Wood Block', 'woodblock', {'db': 4, 'tune': 300, 'pan': 0.3}),
    77: ('Low Wood Block', 'woodblock', {'db': 4, 'pan': 0.3}),
    78: ('Mute Cuica', 'cuica-mute', {'db': 5, 'excl': 4, 'pan': -0.3}),
    79: ('Open Cuica', 'cuica-open', {'db': 5, 'excl': 4, 'pan': -0.3}),
    80: ('Mute Triangle', 'triangle', {'db': 6, 'dec': 0.25, 'excl': 5, 'pan': 0.45}),
    81: ('Open Triangle', 'triangle', {'db': 12, 'dec': 2.5, 'excl': 5, 'pan': 0.45}),
    82: ('Shaker', 'shaker', {'db': 5, 'pan': -0.3}),
    83: ('Jingle Bell', 'jingle-bell', {'db': 5, 'pan': 0.3}),
    84: ('Belltree', 'belltree', {'db': 6, 'pan': 0.2}),
    85: ('Castanets', 'castanets', {'db': 4, 'pan': 0.25}),
    86: ('Mute Surdo', 'surdo', {'dec': 0.5, 'db': 3, 'excl': 6, 'pan': -0.25}),
    87: ('Open Surdo', 'surdo', {'db': 3, 'excl': 6, 'pan': -0.25}),
}


# ---------------------------------------------------------------------------
# General MIDI program names and the melodic voice design

GM_NAMES = [
    "Acoustic Grand Piano", "Bright Acoustic Piano", "Electric Grand Piano",
    "Honky-tonk Piano", "Electric Piano 1", "Electric Piano 2", "Harpsichord", "Clavi",
    "Celesta", "Glockenspiel", "Music Box", "Vibraphone", "Marimba", "Xylophone",
    "Tubular Bells", "Dulcimer",
    "Drawbar Organ", "Percussive Organ", "Rock Organ", "Church Organ", "Reed Organ",
    "Accordion", "Harmonica", "Tango Accordion",
    "Acoustic Guitar (nylon)", "Acoustic Guitar (steel)", "Electric Guitar (jazz)",
    "Electric Guitar (clean)", "Electric Guitar (muted)", "Overdriven Guitar",
    "Distortion Guitar", "Guitar harmonics",
    "Acoustic Bass", "Electric Bass (finger)", "Electric Bass (pick)", "Fretless Bass",
    "Slap Bass 1", "Slap Bass 2", "Synth Bass 1", "Synth Bass 2",
    "Violin", "Viola", "Cello", "Contrabass", "Tremolo Strings", "Pizzicato Strings",
    "Orchestral Harp", "Timpani",
    "String Ensemble 1", "String Ensemble 2", "SynthStrings 1", "SynthStrings 2",
    "Choir Aahs", "Voice Oohs", "Synth Voice", "Orchestra Hit",
    "Trumpet", "Trombone", "Tuba", "Muted Trumpet", "French Horn", "Brass Section",
    "SynthBrass 1", "SynthBrass 2",
    "Soprano Sax", "Alto Sax", "Tenor Sax", "Baritone Sax", "Oboe", "English Horn",
    "Bassoon", "Clarinet",
    "Piccolo", "Flute", "Recorder", "Pan Flute", "Blown Bottle", "Shakuhachi",
    "Whistle", "Ocarina",
    "Lead 1 (square)", "Lead 2 (sawtooth)", "Lead 3 (calliope)", "Lead 4 (chiff)",
    "Lead 5 (charang)", "Lead 6 (voice)", "Lead 7 (fifths)", "Lead 8 (bass + lead)",
    "Pad 1 (new age)", "Pad 2 (warm)", "Pad 3 (polysynth)", "Pad 4 (choir)",
    "Pad 5 (bowed)", "Pad 6 (metallic)", "Pad 7 (halo)", "Pad 8 (sweep)",
    "FX 1 (rain)", "FX 2 (soundtrack)", "FX 3 (crystal)", "FX 4 (atmosphere)",
    "FX 5 (brightness)", "FX 6 (goblins)", "FX 7 (echoes)", "FX 8 (sci-fi)",
    "Sitar", "Banjo", "Shamisen", "Koto", "Kalimba", "Bag pipe", "Fiddle", "Shanai",
    "Tinkle Bell", "Agogo", "Steel Drums", "Woodblock", "Taiko Drum", "Melodic Tom",
    "Synth Drum", "Reverse Cymbal",
    "Guitar Fret Noise", "Breath Noise", "Seashore", "Bird Tweet", "Telephone Ring",
    "Helicopter", "Applause", "Gunshot",
]
assert len(GM_NAMES) == 128

# SoundFont names hold 20 characters; these GM names are longer.
SHORT_NAMES = {
    "Bright Acoustic Piano": "Bright Acoustic Pno",
    "Acoustic Guitar (nylon)": "Acoustic Gtr (nylon)",
    "Acoustic Guitar (steel)": "Acoustic Gtr (steel)",
    "Electric Guitar (jazz)": "Electric Gtr (jazz)",
    "Electric Guitar (clean)": "Electric Gtr (clean)",
    "Electric Guitar (muted)": "Electric Gtr (muted)",
    "Electric Bass (finger)": "Electric Bass (fngr)",
}


def sf_name(name):
    name = SHORT_NAMES.get(name, name)
    assert len(name) <= 20, name
    return name


# Voice parameters. wave: a WAVES or NOISES name; att/hold/dec/rel:
# seconds; sus: sustain level in dB below peak (100 = decays to silence);
# kdec: timecents per key the decay shortens above key 60; vib: (Hz, cents,
# delay s); trem: (Hz, dB, delay s); fc: low-pass cutoff Hz; fenv: (cents,
# attack s, decay s, sustain 0..1) on the cutoff; sweep: (Hz, cents), a slow
# LFO on the cutoff instead of trem; db: attenuation;
# chorus/reverb: percent; detune: cents between two copies of the voice,
# tuned symmetrically so the pitch stays centred; layers: extra zone sets,
# each a dict of the keys above plus tune (cents); keytrack: cents per key
# (100 = normal pitch; low values for noise).
BASE = dict(wave='sine', att=0.001, hold=0.0, dec=0.0, sus=0.0, rel=0.1, kdec=0,
            vib=None, trem=None, fc=None, q=0, fenv=None, db=0, chorus=0, reverb=15,
            detune=0, layers=(), keytrack=100)

PERC = dict(sus=100, kdec=40)                       # decays to silence
BREATH = dict(wave='breath', db=22, att=0.01, dec=0.25, sus=12, rel=0.1, keytrack=40,
              vib=None)

FAMILIES = [
    # 0 Piano: percussive, bright attack
    dict(PERC, wave='piano', dec=10.0, rel=0.3, kdec=50, fc=5000,
         fenv=(1800, 0.001, 1.5, 0.0)),
    # 1 Chromatic percussion: mallets and bells
    dict(PERC, wave='mallet', dec=2.0, rel=0.4, reverb=25),
    # 2 Organ: sustained
    dict(wave='organ', att=0.005, rel=0.08, chorus=20),
    # 3 Guitar: plucked
    dict(PERC, wave='pluck', dec=6.0, rel=0.2, kdec=50),
    # 4 Bass: plucked, long
    dict(PERC, wave='bass', dec=8.0, rel=0.1, kdec=30, reverb=5),
    # 5 Strings: bowed, vibrato
    dict(wave='strings', att=0.08, rel=0.3, vib=(5.5, 12, 0.25), fc=6000, reverb=25),
    # 6 Ensemble
    dict(wave='strings', att=0.15, rel=0.5, fc=5000, chorus=40, reverb=30, detune=8, db=2),
    # 7 Brass
    dict(wave='brass', att=0.03, dec=0.3, sus=3, rel=0.15, vib=(5.0, 8, 0.4),
         fc=1800, fenv=(2400, 0.04, 0.3, 0.4)),
    # 8 Reed
    dict(wave='reed', att=0.02, rel=0.12, vib=(5.0, 10, 0.35), fc=5000),
    # 9 Pipe: flutes, with a breath-noise layer
    dict(wave='flute', att=0.05, rel=0.15, vib=(5.0, 10, 0.3), reverb=25, layers=[BREATH]),
    # 10 Synth lead
    dict(wave='square', att=0.005, rel=0.1, vib=(5.5, 8, 0.5), db=2),
    # 11 Synth pad: slow attack, long release
    dict(wave='saw', att=0.5, rel=1.2, fc=2500, chorus=50, reverb=40, detune=8, db=2),
    # 12 Synth effects
    dict(wave='triangle', att=0.2, dec=2.0, sus=6, rel=1.5, chorus=40, reverb=50),
    # 13 Ethnic: plucked
    dict(PERC, wave='pluck', dec=4.0, rel=0.2, kdec=40),
    # 14 Percussive: short
    dict(PERC, wave='sine', dec=0.5, rel=0.15),
    # 15 Sound effects: noise
    dict(wave='noise', att=0.01, rel=0.3, keytrack=30, reverb=20),
]

PROGRAMS = {
    1: dict(fc=7000, fenv=(1800, 0.001, 1.2, 0.0)),
    2: dict(wave='epiano', fc=None, fenv=None, dec=5.0),
    3: dict(detune=14, db=2, chorus=20),
    4: dict(wave='epiano', fc=None, fenv=None, dec=4.0, trem=(4.5, 2, 0.0)),
    5: dict(wave='epiano', fc=None, fenv=None, dec=3.0, layers=[dict(wave='glock', db=10,
                                                                     dec=0.6)]),
    6: dict(wave='saw', fc=None, fenv=None, dec=2.5, rel=0.15, db=4),
    7: dict(wave='pulse', fc=3500, fenv=(2400, 0.001, 0.3, 0.0), dec=1.5, rel=0.08, db=2),
    8: dict(wave='glock', dec=1.2),
    9: dict(wave='glock', dec=2.5, db=3),
    10: dict(wave='bell', dec=1.6, db=2),
    11: dict(dec=4.0, trem=(5.0, 4, 0.0), wave='epiano'),
    12: dict(dec=0.6, kdec=60),
    13: dict(dec=0.35, kdec=60, wave='glock'),
    14: dict(wave='bell', dec=5.0, rel=1.0, db=2),
    15: dict(wave='pluck', dec=2.5),
    17: dict(dec=0.5, sus=8, layers=[dict(wave='sine', tune=1200, db=6, dec=0.25, sus=100)]),
    18: dict(wave='organ', trem=(6.5, 2, 0.0), db=1),
    19: dict(att=0.08, rel=0.6, reverb=60, layers=[dict(tune=1200, db=8)]),
    20: dict(wave='reed', att=0.03, rel=0.1, db=2),
    21: dict(wave='reed', att=0.03, rel=0.1, detune=10, db=3),
    22: dict(wave='clarinet', att=0.04, rel=0.1, vib=(5.5, 15, 0.3)),
    23: dict(wave='reed', att=0.03, rel=0.1, detune=16, db=3),
    26: dict(wave='triangle', dec=3.0),
    27: dict(wave='epiano', dec=3.0),
    28: dict(dec=0.35, kdec=20, rel=0.05),
    29: dict(wave='distortion', dec=3.0, sus=12, rel=0.15, db=4),
    30: dict(wave='distortion', dec=4.0, sus=8, rel=0.15, db=4, fc=3000),
    31: dict(wave='sine', dec=2.5),
    35: dict(att=0.02, dec=4.0, sus=20),
    36: dict(wave='pluck', dec=1.5, db=2),
    37: dict(wave='pluck', dec=1.2, db=2),
    38: dict(wave='saw', dec=1.0, sus=18, fc=800, fenv=(3600, 0.001, 0.25, 0.0), db=3),
    39: dict(wave='square', dec=1.0, sus=18, fc=1200, fenv=(3000, 0.001, 0.3, 0.0), db=3),
    43: dict(vib=(5.0, 8, 0.3)),
    44: dict(trem=(9.0, 8, 0.0), vib=None),
    45: dict(PERC, dec=0.4, att=0.001, rel=0.1, vib=None),
    46: dict(PERC, wave='triangle', dec=2.5, att=0.001, rel=0.5, vib=None),
    47: dict(PERC, wave='timp', dec=2.0, att=0.002, rel=0.4, vib=None, fc=None),
    50: dict(wave='saw', fc=3000, chorus=60),
    51: dict(wave='saw', fc=2000, chorus=60, att=0.3),
    52: dict(wave='aah', fc=None, att=0.2, vib=(5.0, 10, 0.2)),
    53: dict(wave='ooh', fc=None, att=0.15, vib=(5.0, 10, 0.2)),
    54: dict(wave='ooh', fc=None, att=0.05, vib=(5.5, 14, 0.1), detune=0, db=0),
    55: dict(PERC, wave='saw', att=0.001, dec=0.5, rel=0.2, fc=6000, detune=0,
             layers=[dict(tune=700, db=3), dict(tune=1200, db=3)]),
    57: dict(fc=1300),
    58: dict(fc=900, fenv=(1800, 0.05, 0.3, 0.3)),
    59: dict(wave='oboe', fc=2500, fenv=None, vib=None),
    60: dict(fc=1000, fenv=(1200, 0.08, 0.4, 0.5), att=0.06),
    61: dict(detune=10, db=2, chorus=30),
    62: dict(wave='saw', fc=1200, fenv=(3600, 0.02, 0.5, 0.3), vib=None),
    63: dict(wave='square', fc=900, fenv=(3600, 0.1, 0.6, 0.4), vib=None),
    68: dict(wave='oboe', fc=None),
    69: dict(wave='oboe', fc=3500),
    70: dict(wave='oboe', fc=2000),
    71: dict(wave='clarinet', fc=None),
    74: dict(wave='triangle'),
    75: dict(wave='sine', layers=[dict(BREATH, db=16)]),
    76: dict(wave='sine', layers=[dict(BREATH, db=16)]),
    77: dict(wave='flute', layers=[dict(BREATH, db=14)], vib=(4.5, 20, 0.3)),
    78: dict(wave='sine', layers=(), vib=(6.0, 15, 0.2)),
    79: dict(wave='sine', layers=[dict(BREATH, db=26)]),
    81: dict(wave='saw'),
    82: dict(wave='flute', layers=[dict(BREATH, db=18)]),
    83: dict(wave='triangle', layers=[dict(BREATH, db=12, dec=0.08, sus=100)]),
    84: dict(wave='distortion', db=4),
    85: dict(wave='ooh', att=0.03),
    86: dict(wave='saw', layers=[dict(tune=700, db=5)]),
    87: dict(wave='saw', layers=[dict(wave='square', tune=-1200, db=9)]),
    88: dict(wave='triangle', fc=None, detune=0, layers=[dict(wave='bell', db=8, att=0.001,
                                                               dec=2.0, sus=100)]),
    89: dict(fc=1200),
    90: dict(att=0.05, rel=0.6, fc=3000),
    91: dict(wave='aah', fc=None),
    92: dict(wave='strings', fc=1500, att=0.8),
    93: dict(wave='pulse', fc=4000, trem=(0.5, 3, 0.0)),
    94: dict(wave='ooh', fc=None, rel=1.8),
    95: dict(fc=600, fenv=None, trem=None, sweep=(0.3, 3600)),
    96: dict(wave='glock', att=0.001, dec=1.2, sus=100, trem=(6.0, 6, 0.0)),
    97: dict(wave='saw', att=0.5, sus=0, dec=0.0, fc=2000),
    98: dict(wave='glock', att=0.001, dec=2.5, sus=100),
    99: dict(wave='pluck', att=0.001, dec=3.0, sus=24, layers=[dict(wave='saw', db=10,
                                                                   att=0.8, fc=1500)]),
    100: dict(wave='saw', att=0.01, fc=8000),
    101: dict(wave='saw', att=0.6, fc=1500, sweep=(0.2, 1200)),
    102: dict(wave='triangle', trem=(2.5, 10, 0.3)),
    103: dict(wave='sine', vib=(0.8, 40, 0.2)),
    104: dict(wave='sitar', dec=3.5, db=3),
    105: dict(dec=1.2, db=1),
    106: dict(dec=0.9),
    107: dict(wave='triangle', dec=1.8),
    108: dict(wave='mallet', dec=0.8),
    109: dict(wave='oboe', sus=0, att=0.02, dec=0.0, rel=0.1, kdec=0, fc=4000, chorus=30),
    110: dict(wave='strings', sus=0, att=0.04, dec=0.0, kdec=0, rel=0.2, vib=(5.5, 14, 0.2)),
    111: dict(wave='oboe', sus=0, att=0.02, dec=0.0, kdec=0, rel=0.1, vib=(6.0, 18, 0.2)),
    112: dict(wave='glock', dec=1.0),
    113: dict(wave='bell', dec=0.6),
    114: dict(wave='steel', dec=1.2),
    115: dict(dec=0.2, kdec=0),
    116: dict(wave='timp', dec=0.8, layers=[dict(wave='noiselow', keytrack=30, dec=0.15,
                                                  sus=100, db=6)]),
    117: dict(dec=0.5),
    118: dict(wave='triangle', dec=0.4),
    119: dict(wave='noise', sus=0, att=1.5, dec=0.0, rel=0.05, kdec=0, reverb=30),
    120: dict(wave='noise', sus=100, dec=0.8, rel=0.05, fc=4000),
    121: dict(wave='breath', att=0.08, rel=0.25, keytrack=20),
    122: dict(wave='noiselow', att=1.0, rel=1.5, keytrack=0, trem=(0.15, 12, 0.0)),
    123: dict(wave='sine', att=0.01, vib=(12.0, 150, 0.0), trem=(9.0, 10, 0.0), rel=0.1),
    124: dict(wave='square', trem=(16.0, 30, 0.0), db=8, rel=0.05),
    125: dict(wave='noiselow', trem=(12.0, 16, 0.0), keytrack=10),
    126: dict(wave='noise', att=0.4, rel=0.8, trem=(3.0, 3, 0.0), fc=6000, keytrack=10),
    127: dict(wave='noiselow', sus=100, dec=0.6, rel=0.4, keytrack=10),
}

NOISES = {
    'noise': [('hp', 200, 0.707)],
    'breath': [('bp', 1800, 0.6), ('hp', 400, 0.707)],
    'noiselow': [('lp', 700, 0.707), ('lp', 1400, 0.707)],
}


def program_params(program):
    p = dict(BASE)
    p.update(FAMILIES[program // 8])
    p.update(PROGRAMS.get(program, {}))
    return p


# ---------------------------------------------------------------------------
# Building the bank

class Bank:
    def __init__(self):
        self.samples = []     # (name, pcm, rate, root, loop_start, loop_end)
        self.sample_ids = {}
        self.instruments = []  # (name, [zone]); zone = [(gen, value)]
        self.presets = []      # (name, program, bank, instrument index)

    def add_sample(self, name, pcm, rate, root, loop=None):
        assert len(name) <= 20 and name not in self.sample_ids, name
        # One-shots (played with sampleModes 0) still get loop points inside
        # the sample, 8 points in from each end, as the format asks.
        ls, le = loop if loop else (8, len(pcm) - 8)
        self.sample_ids[name] = len(self.samples)
        self.samples.append((name, pcm, rate, root, ls, le))
        return self.sample_ids[name]

    def melodic_sample(self, wave, root, top):
        name = '%s-%d' % (wave, root)
        if name not in self.sample_ids:
            pcm, ls, le = periodic_sample(wave, root, top)
            self.add_sample(name, pcm, MELODIC_RATE, root, (ls, le))
        return self.sample_ids[name]

    def noise_sample(self, wave):
        if wave not in self.sample_ids:
            pcm, ls, le = noise_loop_sample(NOISES[wave])
            self.add_sample(wave, pcm, DRUM_RATE, 60, (ls, le))
        return self.sample_ids[wave]


def voice_gens(p):
    """Generators for one set of zones, from a parameter dict."""
    g = []
    if p.get('tune'):
        coarse, fine = divmod(int(p['tune']), 100)
        if fine > 50:
            coarse, fine = coarse + 1, fine - 100
        if coarse:
            g.append((G_COARSE_TUNE, coarse))
        if fine:
            g.append((G_FINE_TUNE, fine))
    if p['keytrack'] != 100:
        g.append((G_SCALE_TUNING, p['keytrack']))
    if p['fc']:
        g.append((G_FILTER_FC, abs_cents(p['fc'])))
        if p['q']:
            g.append((G_FILTER_Q, centibels(p['q'])))
    if p['fenv'] and p['fc']:
        cents, a, d, s = p['fenv']
        g += [(G_ATTACK_MOD_ENV, timecents(a)), (G_DECAY_MOD_ENV, timecents(d)),
              (G_SUSTAIN_MOD_ENV, int(round(1000 * (1 - s)))),
              (G_RELEASE_MOD_ENV, timecents(p['rel'])), (G_MOD_ENV_TO_FC, cents)]
    if p.get('sweep') and p['fc']:
        hz, cents = p['sweep']
        g += [(G_FREQ_MOD_LFO, abs_cents(hz)), (G_MOD_LFO_TO_FC, cents)]
    elif p['trem']:
        hz, db, delay = p['trem']
        g += [(G_FREQ_MOD_LFO, abs_cents(hz)), (G_MOD_LFO_TO_VOL, centibels(db))]
        if delay:
            g.append((G_DELAY_MOD_LFO, timecents(delay)))
    if p['vib']:
        hz, cents, delay = p['vib']
        g += [(G_FREQ_VIB_LFO, abs_cents(hz)), (G_VIB_LFO_TO_PITCH, cents)]
        if delay:
            g.append((G_DELAY_VIB_LFO, timecents(delay)))
    g.append((G_ATTACK_VOL_ENV, timecents(p['att'])))
    if p['hold']:
        g.append((G_HOLD_VOL_ENV, timecents(p['hold'])))
    if p['sus'] > 0:
        g += [(G_DECAY_VOL_ENV, timecents(p['dec'])),
              (G_SUSTAIN_VOL_ENV, min(1440, centibels(p['sus'])))]
        if p['kdec']:
            g.append((G_KEY_TO_VOL_DECAY, p['kdec']))
    g.append((G_RELEASE_VOL_ENV, timecents(p['rel'])))
    if p['db']:
        g.append((G_ATTENUATION, centibels(p['db'])))
    if p['chorus']:
        g.append((G_CHORUS, p['chorus'] * 10))
    g.append((G_REVERB, p['reverb'] * 10))
    return g


def melodic_zones(bank, p):
    """Key-split zones (one per octave sample) for one voice."""
    gens = voice_gens(p)
    zones = []
    if p['wave'] in NOISES:
        sid = bank.noise_sample(p['wave'])
        zones.append([(G_KEY_RANGE, (0, 127))] + gens +
                     [(G_SAMPLE_MODES, LOOP_CONTINUOUS), (G_SAMPLE_ID, sid)])
        return zones
    for lo, hi, root in OCTAVES:
        sid = bank.melodic_sample(p['wave'], root, hi)
        zones.append([(G_KEY_RANGE, (lo, hi))] + gens +
                     [(G_SAMPLE_MODES, LOOP_CONTINUOUS), (G_SAMPLE_ID, sid)])
    return zones


def build_melodic(bank):
    for program, gm_name in enumerate(GM_NAMES):
        p = program_params(program)
        layers = list(p['layers'])
        if p['detune']:
            half = p['detune'] // 2
            layers.insert(0, dict(tune=half))
            p['tune'] = -half
        zones = melodic_zones(bank, p)
        for layer in layers:
            lp = dict(p)
            lp['layers'] = ()
            lp.update(layer)
            lp['tune'] = layer.get('tune', 0)
            lp['db'] = p['db'] + layer.get('db', 0)
            zones += melodic_zones(bank, lp)
        # Zones hold every generator themselves (no global zone), so layers
        # can differ freely.
        bank.instruments.append((sf_name(gm_name), zones))
        bank.presets.append((sf_name(gm_name), program, 0, len(bank.instruments) - 1))


def build_drums(bank):
    sounds = drum_samples()
    for name in sorted(sounds):
        pcm, loop = sounds[name]
        bank.add_sample(name, pcm, DRUM_RATE, 60, loop)
    zones = []
    for key in sorted(DRUMS):
        _, sample, o = DRUMS[key]
        looped = sounds[sample][1] is not None
        g = [(G_KEY_RANGE, (key, key)), (G_ROOT_KEY, key)]
        tune = o.get('tune', 0)
        if tune:
            coarse, fine = divmod(tune, 100)
            if coarse:
                g.append((G_COARSE_TUNE, coarse))
            if fine:
                g.append((G_FINE_TUNE, fine))
        if o.get('pan'):
            g.append((G_PAN, int(round(o['pan'] * 500))))
        if o.get('trill'):
            g += [(G_FREQ_MOD_LFO, abs_cents(28.0)), (G_MOD_LFO_TO_VOL, 80),
                  (G_FREQ_VIB_LFO, abs_cents(28.0)), (G_VIB_LFO_TO_PITCH, 30)]
        if looped or 'dec' in o:
            # Looped tails (and muted sounds) die away through the volume
            # envelope; the release matches, so an early note-off changes little.
            dec = o.get('dec', 1.0)
            g += [(G_DECAY_VOL_ENV, timecents(dec)), (G_SUSTAIN_VOL_ENV, 1440),
                  (G_RELEASE_VOL_ENV, timecents(dec))]
        else:
            # One-shots play to their end even after a very short MIDI note.
            g.append((G_RELEASE_VOL_ENV, timecents(1.5)))
        if o.get('db'):
            g.append((G_ATTENUATION, centibels(o['db'])))
        if o.get('excl'):
            g.append((G_EXCLUSIVE_CLASS, o['excl']))
        g.append((G_REVERB, 120))
        g += [(G_SAMPLE_MODES, LOOP_CONTINUOUS if looped else LOOP_NONE),
              (G_SAMPLE_ID, bank.sample_ids[sample])]
        zones.append(g)
    bank.instruments.append(("Standard Kit", zones))
    bank.presets.append(("Standard Kit", 0, 128, len(bank.instruments) - 1))


# ---------------------------------------------------------------------------
# RIFF writing

def chunk(cid, data):
    pad = b'\0' if len(data) % 2 else b''
    return cid + struct.pack('<I', len(data)) + data + pad


def list_chunk(kind, chunks):
    return chunk(b'LIST', kind + b''.join(chunks))


def zstr(text):
    """A zero-terminated INFO string, padded to an even length."""
    b = text.encode('ascii') + b'\0'
    return b + (b'\0' if len(b) % 2 else b'')


def name20(text):
    b = text.encode('ascii')
    assert len(b) <= 20, text
    return b.ljust(20, b'\0')


def gen_record(gen, value):
    if gen in (G_KEY_RANGE,):
        lo, hi = value
        return struct.pack('<HBB', gen, lo, hi)
    if gen in (G_INSTRUMENT, G_SAMPLE_ID, G_SAMPLE_MODES, G_EXCLUSIVE_CLASS):
        return struct.pack('<HH', gen, value)
    return struct.pack('<Hh', gen, value)


def write_bank(bank):
    info = list_chunk(b'INFO', [
        chunk(b'ifil', struct.pack('<HH', 2, 1)),
        chunk(b'isng', zstr('EMU8000')),
        chunk(b'INAM', zstr('miditask General MIDI')),
        chunk(b'ISFT', zstr('miditask make-soundfont.py')),
        chunk(b'ICMT', zstr('Generated by scripts/make-soundfont.py from simple '
                            'synthesized waveforms; GM programs 0-127 (bank 0) and '
                            'Standard Kit (bank 128).')),
    ])

    smpl = []
    shdr = []
    offset = 0
    for name, pcm, rate, root, ls, le in bank.samples:
        start, end = offset, offset + len(pcm)
        shdr.append(name20(name) + struct.pack(
            '<IIIIIBbHH', start, end, start + ls, start + le, rate, root, 0, 0, 1))
        smpl.append(struct.pack('<%dh' % len(pcm), *pcm))
        smpl.append(b'\0\0' * ZERO_PAD)
        offset = end + ZERO_PAD
    shdr.append(name20('EOS') + struct.pack('<IIIIIBbHH', 0, 0, 0, 0, 0, 0, 0, 0, 0))
    sdta = list_chunk(b'sdta', [chunk(b'smpl', b''.join(smpl))])

    inst, ibag, igen = [], [], []
    for name, zones in bank.instruments:
        inst.append(name20(name) + struct.pack('<H', len(ibag)))
        for zone in zones:
            ibag.append(struct.pack('<HH', len(igen), 0))
            igen += [gen_record(g, v) for g, v in zone]
    inst.append(name20('EOI') + struct.pack('<H', len(ibag)))
    ibag.append(struct.pack('<HH', len(igen), 0))
    igen.append(struct.pack('<HH', 0, 0))

    # Presets sorted by bank then program, as readers expect.
    phdr, pbag, pgen = [], [], []
    for name, program, bnum, inst_index in sorted(bank.presets, key=lambda p: (p[2], p[1])):
        phdr.append(name20(name) + struct.pack('<HHHIII', program, bnum, len(pbag), 0, 0, 0))
        pbag.append(struct.pack('<HH', len(pgen), 0))
        pgen.append(gen_record(G_INSTRUMENT, inst_index))
    phdr.append(name20('EOP') + struct.pack('<HHHIII', 0, 0, len(pbag), 0, 0, 0))
    pbag.append(struct.pack('<HH', len(pgen), 0))
    pgen.append(struct.pack('<HH', 0, 0))

    no_mods = struct.pack('<HHhHH', 0, 0, 0, 0, 0)
    pdta = list_chunk(b'pdta', [
        chunk(b'phdr', b''.join(phdr)), chunk(b'pbag', b''.join(pbag)),
        chunk(b'pmod', no_mods), chunk(b'pgen', b''.join(pgen)),
        chunk(b'inst', b''.join(inst)), chunk(b'ibag', b''.join(ibag)),
        chunk(b'imod', no_mods), chunk(b'igen', b''.join(igen)),
        chunk(b'shdr', b''.join(shdr)),
    ])
    return chunk(b'RIFF', b'sfbk' + info + sdta + pdta)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, '..', 'soundfonts', 'miditask-gm.sf2')
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-o', '--output', default=os.path.normpath(default),
                    help='where to write the .sf2 (default: %(default)s)')
    args = ap.parse_args()
    bank = Bank()
    build_melodic(bank)
    build_drums(bank)
    data = write_bank(bank)
    with open(args.output, 'wb') as f:
        f.write(data)
    print('%s: %d bytes, %d presets, %d instruments, %d samples'
          % (args.output, len(data), len(bank.presets), len(bank.instruments),
             len(bank.samples)), file=sys.stderr)


if __name__ == '__main__':
    main()
