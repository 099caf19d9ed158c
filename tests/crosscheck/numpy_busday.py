#!/usr/bin/python3
"""Cross-checks WorkCalendar's working-day arithmetic against numpy's busday functions.

usage: numpy_busday.py WORKDAY_PROBE [--seed N] [--pairs N]

For several random calendars (weekly rest days, ~100 random holidays, Tết-like breaks,
fixed-date holidays and, in one calendar, làm bù Saturdays) it asks workday_probe and
numpy the same questions and compares the answers:

  add D N    the N-th working day after D, D not counted (Civil Code art. 147), also
             when D is itself a day off.
             numpy: busday_offset(D, N, roll='backward'). 'backward' first moves a day
             off D back to the last working day P before it; no day in (P, D] is
             worked, so the N-th working day after P is the N-th after D. A working D
             is not moved. (roll='forward' would count D's next working day as day 0
             and be one day late.)
  count A B  working days in (A, B], 0 when B <= A.
             numpy: busday_count(A + 1, B + 1), which counts [A + 1, B + 1), clamped at
             0 (numpy counts backwards, negatively, when B < A).

numpy.busdaycalendar cannot make a weekly rest day a working day: holidays only remove
days. The làm bù calendar is therefore given to numpy in expanded form: weekmask
'1111111' (every day worked) and, as holidays, every Saturday and Sunday of the years
2000..2045 except the làm bù ones, plus the real holidays. That is exact inside those
years only, so its queries are chosen to stay inside them, and the script checks it.
The other calendars are given to numpy natively (weekmask + holidays, no làm bù), which
also checks how the weekly rest days are counted far outside the holiday years.

Calendars with `rules vietnam` are checked around the end of the lunar calendar
(2090–2120), across the first repetition of the 400-year cycle that years after 2100
follow (2480–2520) and near the last year (9960–9999). After 2100 the script computes
the law's solar holidays itself (1/1, 30/4, 1/5, 2/9 and the neighbour that joins the
weekend, 24/11, a compensatory day after each on a rest day), checks that the probe
lists exactly those, and gives them to numpy; up to 2100, where Tết and Giỗ Tổ come from
the lunar calendar, the probe's own listing is given to numpy, which then checks that
the counting agrees with the listing. One of them also lists a year inside the cycle
(2500), taken exactly as written.

Exits 1 on any mismatch (printing the first few), 2 on a usage or probe error, and
fails, never skips, when numpy is missing.
"""

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time

try:
    import numpy as np
except ImportError:
    sys.exit("numpy_busday.py: error: numpy is missing (Debian: python3-numpy); "
             "this test cannot run without it")

FIRST_YEAR, LAST_YEAR = 2000, 2045  # the years with holidays
RANGE_START = dt.date(FIRST_YEAR, 1, 1)
RANGE_END = dt.date(LAST_YEAR, 12, 31)
DAY = dt.timedelta(days=1)

# Tết breaks as announced for state agencies; other years get a made-up break.
REAL_TET = {
    2020: ("2020-01-23", "2020-01-29"),
    2021: ("2021-02-10", "2021-02-16"),
    2022: ("2022-01-29", "2022-02-06"),
    2023: ("2023-01-20", "2023-01-26"),
    2024: ("2024-02-08", "2024-02-14"),
    2025: ("2025-01-25", "2025-02-02"),
}

# numpy weekmask (Monday … Sunday, 1 = worked) and a name.
NATIVE_MASKS = [
    ("1111100", "saturday+sunday"),
    ("1111110", "sunday"),
    ("1111011", "friday"),
    ("1111001", "friday+saturday"),
    ("0010000", "wednesday only worked"),
    ("1111111", "no rest day"),
]


def holidays(rng):
    """Dates of days off: fixed-date holidays, Tết-like ranges, ~100 random weekdays."""
    days = set()
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for month, day in ((1, 1), (4, 30), (5, 1), (9, 2)):
            days.add(dt.date(year, month, day))
        if year in REAL_TET:
            first, last = (dt.date.fromisoformat(s) for s in REAL_TET[year])
        else:
            first = dt.date(year, 1, 21) + rng.randrange(25) * DAY
            last = first + rng.randrange(4, 9) * DAY
        while first <= last:
            days.add(first)
            first += DAY
    span = (RANGE_END - RANGE_START).days
    added = 0
    while added < 100:
        day = RANGE_START + rng.randrange(span + 1) * DAY
        if day.weekday() < 5 and day not in days:
            days.add(day)
            added += 1
    return sorted(days)


def random_n(rng):
    pick = rng.random()
    if pick < 0.4:
        return rng.randint(1, 10)
    if pick < 0.7:
        return rng.randint(11, 100)
    return rng.randint(101, 3650)


