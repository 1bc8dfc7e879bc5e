namespace LocalityLab.Compute.Pruning;

/// <summary>Maps (current masks, trained weights, fraction) to the next masks of the pruned layers.</summary>
public interface IPruningStrategy
{
    /// <summary>Returns new masks; the inputs are not changed. A weight pruned once stays pruned.</summary>
    IReadOnlyDictionary<int, float[]> Prune(IReadOnlyDictionary<int, float[]> masks, IReadOnlyDictionary<int, float[]> weights, double fraction);
}
