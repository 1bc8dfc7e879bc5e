#!/usr/bin/python3
"""Writes BENCHMARKS.md from one bench.sh run: ours-*.json and peer-*.json (compute), signalr.json, contention.jsonl.

    report.py --work DIR --out BENCHMARKS.md --threads N --dotnet VERSION [--nice N] [--seconds S]

Every number in the file comes from that run; the prose around them only says how each was measured, and the
reading picks its statements from the numbers (which side is faster, by how much).
"""

import argparse
import statistics
import datetime
import glob
import json
import os
import platform
import subprocess

# ---------------------------------------------------------------------------------------------------- inputs


def load(path):
    with open(path) as f:
        return json.load(f)


def results(work, prefix):
    found = {}
    meta = None
    for path in sorted(glob.glob(os.path.join(work, prefix + "*.json"))):
        report = load(path)
        meta = meta or report
        for r in report["results"]:
            found[(r["suite"], r["case"])] = r
    return found, meta


def machine():
    cpu = "unknown"
    flags = set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key.strip() == "model name" and cpu == "unknown":
                cpu = value.strip()
            if key.strip() == "flags" and not flags:
                flags = set(value.split())
    with open("/proc/meminfo") as f:
        kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    os_name = "Linux"
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as f:
            fields = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        os_name = fields.get("PRETTY_NAME", os_name).strip('"')
    vector = [f for f in ("avx2", "fma", "avx512f", "avx512_bf16", "amx_tile") if f in flags]
    return {
        "cpu": cpu,
        "vector": ", ".join(vector) or "none of avx2/avx512",
        "cores": os.cpu_count(),
        "memory": f"{kib / 1024 / 1024:.1f} GiB",
        "os": f"{os_name}, Linux {platform.release()}",
    }


def git(*args):
    try:
        return subprocess.check_output(["git", *args], text=True, stderr=subprocess.DEVNULL).strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# ---------------------------------------------------------------------------------------------------- formatting


def number(value, unit):
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.1f} {unit}"


def cell(r):
    """Median, the number of timed runs and their range."""
    if r is None:
        return "not run"
    low, high = min(r["values"]), max(r["values"])
    return f"**{number(r['median'], r['unit'])}** ({r['runs']} runs, {number(low, r['unit'])} to {number(high, r['unit'])})"


def speed(ours, peer):
    """(ours / peer of the metric, how many times faster ours is): > 1 means ours is faster, for rates and times alike."""
    ratio = ours["median"] / peer["median"]
    return ratio, (ratio if ours["higherIsBetter"] else 1 / ratio)


def ratio_cell(ours, peer):
    if ours is None or peer is None:
        return "n/a"
    ratio, faster = speed(ours, peer)
    words = f"ours {faster:.2f}x faster" if faster >= 1 else f"ours {1 / faster:.2f}x slower"
    return f"{ratio:.2f} ({words})"


# ---------------------------------------------------------------------------------------------------- sections


def compute_section(ours, peer, meta_ours, meta_peer):
    lines = []
    rows = [
        ("matmul", "2048 x 2048 float32", "2048 x 2048 float32", "context: one matrix product (GFLOP/s)"),
        ("matmul", "2048 x 2048 float64", "2048 x 2048 float64", "context: one matrix product (GFLOP/s)"),
        ("train-step", "D=400, K=40, batch 64", "D=400, K=40, batch 64", "(a) masked SGD step, ours as shipped (spinning) vs peer PASSIVE"),
        ("train-step", "D=784, K=100, batch 128", "D=784, K=100, batch 128", "(a) masked SGD step, ours as shipped (spinning) vs peer PASSIVE"),
        ("train-step", "D=1600, K=400, batch 256", "D=1600, K=400, batch 256", "(a) masked SGD step, ours as shipped (spinning) vs peer PASSIVE"),
        ("train-step", "D=400, K=40, batch 64 [PASSIVE]", "D=400, K=40, batch 64", "(a) the same, both sides sleeping (PASSIVE)"),
        ("train-step", "D=784, K=100, batch 128 [PASSIVE]", "D=784, K=100, batch 128", "(a) the same, both sides sleeping (PASSIVE)"),
        ("train-step", "D=1600, K=400, batch 256 [PASSIVE]", "D=1600, K=400, batch 256", "(a) the same, both sides sleeping (PASSIVE)"),
        ("train-step", "D=400, K=40, batch 64", "D=400, K=40, batch 64 [default wait policy]", "(a) the same, both sides spinning (default policy)"),
        ("train-step", "D=784, K=100, batch 128", "D=784, K=100, batch 128 [default wait policy]", "(a) the same, both sides spinning (default policy)"),
        ("train-step", "D=1600, K=400, batch 256", "D=1600, K=400, batch 256 [default wait policy]", "(a) the same, both sides spinning (default policy)"),
        ("cavity-map", "K=400, D=1600, N=2000", "K=400, D=1600, N=2000", "(b) cavity map vs the same moment expansion"),
        ("cavity-map", "K=400, D=1600, N=2000", "K=400, D=1600, N=2000 [naive loop]",
         "(b) cavity map vs the naive per-weight loop (extrapolated)"),
        ("nlgp-sampling", "2D torus L=20 (D=400), 20,000 samples", "2D torus L=20 (D=400), 20,000 samples",
         "(c) NLGP sampling vs fft2 as written"),
        ("nlgp-sampling", "2D torus L=64 (D=4096), 20,000 samples", "2D torus L=64 (D=4096), 20,000 samples",
         "(c) NLGP sampling vs fft2 as written"),
        ("nlgp-sampling", "2D torus L=20 (D=400), 20,000 samples", "2D torus L=20 (D=400), 20,000 samples [rfft]",
         "(c) NLGP sampling vs the peer with real FFTs"),
        ("nlgp-sampling", "2D torus L=64 (D=4096), 20,000 samples", "2D torus L=64 (D=4096), 20,000 samples [rfft]",
         "(c) NLGP sampling vs the peer with real FFTs"),
        ("nlgp-sampling", "2D torus L=20 (D=400), 20,000 samples",
         "2D torus L=20 (D=400), 20,000 samples [rfft, float32 noise]",
         "(c) NLGP sampling vs the peer with real FFTs and float32 noise"),
        ("nlgp-sampling", "2D torus L=64 (D=4096), 20,000 samples",
         "2D torus L=64 (D=4096), 20,000 samples [rfft, float32 noise]",
         "(c) NLGP sampling vs the peer with real FFTs and float32 noise"),
        ("imp-run", '"Quick demo" preset, 11 rounds', '"Quick demo" preset, 11 rounds', "(d) whole IMP run, wall time"),
        ("imp-run", IMP_EVERY_MEASURE, IMP_EVERY_MEASURE,
         "(d) whole IMP run, the peer with every measure we take (spread, the permutation null, both cavity maps)"),
    ]
    lines.append("| benchmark | case | ours (median) | PyTorch peer (median) | ours / peer |")
    lines.append("| --- | --- | --- | --- | --- |")
    for suite, ours_case, peer_case, label in rows:
        o, p = ours.get((suite, ours_case)), peer.get((suite, peer_case))
        if o is None and p is None:
            continue
        lines.append(f"| {label} | {ours_case.split(' [')[0]} | {cell(o)} | {cell(p)} | {ratio_cell(o, p)} |")
    lines.append("")
    lines.append("The ratio is ours / peer of the metric in that row (a rate for steps/s, samples/s and GFLOP/s, "
                 "a time for seconds), both medians from this run; the words say which side is faster.")
    return lines


