#!/usr/bin/python3
"""The PyTorch peer of `compute bench`: the same work, written as a researcher would write it, timed the same way.

Runs with Debian's python3-torch (PyTorch 1.13, OpenBLAS). bench.sh starts it with /usr/bin/python3 and with
OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset for this command only, so OpenBLAS picks its kernel for this CPU.
Writes the JSON shape of LocalityLab's BenchmarkReport (Compute/Benchmarks), so bench/report.py pairs each case.

Suites (the names `compute bench --suite` takes):
  matmul         context: one 2048 x 2048 matrix product, float32 and float64, in GFLOP/s
  train-step     masked 2-layer FCN SGD steps (gather batch, forward, BCE, loss.item(), backward, grad mask, step, weight mask)
  nlgp-sampling  NLGP on the 2D torus by FFT, z = ifft2(sqrt(spectrum) * fft2(white)), x = erf(g z / sqrt 2) / sqrt(gamma)
  cavity-map     the float64 moment expansion of the cavity map, and the naive per-weight recomputation (subsample)
  imp-run        the "Quick demo" IMP experiment end to end
"""

import argparse
import ctypes
import datetime
import gc
import json
import math
import os
import statistics
import sys
import time

import numpy as np
import scipy.stats
import torch
import torch.nn.functional as F

SEED = 1


def result(suite, case, unit, higher_is_better, warmups, values, details=None, note=None):
    return {
        "suite": suite,
        "case": case,
        "unit": unit,
        "higherIsBetter": higher_is_better,
        "warmups": warmups,
        "values": values,
        "details": details,
        "note": note,
        "runs": len(values),
        "median": statistics.median(values),
    }


def timed(warmups, repeats, once, prepare=None):
    """Seconds of each timed repetition after the warm-ups; prepare() runs untimed before every run."""
    for _ in range(warmups):
        if prepare:
            prepare()
        once()
    seconds = []
    for _ in range(repeats):
        if prepare:
            prepare()
        gc.collect()
        start = time.perf_counter()
        once()
        seconds.append(time.perf_counter() - start)
    return seconds