def random_start(rng, first, last, special):
    """A day in [first, last]; a third of them on or next to a special day."""
    if special and rng.random() < 1 / 3:
        day = rng.choice(special) + rng.randint(-2, 2) * DAY
        if first <= day <= last:
            return day
    return first + rng.randrange((last - first).days + 1) * DAY


def run_length(first, last, rest):
    """Days off in a row: first..last and the rest days around them."""
    length = (last - first).days + 1
    for step in (-1, 1):
        day = first if step < 0 else last
        for _ in range(7):
            day += step * DAY
            if day.weekday() not in rest:
                break
            length += 1
    return length


def solar_holidays(year, rest):
    """The days off the law gives an unannounced year after 2100 (no lunar holiday there),
    less those on rest days: what a `rules vietnam` calendar holds for it."""
    days = []

    def add(day):
        if day not in days:
            days.append(day)

    for month, day in ((1, 1), (4, 30), (5, 1), (9, 2)):
        add(dt.date(year, month, day))
    national = dt.date(year, 9, 2)
    later = run_length(national, national + DAY, rest) > run_length(national - DAY, national, rest)
    add(national + DAY if later else national - DAY)
    add(dt.date(year, 11, 24))
    for day in sorted(days):
        if day.weekday() in rest:
            made_up = day + DAY
            while made_up.weekday() in rest or made_up in days:
                made_up += DAY
            days.append(made_up)
    return sorted(d for d in days if d.weekday() not in rest and d.year == year)


def make_queries(rng, pairs, first, last, special, max_n):
    adds = [(random_start(rng, first, last, special), min(random_n(rng), max_n))
            for _ in range(pairs)]
    counts = []
    for _ in range(pairs):
        a = random_start(rng, first, last, special)
        pick = rng.random()
        if pick < 0.1:
            b = a - rng.randint(0, 40) * DAY  # empty: 0
        elif pick < 0.6:
            b = a + rng.randint(1, 60) * DAY
        else:
            b = a + rng.randint(61, 5000) * DAY
        counts.append((a, b))
    return adds, counts