def imp_details(ours, peer):
    o = ours.get(("imp-run", '"Quick demo" preset, 11 rounds'))
    p = peer.get(("imp-run", '"Quick demo" preset, 11 rounds'))
    if o is None or p is None:
        return []
    keys = [
        ("testAccuracyRound0", "test accuracy, round 0 (dense)", "{:.3f}"),
        ("testAccuracyFinal", "test accuracy, round 10", "{:.3f}"),
        ("sparsityFinal", "first-layer sparsity, round 10", "{:.4f}"),
        ("medianIprRound0", "median IPR, round 0", "{:.4f}"),
        ("medianIprFinal", "median IPR, round 10", "{:.4f}"),
        ("medianExcessKurtosisRound0", "median excess kurtosis of h, round 0", "{:.3f}"),
        ("medianExcessKurtosisFinal", "median excess kurtosis of h, round 10", "{:.3f}"),
    ]
    lines = ["", "What each IMP run computed (last timed run; different random streams, so close but not equal):", "",
             "| measure | ours | peer |", "| --- | --- | --- |"]
    for key, label, fmt in keys:
        lines.append(f"| {label} | {fmt.format(o['details'][key])} | {fmt.format(p['details'][key])} |")
    return lines


# The targets and the comparisons inside our engine (bench cases with no peer counterpart).
CAVITY_TARGET = "K=100, D=1600, N=10000"
CAVITY_DIRECT = CAVITY_TARGET + " [direct, extrapolated]"
IMP_CASE = '"Quick demo" preset, 11 rounds'
IMP_EVERY_MEASURE = IMP_CASE + ", every measure"
IMP_TARGET_SECONDS = 10
IMP_TARGET_RATIO = 2


def sampling_cases(side, samples):
    base = f"2D torus L={side} (D={side * side})"
    return (f"{base}, 20,000 samples", f"{base}, {samples:,} samples [Cholesky]", f"{base}, Cholesky factorisations (2 classes)")


CHOLESKY_SIDES = ((64, 2000), (20, 20000))


def times(faster, slower):
    """How many times faster `faster` is than `slower` (BenchmarkResult dicts of the same unit kind)."""
    ratio = faster["median"] / slower["median"]
    return ratio if faster["higherIsBetter"] else 1 / ratio


def fft_vs_cholesky(fft, chol):
    t = times(fft, chol)
    return f"FFT {t:.2f}x faster" if t >= 1 else f"Cholesky {1 / t:.2f}x faster"


def factor_text(x):
    """A speed-up as text: one decimal below 10, whole numbers above."""
    return f"{x:.1f}" if x < 10 else f"{x:,.0f}"


def verdict(met):
    return "**met**" if met else "**NOT met**"


def memory_rounds(imp):
    d = (imp or {}).get("details") or {}
    rounds = []
    while f"round{len(rounds)}.rssMiB" in d:
        r = len(rounds)
        rounds.append((r, d[f"round{r}.rssMiB"], d[f"round{r}.liveTensors"]))
    return rounds


def memory_flat(d):
    return d["rssGrowthMiB"] <= d["flatRssGrowthMiB"] and d["liveTensorGrowth"] <= d["flatLiveTensorGrowth"]


TRAIN_SIZES = ("D=400, K=40, batch 64", "D=784, K=100, batch 128", "D=1600, K=400, batch 256")
TRAIN_TARGET = 1.2


def targets_section(ours, peer):
    cav, direct = ours.get(("cavity-map", CAVITY_TARGET)), ours.get(("cavity-map", CAVITY_DIRECT))
    imp = ours.get(("imp-run", IMP_CASE))
    rows = []
    for size in TRAIN_SIZES:
        o = ours.get(("train-step", size))
        tuned, stock = peer.get(("train-step", size)), peer.get(("train-step", size + " [default wait policy]"))
        for p, how in ((tuned, "its faster setting (PASSIVE)"), (stock, "as a script runs it (default wait policy)")):
            if o and p:
                rows.append(f"| (a) masked SGD step, target {TRAIN_TARGET:g}x PyTorch | {size} | {cell(o)} | PyTorch peer, "
                            f"{how}: {number(p['median'], p['unit'])} | {times(o, p):.2f}x: "
                            f"{verdict(times(o, p) >= TRAIN_TARGET)} |")
    if cav:
        target = cav["details"]["targetSeconds"]
        rows.append(f"| (b) full cavity map, target < {target:g} s | K=100, D=1600, N=10,000 | {cell(cav)} | "
                    f"target < {target:g} s | {verdict(cav['median'] < target)} |")
        if direct:
            rows.append(f"| (b) direct float64 per-weight recomputation, ours (extrapolated) | K=100, D=1600, N=10,000 | "
                        f"{cell(direct)} | the moment expansion above, {number(cav['median'], 's')} | "
                        f"expansion **{factor_text(times(cav, direct))}x faster** |")
    for side, samples in CHOLESKY_SIDES:
        fft_case, chol_case, factor_case = sampling_cases(side, samples)
        fft, chol, factor = (ours.get(("nlgp-sampling", c)) for c in (fft_case, chol_case, factor_case))
        if chol and fft:
            rows.append(f"| (c) NLGP sampling by Cholesky, z = L w | {chol_case.split(' [')[0]} | {cell(chol)} | "
                        f"by FFT (row (c) above), {number(fft['median'], fft['unit'])} | "
                        f"**{fft_vs_cholesky(fft, chol)}** |")
        if factor:
            rows.append(f"| (c) its two D x D Cholesky factorisations, once per source | 2D torus L={side} (D={side * side}) | "
                        f"{cell(factor)} | with the dense covariances assembled: "
                        f"{number(factor['details']['withAssemblySeconds'], 's')} | not per sample |")
    if imp:
        rows.append(f"| (d) whole IMP run, every measure included, target < {IMP_TARGET_SECONDS} s | {IMP_CASE} | {cell(imp)} | "
                    f"target < {IMP_TARGET_SECONDS} s | {verdict(imp['median'] < IMP_TARGET_SECONDS)} |")
        full = peer.get(("imp-run", IMP_EVERY_MEASURE))
        if full:
            rows.append(f"| (d) the same, target {IMP_TARGET_RATIO}x faster than the peer doing the same measures | {IMP_CASE} | "
                        f"{cell(imp)} | PyTorch peer with every measure: {number(full['median'], 's')} | "
                        f"{times(imp, full):.2f}x: {verdict(times(imp, full) >= IMP_TARGET_RATIO)} |")
        rounds = memory_rounds(imp)
        if rounds:
            d = imp["details"]
            rows.append(
                f"| (d) memory from round {rounds[0][0]} to round {rounds[-1][0]} (an extra, untimed run) | process RSS; live tensors | "
                f"{rounds[0][1]:.0f} to {rounds[-1][1]:.0f} MiB (**{d['rssGrowthMiB']:+.1f} MiB**); "
                f"{rounds[0][2]:.0f} to {rounds[-1][2]:.0f} (**{d['liveTensorGrowth']:+.0f}**) | "
                f"flat if RSS grows by at most {d['flatRssGrowthMiB']:.0f} MiB and live tensors by at most "
                f"{d['flatLiveTensorGrowth']:.0f} | {'**flat**' if memory_flat(d) else '**NOT flat**'} |")
    if not rows:
        return []
    lines = ["| benchmark | case | ours (median) | compared with (same run) | result |",
             "| --- | --- | --- | --- | --- |"] + rows
    rounds = memory_rounds(imp)
    if rounds:
        d = imp["details"]
        lines += ["", "Memory after each round of an extra, untimed IMP run, each sample after a full collection:", "",
                  "| round | process RSS (MiB) | live tensors |", "| --- | --- | --- |"]
        lines += [f"| {r} | {rss:.1f} | {live:.0f} |" for r, rss, live in rounds]
        lines += ["", f"Live tensors before that run: {d['liveTensorsBeforeRun']:.0f}; after it ended (session disposed, "
                      f"full collection): {d['liveTensorsAfterRun']:.0f}."]
    lines += [
        "",
        "How these were measured:",
        "",
        "- (b) The target case of `CavityMethod.Compute` as in the cavity-map rows above (NLGP inputs on the 40 x 40 "
        "torus, Gaussian weights, half masked), at K=100 and N=10,000. The direct computation runs in our engine, in "
        "the same process right after: h = X (W * M)^T and the unit kurtoses once, then for each surviving weight its "
        "cavity pre-activation h_k - w_ki x_i formed explicitly in float64 and its excess kurtosis from its own "
        "moments, 64 weights per libtorch call rather than a scalar loop. It is "
        "**timed on a random subsample of surviving weights and extrapolated linearly** to all of them (fixed part "
        "plus per-weight part times survivors / timed).",
        "- (c) The same NLGP (the latent covariance the FFT sampler realises, the same nonlinearity, float32 white "
        "noise widened to float64) sampled as z = L w, L the float64 Cholesky factor (`linalg.cholesky`) of each "
        "class's D x D latent covariance: fewer samples per run at D=4096 (each costs a [m, D] x [D, D] product), "
        "compared as samples/s. The factorisations are timed apart (both classes, `linalg.cholesky` only; assembling "
        "the dense matrices in the next column).",
        "- (d) After every round the runner yields, in an extra run after the timed ones (not timed: the next round "
        "trains while the samples are taken): a full collection with finalisers run, "
        "then the process RSS (`Environment.WorkingSet`, VmRSS) and TorchSharp's count of live tensors "
        "(`Tensor.TotalCount`). TorchSharp's count also keeps 2 "
        "for each `nn.Linear` created and disposed (seen with a bare `nn.Linear`), so a run's two-layer network "
        "leaves its parameters counted after the run; that shows per run, not per round.",
    ]
    return lines


