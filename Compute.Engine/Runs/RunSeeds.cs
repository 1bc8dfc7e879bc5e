using LocalityLab.Shared.Experiments;
using TorchSharp;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// The seeds of a run's random streams, all derived from the spec's 64-bit seed: training (initialisation, batch order,
/// random pruning), data (test set, training set, online batches), the measures' permutation nulls and random
/// reinitialisation's redraws.
/// </summary>
internal static class RunSeeds
{
    /// <summary>XORed into the run seed for the data stream, so changing the network never changes the samples.</summary>
    private const ulong DataStream = 0x9E3779B97F4A7C15UL;

    /// <summary>XORed into the run seed for the measures' stream, apart from both training and data.</summary>
    private const ulong MeasureStream = 0xD1B54A32D192ED03UL;

    /// <summary>XORed into the run seed for random reinitialisation's redraws.</summary>
    private const ulong ReinitStream = 0xA0761D6478BD642FUL;

    /// <summary>The training generator's seed.</summary>
    public static ulong Training(long seed) => Fold(seed);

    /// <summary>The data generator's seed.</summary>
    public static ulong Data(long seed) => Fold(seed) ^ DataStream;

    /// <summary>
    /// The seed of round <paramref name="round"/>'s permutation nulls: SplitMix64((seed ^ 0xD1B54A32D192ED03) + round), a
    /// stream of its own, so adding the nulls changed no training or data stream and every round draws fresh permutations.
    /// </summary>
    public static ulong Measure(long seed, int round) => SplitMix64(((ulong)seed ^ MeasureStream) + (ulong)round);

    /// <summary>The seed of random reinitialisation's redraw in round <paramref name="round"/>: SplitMix64((seed ^
    /// 0xA0761D6478BD642F) + round), a stream of its own, so a resumed run redraws the same weights.</summary>
    public static ulong Reinit(long seed, int round) => SplitMix64(((ulong)seed ^ ReinitStream) + (ulong)round);

    /// <summary>
    /// A new generator for the data stream of a run of <paramref name="spec"/>: what the run and `sample --split` build
    /// its data from (<see cref="Data.ExperimentDataBuilder.Build"/>), so both draw the same sets.
    /// </summary>
    public static torch.Generator DataGenerator(ExperimentSpec spec) => new(Data(spec.Seed));

    /// <summary>
    /// libtorch's CPU generator (mt19937) keeps only the low 32 bits of its seed, so bits 32 to 63 of the spec's seed would
    /// change nothing. Seeds that fit in 32 bits are used as they are (results stored before this fold stay valid); any
    /// higher bit is mixed into the low half through SplitMix64, so every bit of a 64-bit seed changes the streams.
    /// </summary>
    internal static ulong Fold(long seed)
    {
        ulong value = (ulong)seed;
        ulong high = value >> 32;
        return high == 0 ? value : (value & 0xFFFFFFFFUL) ^ (SplitMix64(high) & 0xFFFFFFFFUL);
    }

    /// <summary>SplitMix64's output function (Steele, Lea &amp; Flood 2014): a bijection of 64-bit words in which every input bit flips about half the output bits.</summary>
    internal static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