def run_probe(probe, calendar_lines, adds, counts):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "calendar.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(calendar_lines) + "\n")
        queries = [f"add {d.isoformat()} {n}" for d, n in adds]
        queries += [f"count {a.isoformat()} {b.isoformat()}" for a, b in counts]
        done = subprocess.run([probe, path], input="\n".join(queries) + "\n",
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(f"numpy_busday.py: error: workday_probe exited with {done.returncode}")
    lines = done.stdout.splitlines()
    if len(lines) != len(adds) + len(counts):
        sys.exit(f"numpy_busday.py: error: {len(lines)} answers to {len(adds) + len(counts)} queries")
    got_adds = [dt.date.fromisoformat(s) for s in lines[:len(adds)]]
    got_counts = [int(s) for s in lines[len(adds):]]
    return got_adds, got_counts


def run_listing(probe, calendar_lines, years):
    """The probe's special days of each year: [(date, 'off' or 'work')] per year."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "calendar.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(calendar_lines) + "\n")
        done = subprocess.run([probe, path], input="".join(f"days {y}\n" for y in years),
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(f"numpy_busday.py: error: workday_probe exited with {done.returncode}")
    lines = done.stdout.split("\n")[:len(years)]
    if len(lines) != len(years):
        sys.exit(f"numpy_busday.py: error: {len(lines)} listings for {len(years)} years")
    out = []
    for line in lines:
        days = []
        for item in line.split():
            day, kind = item.split(":")
            days.append((dt.date.fromisoformat(day), kind))
        out.append(days)
    return out


def numpy_answers(adds, counts, weekmask, holiday_list):
    cal = np.busdaycalendar(weekmask=weekmask, holidays=np.array(holiday_list, dtype="datetime64[D]"))
    starts = np.array([d for d, _ in adds], dtype="datetime64[D]")
    ns = np.array([n for _, n in adds])
    want_adds = np.busday_offset(starts, ns, roll="backward", busdaycal=cal)
    a = np.array([x for x, _ in counts], dtype="datetime64[D]") + 1
    b = np.array([y for _, y in counts], dtype="datetime64[D]") + 1
    want_counts = np.maximum(0, np.busday_count(a, b, busdaycal=cal))
    return ([x.astype(dt.date) for x in want_adds], [int(x) for x in want_counts])


def compare(name, adds, counts, got, want, mismatches):
    got_adds, got_counts = got
    want_adds, want_counts = want
    for (d, n), g, w in zip(adds, got_adds, want_adds):
        if g != w:
            mismatches.append(f"{name}: add {d} {n}: probe {g}, numpy {w}")
    for (a, b), g, w in zip(counts, got_counts, want_counts):
        if g != w:
            mismatches.append(f"{name}: count {a} {b}: probe {g}, numpy {w}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("probe")
    parser.add_argument("--seed", type=int, default=20210210)
    parser.add_argument("--pairs", type=int, default=2000,
                        help="add queries and count queries per calendar")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    began = time.monotonic()
    print(f"seed {args.seed}, numpy {np.__version__}")

    off = holidays(rng)
    mismatches = []
    total = 0

    # Native calendars: numpy's weekmask and holidays as they are; starts far outside
    # the holiday years too.
    for weekmask, name in NATIVE_MASKS:
        rest = "".join("0" if c == "1" else "1" for c in weekmask)
        lines = [f"rest {rest}"] + [f"off {d.isoformat()}" for d in off]
        adds, counts = make_queries(rng, args.pairs, dt.date(1990, 1, 1), dt.date(2060, 12, 31),
                                    off, 3650)
        got = run_probe(args.probe, lines, adds, counts)
        want = numpy_answers(adds, counts, weekmask, off)
        compare(name, adds, counts, got, want, mismatches)
        total += len(adds)

    # Saturday and Sunday with làm bù Saturdays and Sundays, expanded for numpy.
    weekend = [RANGE_START + i * DAY for i in range((RANGE_END - RANGE_START).days + 1)
               if (RANGE_START + i * DAY).weekday() >= 5]
    workdays = sorted(rng.sample(weekend, 40))
    # Some làm bù right next to a break or on a listed day off (a rest day: ignored).
    workdays = sorted(set(workdays) | {dt.date(2021, 2, 13), dt.date(2022, 1, 29), dt.date(2023, 4, 30)})
    lines = ["rest 0000011"] + [f"off {d.isoformat()}" for d in off]
    lines += [f"work {d.isoformat()}" for d in workdays]
    worked = set(workdays)
    expanded = sorted((set(off) | set(weekend)) - worked)
    adds, counts = make_queries(rng, args.pairs, dt.date(2001, 1, 1), dt.date(2028, 12, 31),
                                off + workdays, 3650)
    counts = [(a, min(b, RANGE_END)) for a, b in counts]
    got = run_probe(args.probe, lines, adds, counts)
    want = numpy_answers(adds, counts, "1111111", expanded)
    if max(want[0]) > RANGE_END:
        sys.exit("numpy_busday.py: error: an answer left the expanded years; fix the test")
    compare("saturday+sunday with làm bù", adds, counts, got, want, mismatches)
    total += len(adds)

    # Rules::vietnam: (weekmask, listed days, windows of queries). The holidays numpy is
    # given cover each window and the 16 years after it, where answers may fall.
    listed_2500 = [dt.date(2500, 1, 1), dt.date(2500, 3, 15), dt.date(2500, 6, 14)]
    vietnam = [
        ("1111100", [], "saturday+sunday"),
        ("1111110", [], "sunday"),
        ("1111100", listed_2500, "saturday+sunday, 2500 listed"),
    ]
    windows = [(2090, 2120, 3650), (2480, 2520, 3650), (9960, 9984, 3000)]
    for weekmask, listed, name in vietnam:
        rest = {i for i, c in enumerate(weekmask) if c == "0"}
        lines = ["rules vietnam", "rest " + "".join("0" if c == "1" else "1" for c in weekmask)]
        lines += [f"off {d.isoformat()}" for d in listed]
        listed_years = {d.year for d in listed}
        years = sorted({y for first, last, _ in windows
                        for y in range(first - 5, min(last + 16, 9999) + 1)})
        listing = dict(zip(years, run_listing(args.probe, lines, years)))
        off_days = []
        for year in years:
            if year in listed_years:
                want = sorted(d for d in listed if d.year == year and d.weekday() not in rest)
            elif year > 2100:
                want = solar_holidays(year, rest)
            else:
                want = [d for d, kind in listing[year] if kind == "off"]
            got = listing[year]
            if got != [(d, "off") for d in want]:
                mismatches.append(f"vietnam {name}: days {year}: probe {got}, expected {want}")
            off_days += want
        for first, last, max_n in windows:
            adds, counts = make_queries(rng, args.pairs // 4, dt.date(first, 1, 1),
                                        dt.date(last, 12, 31), off_days, max_n)
            got = run_probe(args.probe, lines, adds, counts)
            want = numpy_answers(adds, counts, weekmask, off_days)
            if max(want[0]) > dt.date(min(last + 16, 9999), 12, 31):
                sys.exit("numpy_busday.py: error: an answer left the years with holidays; fix the test")
            compare(f"vietnam {name} {first}-{last}", adds, counts, got, want, mismatches)
            total += len(adds)

    calendars = len(NATIVE_MASKS) + 1 + len(vietnam)
    print(f"{calendars} calendars, {len(off)} holidays, {len(workdays)} làm bù days")
    print(f"{total} add pairs, {total} count pairs, {time.monotonic() - began:.2f} s")
    if mismatches:
        print(f"{len(mismatches)} mismatches; the first ones:")
        for m in mismatches[:10]:
            print("  " + m)
        return 1
    print("no mismatch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