STUDY_CASE = '"Smoke test (Quick demo size)" preset: 5 conditions x 8 replicates'
STUDY_ONE = "IMP alone, 1 replicate, Quick demo size, 11 rounds"
STUDY_EIGHT = "IMP alone, 8 replicates, Quick demo size, 11 rounds"
STUDY_SEPARATE = "the same 40 replicates as separate single runs"
STUDY_SINGLE = "the same replicate as a single run (ExperimentRunner), timed alternately with the 1-replicate study"


PROFILE_PHASES = ["training", "evaluation", "unit measures", "cavity map (mixture)", "cavity map (within class)",
                  "permutation null", "complete round, total", "storage"]


def profile_section(ours, before_path):
    """Where one Quick-demo round spends its time, phase by phase; with an earlier build's numbers beside, when given."""
    rows = {phase: ours.get(("round-profile", f'"Quick demo" round, {phase}')) for phase in PROFILE_PHASES}
    if not any(rows.values()):
        return []
    before = {}
    if before_path and os.path.exists(before_path):
        with open(before_path) as f:
            recorded = json.load(f)
        before = {r["case"]: r for r in recorded["results"] if r["suite"] == "round-profile"}
        note = recorded.get("note", "")
    lines = ["| phase (seconds per round, mean over the 11 rounds) | now (median) | before |", "| --- | --- | --- |"]
    for phase, r in rows.items():
        b = before.get(f'"Quick demo" round, {phase}')
        lines.append(f"| {phase} | {cell(r)} | {number(statistics.median(b['values']), 's') if b else ''} |")
    lines += ["", "Each phase is the engine's own call on the round's trained network, timed alone (`round-profile` suite); "
              "\"complete round, total\" is `CompleteRound` as a run calls it (evaluation, pruning, checkpoint, copying the layer "
              "off and every measure), and storage writes the round as `run` does (npz, JSON line, CSV row). In a run the "
              "measures of round r now run beside the training of round r + 1, so a round's wall time is about its training "
              "plus its finishing, not the sum of the column."]
    if before:
        lines += ["", f"Before: {note}"]
    return lines


