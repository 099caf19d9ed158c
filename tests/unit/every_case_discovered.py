#!/usr/bin/python3
"""Every doctest case of every unit-test executable is a CTest test of its own name.

CMake's discovery reads the names as a list, so a ';' in a TEST_CASE name cuts it in
two: the halves become tests that run no case and pass. This compares the names each
executable lists with the tests ctest knows; any difference is a case that never runs.

usage: every_case_discovered.py BUILD_DIR UNIT_DIR MODULE…
"""
import re
import subprocess
import sys


def main() -> int:
    build, unit_dir, modules = sys.argv[1], sys.argv[2], sys.argv[3:]
    listed = subprocess.run(["ctest", "--test-dir", build, "-N"], capture_output=True, text=True,
                            check=True).stdout
    known = {m.group(1) for m in re.finditer(r"Test +#\d+: (unit/.*)$", listed, re.M)}
    problems = 0
    for module in modules:
        out = subprocess.run([f"{unit_dir}/unit_{module}", "--list-test-cases", "--no-version"],
                             capture_output=True, text=True, check=True).stdout
        names = [line for line in out.splitlines()
                 if line and not line.startswith(("[doctest]", "====="))]
        if not names:
            print(f"unit_{module}: lists no test case")
            problems += 1
        for name in names:
            if f"unit/{module}/{name}" not in known:
                print(f"unit_{module}: case not run by ctest under its name: {name!r}")
                problems += 1
    print(f"{len(modules)} unit executables, {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
