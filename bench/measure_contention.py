#!/usr/bin/python3
"""Runs one benchmark command and appends one JSON line saying how busy the machine was with other work meanwhile.

    measure_contention.py --label NAME --log FILE.jsonl -- COMMAND [ARGS...]

The machine's busy CPU time (/proc/stat) minus the command's own (its children's rusage) is what other processes
used while it ran; on a shared 2-core machine that is what makes a timing noisy, so BENCHMARKS.md lists it per suite.
Exits with the command's exit code.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time


def machine_busy_seconds():
    with open("/proc/stat") as stat:
        fields = [float(v) for v in stat.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
    busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields[7] if len(fields) > 7 else 0)
    return busy / os.sysconf("SC_CLK_TCK")


def load_average():
    with open("/proc/loadavg") as loadavg:
        return float(loadavg.read().split()[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    load_before = load_average()
    busy_before = machine_busy_seconds()
    own_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    code = subprocess.call(command)
    wall = time.monotonic() - start
    own_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = machine_busy_seconds() - busy_before
    own = (own_after.ru_utime - own_before.ru_utime) + (own_after.ru_stime - own_before.ru_stime)
    entry = {
        "label": args.label,
        "exitCode": code,
        "wallSeconds": wall,
        "ownCores": own / wall,
        "othersCores": max(0.0, busy - own) / wall,
        "loadAverageBefore": load_before,
        "loadAverageAfter": load_average(),
        "cores": os.cpu_count(),
    }
    with open(args.log, "a") as log:
        log.write(json.dumps(entry) + "\n")
    sys.exit(code)


if __name__ == "__main__":
    main()
