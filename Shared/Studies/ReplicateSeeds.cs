namespace LocalityLab.Shared.Studies;

/// <summary>
/// Replicate r's seed from the study seed: SplitMix64 (Steele, Lea &amp; Flood 2014) of study seed + (r + 1) times
/// the golden-ratio increment 0x9E3779B97F4A7C15, with the top bit cleared so it is a valid spec seed in
/// [0, 2^63 - 1]. Every bit of the study seed reaches every bit of the result, and replicates are far apart.
/// The same r gives the same seed, so its initialisation and data order, under every condition.
/// </summary>
public static class ReplicateSeeds
{
    private const ulong Increment = 0x9E3779B97F4A7C15UL;

    public static long For(long studySeed, int replicate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicate);
        ulong z = unchecked((ulong)studySeed + ((ulong)replicate + 1) * Increment);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (long)(z & long.MaxValue);
    }
}