def study_section(ours):
    """Ours vs ours: replicates trained together against alone, the default study, and the same work as single runs."""
    one, eight = ours.get(("study", STUDY_ONE)), ours.get(("study", STUDY_EIGHT))
    study, separate = ours.get(("study", STUDY_CASE)), ours.get(("study", STUDY_SEPARATE))
    imp = ours.get(("imp-run", IMP_CASE))
    if not (one or eight or study or separate):
        return []
    lines = ["| case | wall time (median) | compared with (same run) | result |", "| --- | --- | --- | --- |"]
    single = ours.get(("study", STUDY_SINGLE))
    if one and single:
        r = one["median"] / single["median"]
        lines.append(f"| {STUDY_SINGLE} | {cell(single)} | | |")
        lines.append(f"| {STUDY_ONE} | {cell(one)} | the single run, {number(single['median'], 's')} | "
                     f"{r:.2f}x, target: no slower: **{'met' if r <= 1.03 else 'NOT met'}** (within 3%, the spread of repeats) |")
    elif one:
        lines.append(f"| {STUDY_ONE} | {cell(one)} | | |")
    if one and eight:
        ratio = eight["median"] / one["median"]
        d = eight["details"]
        target = d["targetRatio"]
        floor = ""
        training = ours.get(("round-profile", '"Quick demo" round, training'))
        if "coresBusy" in d and training:
            # Training alone, at the round profile's one-thread cost per round, for 8 replicates of 11 rounds on these cores.
            floor_s = 8 * 11 * training["median"] / d["cores"]
            floor = (f"; the {d['cores']:.0f} cores were {100 * d['coresBusy']:.0f}% busy, and training alone (8 x 11 rounds x "
                     f"{number(training['median'], 's')} per round, round profile) needs {number(floor_s, 's')} = "
                     f"{floor_s / one['median']:.2f}x one replicate on {d['cores']:.0f} cores")
        lines.append(f"| {STUDY_EIGHT} | {cell(eight)} | 1 replicate, {number(one['median'], 's')} | "
                     f"{ratio:.2f}x its time for 8x the work, target <= {target:.0f}x: **{'met' if ratio <= target else 'NOT met'}**{floor} |")
    if imp and one:
        lines.append(f"| context: the same single replicate through `ExperimentRunner` (imp-run above) | {cell(imp)} | | |")
    if study:
        d = study["details"]
        target = d["targetSeconds"]
        lines.append(f"| {STUDY_CASE} | {cell(study)} | target < {target:.0f} s | "
                     f"**{'met' if study['median'] < target else 'NOT met'}** |")
    if separate and study:
        lines.append(f"| {STUDY_SEPARATE} (`ExperimentRunner`, one after another) | {cell(separate)} | the study, "
                     f"{number(study['median'], 's')} | study **{separate['median'] / study['median']:.2f}x faster** |")
    if study:
        d = study["details"]
        rounds = sorted({k.split(".")[1] + "." + k.split(".")[2] for k in d if k.startswith("memory.")})
        lines += ["", f"Memory after each condition's round of the default study (process RSS and live native tensors, "
                  f"each after a full collection; {int(d['rounds'])} rounds in the order the study runs them):", "",
                  "| round | RSS | live tensors |", "| --- | --- | --- |"]
        for r in rounds:
            index, name = r.split(".")
            lines.append(f"| {int(index) + 1}: {name} | {d[f'memory.{r}.rssMiB']:.0f} MiB | {d[f'memory.{r}.liveTensors']:.0f} |")
        flat = d["rssGrowthMiB"] <= d["flatRssGrowthMiB"]
        lines += ["", f"From the first round to the last the RSS changed by {d['rssGrowthMiB']:+.0f} MiB (maximum "
                  f"{d['rssMaxMiB']:.0f} MiB) and the live tensors from {d['liveTensorsFirstRound']:.0f} to "
                  f"{d['liveTensorsLastRound']:.0f}: memory is **{'flat' if flat else 'NOT flat'}** (at most "
                  f"{d['flatRssGrowthMiB']:.0f} MiB growth). Each condition's sessions hold their replicates' data "
                  "(8 x 20,000 training samples) while it runs (IMP's until its branches, which train on it, are done), "
                  "and the study keeps IMP's checkpoints for the branches."]
    lines += [
        "",
        "How these were measured: `StudyRunner` directly (nothing written to disk), after one warm-up study of every "
        "condition with 2 replicates, 1 epoch and 1 pruning round. On the CPU each of a condition's replicates trains as "
        "its own run, side by side on as many streams as the cores hold (one libtorch thread each here), each round "
        "measured (IPR, spread, kurtosis, the permutation null with M = 32, both cavity maps) beside the next round's "
        "training. IMP with 1 and 8 replicates and the single run are timed BENCH_IMP_REPEATS times (the single run "
        "right after each 1-replicate study); the default study BENCH_STUDY_REPEATS times (default 1: it takes minutes) "
        "and the 40 single runs once, so those are single measurements unless the run count says otherwise; on a shared machine they move with the other "
        "work (see \"Other work on the machine\"). The single runs' controls are standalone runs (each trains its own "
        "dense round 0, which the study's branches share with IMP), so they do slightly more work than the study; random "
        "reinitialisation runs only inside a study, so its single runs are plain IMP runs of the same size.",
    ]
    return lines


ESTIMATES_HEADING = "## Estimates: what admission expects against what runs take"
ESTIMATE_MEMORY_TOLERANCE = 0.30
ESTIMATE_TIME_FACTOR = 2.0


