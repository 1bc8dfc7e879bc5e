namespace LocalityLab.Bench.Engine;

/// <summary>How many timed repetitions each suite makes after its warm-up.</summary>
/// <param name="Repeats">Repetitions of the short benchmarks (train steps, sampling, cavity map).</param>
/// <param name="ImpRepeats">Repetitions of the whole IMP run, which takes tens of seconds each.</param>
/// <param name="Seed">Seeds every generator, so repeated benchmark runs time the same numbers.</param>
/// <param name="StudyRepeats">Repetitions of each study (the whole preset takes minutes).</param>
public sealed record BenchmarkSettings(int Repeats, int ImpRepeats, long Seed, int StudyRepeats = 1);