def openblas():
    """The OpenBLAS that torch loaded (its core type and thread count), found in this process's memory map."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "libopenblas" in line})
    if not paths:
        return None
    library = ctypes.CDLL(paths[0])
    library.openblas_get_corename.restype = ctypes.c_char_p
    return library


# ---------------------------------------------------------------------------------------------------- context


def matmul_suite(repeats):
    """One 2048 x 2048 product in the BLAS torch uses, float32 and float64, 2 n^3 flops each."""
    size, products = 2048, 5
    results = []
    for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
        generator = torch.Generator().manual_seed(SEED)
        a = torch.randn(size, size, dtype=dtype, generator=generator)
        b = torch.randn(size, size, dtype=dtype, generator=generator)

        def once():
            for _ in range(products):
                a @ b

        seconds = timed(1, repeats, once)
        r = result("matmul", f"{size} x {size} {name}", "GFLOP/s", True, 1,
                   [2.0 * size ** 3 * products / s / 1e9 for s in seconds])
        print(f"matmul {r['case']}: {r['median']:,.0f} GFLOP/s (median of {r['runs']})", flush=True)
        results.append(r)
    return results


# ---------------------------------------------------------------------------------------------------- the network


class TwoLayer(torch.nn.Module):
    def __init__(self, inputs, hidden):
        super().__init__()
        self.fc1 = torch.nn.Linear(inputs, hidden)
        self.fc2 = torch.nn.Linear(hidden, 1)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x))).squeeze(-1)


def initialise(model, generator):
    """N(0, 1 / fan_in) weights, zero biases (LocalityLab's InputScaled)."""
    with torch.no_grad():
        for layer in (model.fc1, model.fc2):
            layer.weight.normal_(0, 1 / math.sqrt(layer.weight.shape[1]), generator=generator)
            layer.bias.zero_()


def train(model, mask, x, y, steps, batch, lr, generator, after_step=None):
    """Masked SGD on a fixed training set, reshuffled every epoch; returns the mean loss of the last epoch."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    weight = model.fc1.weight
    n = x.shape[0]
    order, cursor = None, 0
    losses = []
    for step in range(steps):
        if order is None or cursor >= n:
            order, cursor = torch.randperm(n, generator=generator), 0
        index = order[cursor:cursor + batch]
        cursor += batch
        optimizer.zero_grad()
        loss = F.binary_cross_entropy_with_logits(model(x[index]), y[index])
        losses.append(loss.item())
        loss.backward()
        weight.grad.mul_(mask)
        optimizer.step()
        with torch.no_grad():
            weight.mul_(mask)
        if after_step:
            after_step(step + 1)
    window = min(len(losses), (n + batch - 1) // batch)
    return sum(losses[-window:]) / max(window, 1)


def train_step_suite(repeats):
    cases = [(400, 40, 64, 1000), (784, 100, 128, 400), (1600, 400, 256, 80)]
    results = []
    for inputs, hidden, batch, steps in cases:
        generator = torch.Generator().manual_seed(SEED)
        data_generator = torch.Generator().manual_seed(SEED + 1)
        x = torch.randn(4096, inputs, generator=data_generator)
        y = torch.randint(0, 2, (4096,), generator=data_generator).float()
        model = TwoLayer(inputs, hidden)
        mask = torch.ones(hidden, inputs)

        def reset():
            # Same weights, mask and batch order every repetition, so each one does the same work.
            generator.manual_seed(SEED)
            initialise(model, generator)
            mask.copy_((torch.rand(hidden, inputs, generator=generator) < 0.5).float())
            with torch.no_grad():
                model.fc1.weight.mul_(mask)

        seconds = timed(1, repeats, lambda: train(model, mask, x, y, steps, batch, 0.05, generator), prepare=reset)
        r = result("train-step", f"D={inputs}, K={hidden}, batch {batch}", "steps/s", True, 1,
                   [steps / s for s in seconds], {"stepsPerRepetition": steps})
        print(f"train-step {r['case']}: {r['median']:,.0f} steps/s (median of {r['runs']})", flush=True)
        results.append(r)
    return results


# ---------------------------------------------------------------------------------------------------- NLGP data


def latent_covariance_row(side, xi, exponent=2.0):
    """C(0, (r, c)) = exp(-(d / xi)^p) with d the periodic distance on the torus; unit variance."""
    d = np.minimum(np.arange(side), side - np.arange(side))
    distance = np.sqrt(d[:, None] ** 2 + d[None, :] ** 2)
    row = np.exp(-(distance / xi) ** exponent) / (1 + 1e-6)
    row[0, 0] = 1.0
    return row


class NlgpSampler:
    """Two balanced classes of NLGP inputs (one correlation length per class), float32 [n, side * side].

    real_fft=False is the formula as written, z = ifft2(sqrt(spectrum) * fft2(white)).real, what a research script
    does; real_fft=True uses rfft2/irfft2, the same map at half the work (what LocalityLab does). float32_noise=True
    draws the white noise in float32 and widens it to float64 (also what LocalityLab does).
    """

    CHUNK_VALUES = 1 << 20  # as LocalityLab: bounds the FFT work space at large D

    def __init__(self, side, correlation_lengths, gain, real_fft, float32_noise=False):
        self.side, self.gain, self.real_fft, self.float32_noise = side, gain, real_fft, float32_noise
        self.gamma = 2 / math.pi * math.asin(gain ** 2 / (1 + gain ** 2))
        amplitudes = []
        for xi in correlation_lengths:
            spectrum = np.fft.fft2(latent_covariance_row(side, xi)).real
            clipped = np.clip(spectrum, 0, None)
            clipped *= 1.0 / clipped.mean()  # clipping adds variance: keep C(0) = 1
            if real_fft:
                clipped = clipped[:, : side // 2 + 1]
            amplitudes.append(np.sqrt(clipped))
        self.amplitudes = torch.tensor(np.stack(amplitudes))

    def sample(self, n, generator):
        side = self.side
        labels = torch.cat([torch.zeros(n - n // 2, dtype=torch.long), torch.ones(n // 2, dtype=torch.long)])
        labels = labels[torch.randperm(n, generator=generator)]
        x = torch.empty(n, side * side)
        chunk = max(1, self.CHUNK_VALUES // (side * side))
        for start in range(0, n, chunk):
            m = min(chunk, n - start)
            if self.float32_noise:
                white = torch.randn(m, side, side, generator=generator).double()
            else:
                white = torch.randn(m, side, side, dtype=torch.float64, generator=generator)
            amplitude = self.amplitudes[labels[start:start + m]]
            if self.real_fft:
                z = torch.fft.irfft2(torch.fft.rfft2(white, norm="ortho") * amplitude, s=(side, side), norm="ortho")
            else:
                z = torch.fft.ifft2(torch.fft.fft2(white) * amplitude).real
            x[start:start + m] = (torch.erf(self.gain * z / math.sqrt(2)) / math.sqrt(self.gamma)).reshape(m, -1)
        return x, labels


def sampling_suite(repeats):
    samples = 20_000
    results = []
    variants = [
        (False, False, "", "float64 white noise, fft2/ifft2 as the formula is written"),
        (True, False, " [rfft]", "float64 white noise, rfft2/irfft2 (the same map as LocalityLab)"),
        (True, True, " [rfft, float32 noise]", "float32 white noise widened to float64, rfft2/irfft2 (LocalityLab's algorithm)"),
    ]
    for side in (20, 64):
        for real_fft, float32_noise, suffix, note in variants:
            sampler = NlgpSampler(side, [1, 2], 10, real_fft, float32_noise)
            generator = torch.Generator().manual_seed(SEED)
            seconds = timed(1, repeats, lambda: sampler.sample(samples, generator))
            case = f"2D torus L={side} (D={side * side}), {samples:,} samples"
            r = result("nlgp-sampling", case + suffix, "samples/s", True, 1, [samples / s for s in seconds],
                       note=f"{note}, chunks of about 2^20 values")
            print(f"nlgp-sampling {r['case']}: {r['median']:,.0f} samples/s (median of {r['runs']})", flush=True)
            results.append(r)
    return results


# ---------------------------------------------------------------------------------------------------- cavity map


def excess_kurtosis_columns(h):
    centred = h - h.mean(0)
    second = (centred ** 2).mean(0)
    return (centred ** 4).mean(0) / second ** 2 - 3


def cavity_map(inputs, weights, mask):
    """Delta and Gain of every surviving weight from float64 moments: E[(h - a x)^2] and E[(h - a x)^4] expanded
    in E[h^3 x], E[h^2 x^2], E[h x^3], E[h x], E[x^2], E[x^4] of the centred h and x (four K x N by N x D products)."""
    x = inputs.double()
    keep = mask != 0
    w = weights.double() * keep
    n = x.shape[0]
    h = x @ w.T
    hc = h - h.mean(0)
    xc = x - x.mean(0)
    h2 = hc ** 2
    m2 = h2.mean(0)
    m4 = (h2 ** 2).mean(0)
    kurtosis = m4 / m2 ** 2 - 3
    x2 = xc ** 2
    hx = hc.T @ xc / n
    h3x = (h2 * hc).T @ xc / n
    h2x2 = h2.T @ x2 / n
    hx3 = hc.T @ (x2 * xc) / n
    ex2 = x2.mean(0)
    ex4 = (x2 ** 2).mean(0)
    a = w
    variance = m2[:, None] - 2 * a * hx + a ** 2 * ex2
    fourth = m4[:, None] - 4 * a * h3x + 6 * a ** 2 * h2x2 - 4 * a ** 3 * hx3 + a ** 4 * ex4
    cavity = fourth / variance ** 2 - 3
    nan = torch.tensor(float("nan"), dtype=torch.float64)
    delta = torch.where(keep, cavity - kurtosis[:, None], nan)
    gain = torch.where(keep, cavity.abs() - kurtosis.abs()[:, None], nan)
    return delta, gain, kurtosis


def cavity_naive(x, w, entries):
    """The loop research scripts run: for each weight, remove it from h and recompute the kurtosis (NumPy, SciPy)."""
    h = x @ w.T
    unit = scipy.stats.kurtosis(h, axis=0)  # population moments, excess: the same definition
    delta = np.empty(len(entries))
    for t, (k, i) in enumerate(entries):
        delta[t] = scipy.stats.kurtosis(h[:, k] - w[k, i] * x[:, i]) - unit[k]
    return delta


def cavity_suite(repeats):
    units, side, samples = 400, 40, 2000
    inputs = side * side
    generator = torch.Generator().manual_seed(SEED)
    x, _ = NlgpSampler(side, [1, 2], 10, real_fft=True).sample(samples, generator)
    weights = torch.randn(units, inputs, generator=generator) / math.sqrt(inputs)
    mask = (torch.rand(units, inputs, generator=generator) < 0.5).float()
    surviving = int(mask.sum())
    case = f"K={units}, D={inputs}, N={samples}"

    maps = []
    seconds = timed(1, repeats, lambda: maps.append(cavity_map(x, weights, mask)))
    delta = maps[-1][0]
    moments = result("cavity-map", case, "s", False, 1, seconds,
                     {"survivingWeights": surviving, "medianDelta": float(delta[torch.isfinite(delta)].median())},
                     "float64 moment expansion, whole matrices at once (no cancellation guard)")
    print(f"cavity-map {case}: {moments['median']:.3f} s (median of {moments['runs']})", flush=True)

    # The naive loop over every surviving weight would take minutes: time it on a random subsample and extrapolate.
    subsample = 4000
    rng = np.random.default_rng(SEED)
    survivors = np.argwhere(mask.numpy() != 0)
    entries = [tuple(e) for e in survivors[rng.choice(len(survivors), subsample, replace=False)]]
    x64 = x.double().numpy()
    w64 = (weights.double() * mask.double()).numpy()
    naive = []
    naive_seconds = timed(1, repeats, lambda: naive.append(cavity_naive(x64, w64, entries)))
    expansion = delta.numpy()[tuple(np.array(entries).T)]
    difference = float(np.max(np.abs(naive[-1] - expansion)))
    extrapolated = [s * surviving / subsample for s in naive_seconds]
    loop = result("cavity-map", case + " [naive loop]", "s", False, 1, extrapolated,
                  {"survivingWeights": surviving, "timedWeights": subsample,
                   "secondsForTimedWeights": statistics.median(naive_seconds),
                   "maxAbsDifferenceFromExpansion": difference},
                  f"per-weight recomputation with scipy.stats.kurtosis, timed on {subsample} random surviving weights and "
                  f"extrapolated linearly to all {surviving}")
    print(f"cavity-map naive loop: {loop['median']:.1f} s extrapolated (median of {loop['runs']}); "
          f"max |naive - expansion| = {difference:.2e}", flush=True)
    return [moments, loop]


# ---------------------------------------------------------------------------------------------------- IMP


def spread_rows(w, side):
    """Spread of each row's weight energy on the side x side torus: per axis 1 - |mean resultant of 2 pi c / L|, averaged."""
    q = w ** 2
    q = q / q.sum(1, keepdim=True)
    q = q.reshape(-1, side, side)
    angles = 2 * math.pi * torch.arange(side, dtype=torch.float64) / side
    cos, sin = torch.cos(angles), torch.sin(angles)
    spreads = []
    for axis in (1, 2):
        marginal = q.sum(axis)  # the other axis's distribution
        r = torch.sqrt((marginal @ cos) ** 2 + (marginal @ sin) ** 2)
        spreads.append(1 - r)
    return (spreads[0] + spreads[1]) / 2


def within_abs_kurtosis(by_class, w):
    """Mean over the two classes of |excess kurtosis| of h = X_c w^T, per row of w."""
    return sum(excess_kurtosis_columns(x @ w.T).abs() for x in by_class) / len(by_class)


def permutation_null(x, y, w, mask, side, permutations, generator):
    """Per unit: its surviving weights at M random distinct pixels (first s entries of a random permutation); the
    null's spread and within-class |k| from one [N_c, D] @ [D, K M] product per class; LI and NGI."""
    k_units, d = w.shape
    keep = mask != 0
    by_class = [x[y == c] for c in (0, 1)]
    masked = w * keep
    actual_spread = spread_rows(masked, side)
    actual_kurtosis = within_abs_kurtosis(by_class, masked)
    permuted = torch.zeros(k_units * permutations, d, dtype=torch.float64)
    for k in range(k_units):
        values = masked[k][keep[k]]
        s = values.numel()
        if s == 0:
            continue
        order = torch.rand(permutations, d, generator=generator, dtype=torch.float64).argsort(1)[:, :s]
        rows = permuted[k * permutations:(k + 1) * permutations]
        rows.scatter_(1, order, values.expand(permutations, s).clone())
    null_spread = spread_rows(permuted, side).reshape(k_units, permutations)
    null_kurtosis = within_abs_kurtosis(by_class, permuted).reshape(k_units, permutations)
    li = (null_spread.mean(1) - actual_spread) / null_spread.std(1)
    ngi = (actual_kurtosis - null_kurtosis.mean(1)) / null_kurtosis.std(1)
    return li, ngi


def imp_once(seed, epochs=10, rounds=10, every_measure=False):
    """The "Quick demo" preset: 2D NLGP L = 20, xi = (1, 2), g = 10; K = 40 ReLU; 20,000 training and 2,000 test
    samples; SGD lr 0.05, batch 64, `epochs` per round; 30% of the first layer's survivors pruned by |w| each round;
    rewind to step 100 of round 0. Per round: test accuracy, IPR and excess kurtosis of every unit."""
    generator = torch.Generator().manual_seed(seed)
    data_generator = torch.Generator().manual_seed(seed + 1)
    null_generator = torch.Generator().manual_seed(seed + 2)
    sampler = NlgpSampler(20, [1, 2], 10, real_fft=False)
    x_test, y_test = sampler.sample(2_000, data_generator)
    x_train, y_train = sampler.sample(20_000, data_generator)
    y_train = y_train.float()
    batch = 64
    steps = epochs * math.ceil(x_train.shape[0] / batch)

    model = TwoLayer(400, 40)
    initialise(model, generator)
    mask = torch.ones_like(model.fc1.weight)
    rewind = {}
    history = []
    for r in range(rounds + 1):
        if r > 0:
            model.load_state_dict(rewind["state"])
            with torch.no_grad():
                model.fc1.weight.mul_(mask)

        def after_step(step, r=r):
            if r == 0 and step == 100:
                rewind["state"] = {k: v.clone() for k, v in model.state_dict().items()}

        train(model, mask, x_train, y_train, steps, batch, 0.05, generator, after_step)

        with torch.no_grad():
            accuracy = ((model(x_test) > 0).long() == y_test).float().mean().item()
            w = model.fc1.weight.double()
            ipr = (w ** 4).sum(1) / (w ** 2).sum(1) ** 2
            kurtosis = excess_kurtosis_columns(x_test.double() @ w.T)
            entry = {
                "round": r,
                "sparsity": 1 - mask.mean().item(),
                "accuracy": accuracy,
                "medianIpr": ipr[torch.isfinite(ipr)].median().item(),
                "medianKurtosis": kurtosis[torch.isfinite(kurtosis)].median().item(),
            }
            if every_measure:
                # What LocalityLab measures besides: spread, the permutation null (M = 32) with LI and NGI, and both
                # cavity maps (the class mixture and the mean of the two classes').
                xd = x_test.double()
                entry["meanSpread"] = spread_rows(w * mask, 20).mean().item()
                li, ngi = permutation_null(xd, y_test, w, mask, 20, 32, null_generator)
                entry["meanLi"] = li[torch.isfinite(li)].mean().item()
                entry["meanNgi"] = ngi[torch.isfinite(ngi)].mean().item()
                cavity_map(xd, w, mask)
                for c in (0, 1):
                    cavity_map(xd[y_test == c], w, mask)
            history.append(entry)
            # Layerwise magnitude pruning of the first layer: 30% of its survivors, smallest |w| first.
            survivors = mask.flatten().nonzero().squeeze(1)
            count = int(round(0.3 * survivors.numel()))
            smallest = w.abs().flatten()[survivors].argsort()[:count]
            mask.view(-1)[survivors[smallest]] = 0
    return history


def imp_suite(repeats):
    imp_once(SEED, epochs=1, rounds=1)  # warm-up, as LocalityLab's: 1 epoch, 1 pruning round
    seconds, history = [], []
    for i in range(repeats):
        gc.collect()
        start = time.perf_counter()
        history = imp_once(SEED)
        seconds.append(time.perf_counter() - start)
        print(f"imp-run run {i + 1}: {seconds[-1]:.2f} s", flush=True)
    first, last = history[0], history[-1]
    details = {
        "rounds": len(history),
        "stepsPerRound": 10 * math.ceil(20_000 / 64),
        "testAccuracyRound0": first["accuracy"],
        "testAccuracyFinal": last["accuracy"],
        "sparsityFinal": last["sparsity"],
        "medianIprRound0": first["medianIpr"],
        "medianIprFinal": last["medianIpr"],
        "medianExcessKurtosisRound0": first["medianKurtosis"],
        "medianExcessKurtosisFinal": last["medianKurtosis"],
    }
    r = result("imp-run", '"Quick demo" preset, 11 rounds', "s", False, 1, seconds, details,
               "data by fft2 as the formula; per round: test accuracy, IPR and kurtosis of every unit")
    print(f"imp-run: {r['median']:.2f} s (median of {r['runs']})", flush=True)

    imp_once(SEED, epochs=1, rounds=1, every_measure=True)
    seconds = []
    for i in range(repeats):
        gc.collect()
        start = time.perf_counter()
        history = imp_once(SEED, every_measure=True)
        seconds.append(time.perf_counter() - start)
        print(f"imp-run with every measure, run {i + 1}: {seconds[-1]:.2f} s", flush=True)
    last = history[-1]
    full = result("imp-run", '"Quick demo" preset, 11 rounds, every measure', "s", False, 1, seconds,
                  {**details, "meanLiFinal": last["meanLi"], "meanNgiFinal": last["meanNgi"]},
                  "as above, plus per round spread, the permutation null (M = 32: LI, NGI) and both cavity maps, as LocalityLab measures")
    print(f"imp-run with every measure: {full['median']:.2f} s (median of {full['runs']})", flush=True)
    return [r, full]


SUITES = {
    "matmul": lambda args: matmul_suite(args.repeats),
    "train-step": lambda args: train_step_suite(args.repeats),
    "nlgp-sampling": lambda args: sampling_suite(args.repeats),
    "cavity-map": lambda args: cavity_suite(args.repeats),
    "imp-run": lambda args: imp_suite(args.imp_repeats),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="where to write the results (JSON)")
    parser.add_argument("--suite", nargs="+", choices=list(SUITES), help="run only these suites (default: all)")
    parser.add_argument("--threads", type=int, default=0, help="torch and OpenBLAS threads (default: torch's own)")
    parser.add_argument("--repeats", type=int, default=5, help="timed repetitions after one warm-up")
    parser.add_argument("--imp-repeats", type=int, default=3, help="timed repetitions of the whole IMP run")
    parser.add_argument("--case-suffix", default="", help="appended to every case name (to label a second configuration)")
    args = parser.parse_args()

    blas = openblas()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
        if blas is not None:
            blas.openblas_set_num_threads(args.threads)
    print(f"PyTorch peer: torch {torch.__version__}, {torch.get_num_threads()} threads, OpenBLAS "
          + (f"{blas.openblas_get_corename().decode()} x {blas.openblas_get_num_threads()}" if blas else "not loaded"),
          flush=True)
    started = datetime.datetime.now(datetime.timezone.utc).isoformat()
    results = []
    for name in args.suite or list(SUITES):
        results.extend(SUITES[name](args))
    for r in results:
        r["case"] += args.case_suffix
    report = {
        "engine": "PyTorch peer",
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "interopThreads": torch.get_num_interop_threads(),
        "openblasCore": blas.openblas_get_corename().decode() if blas else None,
        "openblasThreads": blas.openblas_get_num_threads() if blas else None,
        "ompWaitPolicy": os.environ.get("OMP_WAIT_POLICY"),
        "started": started,
        "results": results,
    }
    with open(args.out, "w") as out:
        json.dump(report, out, indent=2)
    print(f"wrote {len(results)} results to {args.out}")


if __name__ == "__main__":
    main()