def estimates_section(ours):
    """The admission's estimates against whole runs of a grid of sizes, each in a process of its own."""
    cases = [r for (suite, _), r in ours.items() if suite == "estimates"]
    if not cases:
        return []
    lines = [
        "Each spec runs whole through the command line (`run`), in a process of its own, and its peak resident memory "
        "(VmHWM) and wall time from admission to the last round are set against `ResourceEstimator` (what "
        "`Compute:Limits` refuse by). Targets: memory within "
        f"{ESTIMATE_MEMORY_TOLERANCE:.0%} of the measured peak, time within a factor of {ESTIMATE_TIME_FACTOR:g}. "
        "The first cases chose the estimator's coefficients (time on the first 7, memory on the first 11, from the mean of 2 to 3 earlier runs each); the ones marked *held out* did not.",
        "",
        "| spec | D | parameters | steps | peak memory measured (range) | estimated | error | time measured (range) | estimated | ratio | targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    memory_met = time_met = 0
    for r in cases:
        d = r["details"]
        error = d["estimatedMiB"] / d["measuredMiB"] - 1
        ratio = d["estimatedSeconds"] / r["median"]
        m_ok = abs(error) <= ESTIMATE_MEMORY_TOLERANCE
        t_ok = 1 / ESTIMATE_TIME_FACTOR <= ratio <= ESTIMATE_TIME_FACTOR
        memory_met += m_ok
        time_met += t_ok
        name = r["case"] + (" (*held out*)" if d.get("heldOut") else "")
        lines.append(f"| {name} | {int(d['inputs']):,} | {int(d['parameters']):,} | {int(d['steps']):,} | "
                     f"{d['measuredMiB']:,.0f} MiB ({d.get('measuredMiBLow', d['measuredMiB']):,.0f} to {d.get('measuredMiBHigh', d['measuredMiB']):,.0f}) | "
                     f"{d['estimatedMiB']:,.0f} MiB | {error:+.0%} | "
                     f"{r['median']:.1f} s ({min(r['values']):.1f} to {max(r['values']):.1f}) | {d['estimatedSeconds']:.1f} s | {ratio:.2f} | "
                     f"memory {'met' if m_ok else '**NOT met**'}, time {'met' if t_ok else '**NOT met**'} |")
    lines += ["", f"Memory within {ESTIMATE_MEMORY_TOLERANCE:.0%}: **{memory_met} of {len(cases)}**; time within a "
              f"factor of {ESTIMATE_TIME_FACTOR:g}: **{time_met} of {len(cases)}**. Each spec ran {len(cases[0]['values'])} times "
              "(BENCH_IMP_REPEATS); the table compares medians and gives the range. A spec's peak memory moves by 10 to 20% "
              "between runs (when the allocators hand memory back), so one run can land outside 30% where the median does not."]
    return lines


SCALEOUT_HEADING = "## Scale-out: remote workers on one machine"


def scaleout_section(d):
    """Two workers with one thread each against one worker with two, on a queue of Quick-demo runs; the hand-over."""
    if not d:
        return []
    rows = []
    by_name = {layout["name"]: layout for layout in d["layouts"]}
    one, two = by_name.get("one worker, 2 threads"), by_name.get("two workers, 1 thread each")
    lines = [
        f"A queue of {d['runs']} \"{d['preset']}\" runs through the lab with remote workers (`Compute:Workers = Remote`: the web app "
        "enqueues each run in the Hangfire job store on a private PostgreSQL; `LocalityLab.Compute.dll worker` processes take them), "
        "timed from the first submission to the last completion. The two layouts alternate, repeat after repeat, on the same web app "
        "and database; each worker takes one run at a time (`Compute:MaxConcurrentRuns = 1`).",
        "",
        "| layout | queue of runs, wall time (median) | one run, start to finish (median) |",
        "| --- | --- | --- |",
    ]
    for layout in (one, two):
        if layout:
            q, r = layout["queueSeconds"], layout["runSeconds"]
            lines.append(f"| {layout['name']} | **{statistics.median(q):.1f} s** ({len(q)} repeats, {min(q):.1f} s to {max(q):.1f} s) | "
                         f"{statistics.median(r):.1f} s ({len(r)} runs, {min(r):.1f} s to {max(r):.1f} s) |")
    if one and two:
        ratio = statistics.median(one["queueSeconds"]) / statistics.median(two["queueSeconds"])
        lines += ["", f"Two workers with one thread each finish the queue **{ratio:.2f}x** as fast as one worker with two threads. "
                      f"One run took {statistics.median(one['runSeconds']):.1f} s with two threads and {statistics.median(two['runSeconds']):.1f} s "
                      "with one (medians, the two-thread run alone on the machine, the one-thread runs two at a time): at the Quick demo's size a "
                      "second libtorch thread does not pay here, so one run per core is the faster way to work through a queue of such runs."]
    h = d.get("handOverSeconds") or []
    if h:
        lines += ["", f"**Hand-over after a worker is killed** (kill -9 once its run has stored a round; two workers, lease "
                      f"`Compute:WorkerLeaseSeconds = {d['leaseSeconds']}`): the other worker took the run **{statistics.median(h):.1f} s** "
                      f"after the kill (median of {len(h)}, {min(h):.1f} s to {max(h):.1f} s), and continued after its last stored round "
                      f"({', '.join(str(n) for n in d['roundsWhenKilled'])} round(s) stored at the kills). The lease bounds it: a dead "
                      "worker's job becomes visible to the others once the lease has run out since its last heartbeat (renewed every fifth "
                      "of the lease), and the other worker polls the job store every second; so a take-over comes between four fifths of "
                      "the lease and the lease plus a second after the kill."]
    return lines


def contention_section(work):
    path = os.path.join(work, "contention.jsonl")
    if not os.path.exists(path):
        return [], 0.0, {}
    entries = [json.loads(line) for line in open(path)]
    lines = ["| command | wall | its own CPU | other processes' CPU | load average before / after |",
             "| --- | --- | --- | --- | --- |"]
    for e in entries:
        lines.append(f"| {e['label']} | {e['wallSeconds']:.0f} s | {e['ownCores']:.2f} cores | "
                     f"**{e['othersCores']:.2f} cores** | {e['loadAverageBefore']:.1f} / {e['loadAverageAfter']:.1f} |")
    worst = max(e["othersCores"] for e in entries)
    return lines, worst, {e["label"]: e["othersCores"] for e in entries}


def signalr_section(s):
    d = s["delivery"]
    w = s["wire"]
    target = 300 * 1024
    idle, training = s["idlePage"]["milliseconds"], s["trainingPage"]["milliseconds"]
    lines = [
        f"The web app (Release, published, SQLite in a temporary file, loopback port) ran one experiment: D = {s['inputs']} "
        f"(a 40 x 40 torus), K = {s['hiddenUnits']}, {s['expectedRounds']} rounds of {s['stepsPerRound']:,} SGD steps "
        f"(batch 64). It trained for **{s['runSeconds']:.1f} s** (status {s['finalStatus']}), watched by "
        f"**{s['connections']} hub connections** (WebSockets, MessagePack protocol) opened in one load-tool process "
        f"on this same machine: connecting all took {s['connectMilliseconds']:.0f} ms, subscribing all to the run "
        f"{s['subscribeMilliseconds']:.0f} ms.",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| subscribers holding every round | **{d['subscribersWithEveryRound']} of {s['connections']}** "
        f"(per subscriber {d['minRoundsPerSubscriber']} to {d['maxRoundsPerSubscriber']} of {s['expectedRounds']} rounds) |",
        f"| RoundCompleted messages received live | {d['liveReceipts']} of {d['expected']} expected; "
        f"{d['fromSnapshot']} rounds came in Subscribe snapshots instead; {d['duplicates']} duplicates |",
        f"| Progress messages per subscriber (median) | {d['medianProgressMessagesPerSubscriber']:.0f} |",
        f"| fan-out spread: each subscriber's receipt minus the first subscriber's, same round | "
        f"p50 **{s['fanOutSpread']['p50']:.1f} ms**, p95 **{s['fanOutSpread']['p95']:.1f} ms**, max "
        f"{s['fanOutSpread']['max']:.1f} ms ({s['fanOutSpread']['count']} receipts) |",
        f"| receipt minus completion seen by polling GET /api/runs/{{id}} every {s['pollIntervalMilliseconds']:.0f} ms | "
        f"p50 {s['completionToReceipt']['p50']:.1f} ms, p95 {s['completionToReceipt']['p95']:.1f} ms "
        f"({s['completionToReceipt']['count']} receipts) |",
        f"| first receipt minus completion seen by polling, per round | p50 {s['completionToFirstReceipt']['p50']:.1f} ms, "
        f"max {s['completionToFirstReceipt']['max']:.1f} ms ({s['completionToFirstReceipt']['count']} rounds) |",
        f"| GET /api/runs/{{id}} (the poll itself) | p50 {s['pollRequest']['p50']:.1f} ms, p95 {s['pollRequest']['p95']:.1f} ms "
        f"({s['pollRequest']['count']} requests) |",
        f"| one RoundCompleted, K = {w['units']}, D = {w['inputs']}, MessagePack | **{w['messagePack']:,} bytes "
        f"({w['messagePack'] / 1024:.0f} KiB)**: {'under' if w['messagePack'] < target else 'OVER'} the 300 KB target |",
        f"| the same message in the JSON hub protocol, for comparison | {w['json']:,} bytes ({w['json'] / 1024:.0f} KiB) |",
        f"| GET / before the run (idle server), {s['idlePage']['requests']} sequential requests | "
        f"p50 {idle['p50']:.1f} ms, p95 {idle['p95']:.1f} ms, max {idle['max']:.1f} ms, {s['idlePage']['failures']} failures |",
        f"| GET / while the run trains, {s['trainingPage']['requests']} sequential requests {s['trainingPage']['pauseMilliseconds']:.0f} ms apart | "
        f"p50 **{training['p50']:.1f} ms**, p95 **{training['p95']:.1f} ms**, max {training['max']:.1f} ms, "
        f"{s['trainingPage']['failures']} failures{'' if s['pagesAllWhileTraining'] else ' (some after the run ended)'} |",
        f"| server CPU while training (/proc/PID/stat, 1 s samples) | **{s['trainingCpu']['serverCores']:.2f} cores** on average, "
        f"busiest second {s['trainingCpu']['serverPeakCores']:.2f} cores |",
        f"| whole machine while training (/proc/stat) | {s['trainingCpu']['machineCores']:.2f} of {os.cpu_count()} cores busy; "
        f"the load tool itself {s['trainingCpu']['loadToolCores']:.2f} cores |",
        f"| server CPU idle (before the run) | {s['idleCpu']['serverCores']:.2f} cores |",
        "",
        "Per round (completion = first poll that saw it stored; seconds after the run started):",
        "",
        "| round | completion seen | receivers | first receipt after completion | last minus first receipt |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in s["rounds"]:
        lines.append(f"| {r['round']} | {r['completionSeenSeconds']:.1f} s | {r['receivers']} | "
                     f"{r['firstAfterCompletion']:.1f} ms | {r['spread']:.1f} ms |")
    lines += [
        "",
        "What exactly was measured:",
        "",
        "- A receipt is the time, on one monotonic clock in the load tool, at which that subscriber's RoundCompleted "
        "handler started: after the client received and deserialised the whole message. All 50 clients share the "
        "load tool's process and this machine's two cores with the server, so the spread includes the client side's "
        "own deserialisation of 50 copies of the frame.",
        "- The server puts no time in the message. The fan-out spread (a subscriber's receipt minus the first "
        "subscriber's receipt of the same round) needs none. The completion reference is the first "
        f"GET /api/runs/{{id}} poll (every {s['pollIntervalMilliseconds']:.0f} ms) whose RoundsCompleted includes the round; the server "
        "stores a round before announcing it, so that poll can only be late: by up to the poll interval plus one "
        "request. That is why a first receipt can come before its completion was seen (negative values).",
        "- The message size is the received RoundFrame serialised again with the MessagePack hub protocol "
        "(`MessagePackHubProtocol.WriteMessage` of the RoundCompleted invocation): the payload of one WebSocket "
        "message, not counting the WebSocket frame header (up to 14 bytes).",
        "- Page latency: HttpClient, one request at a time, the whole response read; the first 10 requests after "
        "start-up are not counted.",
    ]
    return lines


def reading(ours, peer, s, worst_contention, contention):
    lines = []

    def pair(suite, case, peer_case=None):
        return ours.get((suite, case)), peer.get((suite, peer_case or case))

    def say(o, p):
        _, faster = speed(o, p)
        return f"{faster:.2f}x faster" if faster >= 1 else f"{1 / faster:.2f}x slower"

    sizes = ("D=400, K=40, batch 64", "D=784, K=100, batch 128", "D=1600, K=400, batch 256")
    best = [pair("train-step", c) for c in sizes]
    passive = [pair("train-step", c + " [PASSIVE]", c) for c in sizes]
    spin = [pair("train-step", c, c + " [default wait policy]") for c in sizes]
    mm32 = pair("matmul", "2048 x 2048 float32")
    mm64 = pair("matmul", "2048 x 2048 float64")

    def triple(rates):
        return " / ".join(f"{r['median']:,.0f}" for r in rates)

    def ratios(pairs):
        return ", ".join(say(*x) for x in pairs)

    if all(o and p for o, p in best):
        lines.append(
            f"- **Training steps.** Each side with its faster OpenMP setting, ours is {ratios(best)} than PyTorch 1.13 "
            "with OpenBLAS at D=400/K=40, D=784/K=100 and D=1600/K=400. Our step (`TwoLayerSgdStep`) writes the "
            "two-layer gradients out by hand: about twenty kernels and no autograd graph or optimizer bookkeeping, "
            "where the peer records a graph, runs autograd and PyTorch's optimizer; small steps are bound by that "
            "per-call work. The largest step is bound by its two matrix products, where our libtorch's GEMM reaches "
            "about half the peer's OpenBLAS rate on this CPU (matrix products, below).")
    if all(o and p for o, p in passive + spin):
        others = ", ".join(f"{contention[label]:.2f}" for label in
                           ("ours train-step", "peer train-step", "ours train-step [PASSIVE]",
                            "peer train-step [default wait policy]") if label in contention)
        lines.append(
            f"- **OpenMP wait policy.** Ours did {triple([o for o, _ in spin])} steps/s spinning (as shipped) and "
            f"{triple([o for o, _ in passive])} sleeping (PASSIVE); the peer {triple([p for _, p in spin])} spinning "
            f"and {triple([p for _, p in passive])} sleeping. With the same policy on both sides ours is "
            f"{ratios(passive)} when both sleep and {ratios(spin)} when both spin. Spinning helps libtorch hand tiny "
            "kernels to its second thread; in the peer, torch's spinning OpenMP threads take the cores OpenBLAS's own "
            "threads need. Spinning threads of either side can also stall when other work takes a core, waiting for "
            f"a descheduled partner. The four runs were back to back (other processes meanwhile: {others} cores).")
    if mm32[0] and mm32[1] and mm64[0] and mm64[1]:
        lines.append(
            f"- **Matrix products.** A 2048 x 2048 float32 product runs at {mm32[0]['median']:.0f} GFLOP/s in our libtorch "
            f"2.10 and {mm32[1]['median']:.0f} GFLOP/s in the peer's OpenBLAS (ours {say(*mm32)}); float64: "
            f"{mm64[0]['median']:.0f} vs {mm64[1]['median']:.0f} GFLOP/s (ours {say(*mm64)}). shared/PLATFORM.md records "
            "libtorch 2.10's GEMM as slower than PyTorch 1.13 with OpenBLAS for large products. libtorch_cpu links "
            "Intel's MKL (its mkl_serv_* symbols), which is known to pick AVX2 rather than AVX-512 kernels on AMD "
            "processors, while OpenBLAS uses its AVX-512 (Cooperlake) kernel here: that fits the factor of about two, "
            "though we have not proven it is the whole cause. Wherever the products dominate (the largest training "
            "step, the cavity map's float64 products) that is the BLAS's share, not our code's.")
    cav = pair("cavity-map", "K=400, D=1600, N=2000")
    naive = pair("cavity-map", "K=400, D=1600, N=2000", "K=400, D=1600, N=2000 [naive loop]")
    if cav[0] and cav[1] and naive[1]:
        details = naive[1]["details"]
        lines.append(
            f"- **Cavity map.** The same float64 moment expansion takes {cav[0]['median']:.3f} s in ours and "
            f"{cav[1]['median']:.3f} s in the peer (ours {say(*cav)}). Both are dominated by float64 products of "
            "K x N by N x D matrices (compare the float64 matrix-product row). The "
            f"per-weight loop research scripts run would take about {naive[1]['median']:.0f} s for the "
            f"{details['survivingWeights']:,.0f} surviving weights (timed on {details['timedWeights']:,.0f} and "
            f"extrapolated), {naive[1]['median'] / cav[0]['median']:,.0f} times our time; on the timed weights it "
            f"agrees with the expansion to {details['maxAbsDifferenceFromExpansion']:.1e}.")
    samp20 = pair("nlgp-sampling", "2D torus L=20 (D=400), 20,000 samples")
    samp64 = pair("nlgp-sampling", "2D torus L=64 (D=4096), 20,000 samples")
    r20 = pair("nlgp-sampling", "2D torus L=20 (D=400), 20,000 samples", "2D torus L=20 (D=400), 20,000 samples [rfft]")
    r64 = pair("nlgp-sampling", "2D torus L=64 (D=4096), 20,000 samples", "2D torus L=64 (D=4096), 20,000 samples [rfft]")
    f20 = pair("nlgp-sampling", "2D torus L=20 (D=400), 20,000 samples",
               "2D torus L=20 (D=400), 20,000 samples [rfft, float32 noise]")
    f64 = pair("nlgp-sampling", "2D torus L=64 (D=4096), 20,000 samples",
               "2D torus L=64 (D=4096), 20,000 samples [rfft, float32 noise]")
    if all(o and p for o, p in (samp20, samp64, r20, r64, f20, f64)):
        lines.append(
            f"- **NLGP sampling.** Ours is {say(*samp20)} (L=20) and {say(*samp64)} (L=64) than the formula as a "
            f"script writes it (complex fft2/ifft2, float64 noise), and {say(*r20)} (L=20) and {say(*r64)} (L=64) "
            "than the peer using real FFTs like us. Two choices make the difference: real FFTs (half the transform "
            "work) and white noise drawn in float32 and widened (libtorch's vectorised float32 normal sampler, "
            f"against float64 normals). With both, ours is {say(*f20)} (L=20) and {say(*f64)} (L=64) than the peer"
            + (": the algorithm, not the engine, makes the difference." if all(0.8 <= speed(*x)[1] <= 1.25 for x in (f20, f64))
               else "; what remains is the engines' own FFT, erf and copying."))
    imp = pair("imp-run", '"Quick demo" preset, 11 rounds')
    if imp[0] and imp[1]:
        lines.append(
            f"- **Whole IMP run.** The Quick demo takes {imp[0]['median']:.1f} s through our runner and "
            f"{imp[1]['median']:.1f} s in the peer (ours {say(*imp)}); ours also computes per round the cavity map, "
            "spread, per-class kurtosis, the permutation null and a resumable checkpoint; the \"every measure\" row times the "
            "peer computing them too. About 34,000 small steps "
            "dominate it, so it follows the small training step.")
    cav_t, direct_t = ours.get(("cavity-map", CAVITY_TARGET)), ours.get(("cavity-map", CAVITY_DIRECT))
    if cav_t:
        target = cav_t["details"]["targetSeconds"]
        line = (f"- **Cavity map target.** The full map at K=100, D=1600, N=10,000 ({cav_t['details']['survivingWeights']:,.0f} "
                f"surviving weights) took {cav_t['median']:.3f} s on {os.cpu_count()} cores: the < {target:g} s target is "
                f"{'met' if cav_t['median'] < target else 'NOT met'}.")
        if direct_t:
            dd = direct_t["details"]
            line += (f" The direct float64 recomputation in our engine would take about {direct_t['median']:.1f} s "
                     f"(timed on {dd['timedWeights']:,.0f} weights and extrapolated), so the moment expansion is "
                     f"{factor_text(times(cav_t, direct_t))}x faster; on the timed weights the two agree to "
                     f"{dd['maxAbsDifferenceFromExpansion']:.1e}.")
        lines.append(line)
    chol_parts = []
    for side, samples in CHOLESKY_SIDES:
        fft_case, chol_case, factor_case = sampling_cases(side, samples)
        fft, chol, factor = (ours.get(("nlgp-sampling", c)) for c in (fft_case, chol_case, factor_case))
        if fft and chol and factor:
            chol_parts.append((side, fft, chol, factor))
    if chol_parts:
        described = "; ".join(
            f"at D={side * side} the FFT sampler drew {fft['median']:,.0f} samples/s and the Cholesky one "
            f"{chol['median']:,.0f} ({fft_vs_cholesky(fft, chol)}), after {factor['median']:.3f} s of factorisation"
            for side, fft, chol, factor in chol_parts)
        lines.append(
            f"- **FFT vs Cholesky.** Per sample, the FFT sampler costs O(D log D) and the Cholesky one an O(D^2) product "
            f"against a factor that costs O(D^3) once per source: {described}. Storing the two float64 factors at "
            "D=4096 takes 256 MiB, which the FFT sampler never needs.")
    imp_t = ours.get(("imp-run", IMP_CASE))
    if imp_t and memory_rounds(imp_t):
        d = imp_t["details"]
        rounds = memory_rounds(imp_t)
        lines.append(
            f"- **IMP run target and memory.** The Quick demo's {len(rounds)} rounds took {imp_t['median']:.1f} s: the "
            f"< {IMP_TARGET_SECONDS} s target is {'met' if imp_t['median'] < IMP_TARGET_SECONDS else 'NOT met'}. From round {rounds[0][0]} to round "
            f"{rounds[-1][0]} the process RSS changed by {d['rssGrowthMiB']:+.1f} MiB and the live tensors by "
            f"{d['liveTensorGrowth']:+.0f}, so memory is {'flat' if memory_flat(d) else 'NOT flat'} (at most "
            f"{d['flatRssGrowthMiB']:.0f} MiB and {d['flatLiveTensorGrowth']:.0f} tensors; one tensor leaked per "
            "training step would add thousands per round).")
    if s:
        page = s["trainingPage"]["milliseconds"]
        lines.append(
            f"- **Web under load.** {s['delivery']['subscribersWithEveryRound']} of {s['connections']} subscribers got "
            f"every round; a {s['wire']['messagePack'] / 1024:.0f} KiB frame reached all of them within "
            f"{s['fanOutSpread']['p95']:.0f} ms of the first (p95); GET / stayed at p50 {page['p50']:.0f} ms / "
            f"p95 {page['p95']:.0f} ms while training used {s['trainingCpu']['serverCores']:.2f} cores.")
    if worst_contention > 0.2:
        lines.append(
            f"- **Noise.** Other processes used up to {worst_contention:.2f} of {os.cpu_count()} cores while a suite ran (see "
            "\"Other work on the machine\"), so absolute numbers here are lower and noisier than on a quiet machine, "
            "and the two sides of a row may have met different contention. Small training steps suffer most. Treat "
            "ratios from suites with much contention as rough, and re-run bench.sh on a quiet machine for firm numbers.")
    return lines


# ---------------------------------------------------------------------------------------------------- main


def splice_estimates(args):
    """Replaces (or adds) the estimates section of an existing BENCHMARKS.md, saying when that section was measured."""
    ours, _ = results(args.work, "ours-")
    splice(args, ESTIMATES_HEADING, estimates_section(ours), "estimates")


def splice_scaleout(args):
    """Replaces (or adds) the scale-out section of an existing BENCHMARKS.md, saying when that section was measured."""
    path = os.path.join(args.work, "scaleout.json")
    splice(args, SCALEOUT_HEADING, scaleout_section(load(path) if os.path.exists(path) else None), "scaleout")


def splice(args, heading, lines, command):
    if not lines:
        raise SystemExit(f"no {command} results in " + args.work)
    m = machine()
    commit = git("rev-parse", "--short", "HEAD")
    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = [heading, "",
               f"Measured on its own by `./bench.sh {command}` on {now} at commit `{commit}`{dirty}, in "
               f"{args.seconds / 60:.1f} minutes, on {m['cpu']} ({m['cores']} cores), {args.threads} threads; "
               "the other sections come from the full run named at the top.", ""] + lines
    text = open(args.out).read() if os.path.exists(args.out) else "# Benchmarks\n"
    block = "\n".join(section) + "\n"
    start = text.find(heading)
    if start >= 0:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + block + ("\n" + text[end + 1:] if end >= 0 else "")
    else:
        for heading in ("## SignalR", "## Other work on the machine", "## Reading"):
            at = text.find("\n" + heading)
            if at >= 0:
                text = text[:at + 1] + block + "\n" + text[at + 1:]
                break
        else:
            text = text.rstrip("\n") + "\n\n" + block
    with open(args.out, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--dotnet", default="")
    parser.add_argument("--nice", type=int, default=0)
    parser.add_argument("--seconds", type=int, default=0)
    parser.add_argument("--profile-before", default="", help="an earlier bench JSON with round-profile results to show beside")
    parser.add_argument("--only", choices=["estimates", "scaleout"],
                        help="rewrite only this section of the existing --out file (`./bench.sh estimates`)")
    args = parser.parse_args()
    if args.only == "estimates":
        splice_estimates(args)
        return
    if args.only == "scaleout":
        splice_scaleout(args)
        return

    ours, meta_ours = results(args.work, "ours-")
    peer, meta_peer = results(args.work, "peer-")
    signalr_path = os.path.join(args.work, "signalr.json")
    s = load(signalr_path) if os.path.exists(signalr_path) else None
    m = machine()
    commit = git("rev-parse", "--short", "HEAD")
    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    contention, worst, others = contention_section(args.work)

    out = [
        "# Benchmarks",
        "",
        f"Generated by `./bench.sh` on {now} at commit `{commit}`{dirty}, in {args.seconds / 60:.1f} minutes. "
        "Re-run it to regenerate this file: every number below comes from that one run.",
        "",
        "## Machine and settings",
        "",
        "| | |",
        "| --- | --- |",
        f"| CPU | {m['cpu']} ({m['vector']}) |",
        f"| cores | {m['cores']} |",
        f"| memory | {m['memory']} |",
        f"| OS | {m['os']} |",
        f"| .NET SDK | {args.dotnet} |",
    ]
    if meta_ours:
        out.append(f"| ours | LocalityLab engine, Release: TorchSharp {meta_ours['torchSharp']}, libtorch {meta_ours['libTorch']} (CPU); "
                   f"as shipped: **{meta_ours['threads']} intra-op threads** per stream (Compute:Threads unset: half the cores), "
                   "two streams per run (a round's measures beside the next round's training) |")
    if meta_peer:
        out.append(f"| peer | bench/peer_pytorch.py on Debian's PyTorch {meta_peer['torch']}, NumPy {meta_peer['numpy']}, "
                   f"Python {meta_peer['python']}: **torch.set_num_threads({meta_peer['threads']})**, OpenBLAS "
                   f"{meta_peer['openblasCore']} kernel with {meta_peer['openblasThreads']} threads "
                   "(OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset for the peer) |")
    out.append("| OpenMP | each side with the wait policy that is faster for it here: ours as shipped (OMP_WAIT_POLICY unset: "
               "idle threads spin a while), the peer with OMP_WAIT_POLICY=PASSIVE (idle threads sleep); the training "
               "steps are also timed with the other policy on each side. The web app in the SignalR test runs as shipped |")
    out.append(f"| priority | {'normal (nice 0)' if args.nice == 0 else f'nice {args.nice} for every benchmark process'} |")
    out += [
        "",
        "Each side runs one suite in its own process, ours first and the peer right after, so the two sides of a row "
        "were timed minutes apart at most. Every case gets one untimed warm-up run, then timed runs; the tables give "
        "the median, the number of timed runs and their range. The whole IMP run is timed fewer times (its warm-up "
        "is the same preset with 1 epoch and 1 pruning round).",
        "",
        "## Compute: ours vs the PyTorch peer",
        "",
    ]
    out += compute_section(ours, peer, meta_ours, meta_peer)
    out += [
        "",
        "How each was measured (both sides do the same work):",
        "",
        "- (a) One masked SGD step of a 2-layer ReLU net (D -> K -> 1), half the first layer pruned: a batch gathered "
        "from a shuffled fixed set of 4,096 samples, forward, BCE on the logit, the loss read back to the host (our "
        "divergence check; a script's logging), backward, gradient mask, SGD step (lr 0.05), weight mask. Ours is "
        "`RoundTrainer.Train`, the code every round runs, which takes `TwoLayerSgdStep` (gradients by hand, checked "
        "against autograd in the tests) for SGD on a two-layer net; the peer is autograd and `torch.optim.SGD`. Each "
        "timed run starts from the same weights and mask.",
        "- (b) `CavityMethod.Compute(inputs [N, D], weights [K, D], mask [K, D])` on NLGP inputs (40 x 40 torus), "
        "Gaussian weights, half masked; the peer's float64 moment expansion in whole-matrix PyTorch; and the naive loop "
        "(`scipy.stats.kurtosis` of h_k - w_ki x_i for every surviving weight), **timed on a random subsample of "
        "surviving weights and extrapolated linearly** to all of them.",
        "- (c) 20,000 balanced NLGP samples on the 2D torus (xi = 1 and 2, g = 10) from an already built sampler: "
        "ours `ExperimentDataBuilder.CreateSource(spec).Sample(n, generator)`; the peer z = ifft2(sqrt(spectrum) * "
        "fft2(white)), x = erf(g z / sqrt 2) / sqrt(gamma), in chunks of about 2^20 values like ours; and the same with "
        "real FFTs.",
        "- (d) The \"Quick demo\" preset through `ExperimentRunner` (the DI-built runner of the command line): data "
        "generation, 11 rounds of 3,130 steps, evaluation, pruning and every per-round measure. The peer is the same "
        "IMP loop in PyTorch (2D NLGP L=20, xi=(1,2), g=10; K=40 ReLU; 20,000/2,000 samples; SGD lr 0.05, batch 64, "
        "10 epochs per round; 30% layerwise of the first layer per round; rewind to step 100), measuring test "
        "accuracy, IPR and kurtosis per round; in the \"every measure\" row it also computes what ours computes every "
        "round: spread, the permutation null (M = 32 placements per unit, one [N_c, D] @ [D, K M] product per class: "
        "LI and NGI) and both cavity maps (the class mixture's and each class's), by the same moment expansion.",
    ]
    out += imp_details(ours, peer)
    target_lines = targets_section(ours, peer)
    if target_lines:
        out += ["", "## Compute: the issue's targets, and comparisons inside our engine", ""] + target_lines
    profile_lines = profile_section(ours, args.profile_before)
    if profile_lines:
        out += ["", "## Compute: where a round's time goes", ""] + profile_lines
    study_lines = study_section(ours)
    if study_lines:
        out += ["", "## Studies: replicates together, ours vs ours", ""] + study_lines
    estimate_lines = estimates_section(ours)
    if estimate_lines:
        out += ["", ESTIMATES_HEADING, ""] + estimate_lines
    scaleout_path = os.path.join(args.work, "scaleout.json")
    scaleout_lines = scaleout_section(load(scaleout_path) if os.path.exists(scaleout_path) else None)
    if scaleout_lines:
        out += ["", SCALEOUT_HEADING, ""] + scaleout_lines
    if s:
        out += ["", "## SignalR: 50 subscribers on one run", ""] + signalr_section(s)
    if contention:
        out += ["", "## Other work on the machine", "",
                "This machine is shared. For each benchmark command: its wall time, its own CPU, and the CPU other "
                "processes used meanwhile (busy time in /proc/stat minus the command's own), in cores out of "
                f"{m['cores']}.", ""] + contention
    out += ["", "## Reading", ""] + reading(ours, peer, s, worst, others)
    with open(args.out, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
