using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Pruning;

/// <summary>
/// The pruning strategies by name. A strategy is one file implementing <see cref="IPruningStrategy"/>; adding one
/// is that file and one line here.
/// </summary>
internal static class PruningStrategies
{
    public const string Magnitude = "magnitude";
    public const string Random = "random";

    private static readonly Dictionary<string, Func<PruningScope, Generator, IPruningStrategy>> Registry =
        new(StringComparer.OrdinalIgnoreCase)
        {
            [Magnitude] = (scope, _) => new MagnitudePruning(scope),
            [Random] = (scope, generator) => new RandomPruning(scope, generator),
        };

    public static IReadOnlyCollection<string> Names => Registry.Keys;

    /// <param name="generator">The stream a randomised strategy draws from (the run's training generator).</param>
    public static IPruningStrategy Create(string name, PruningScope scope, Generator generator) =>
        Registry.TryGetValue(name, out var create)
            ? create(scope, generator)
            : throw new ArgumentException($"No pruning strategy is named '{name}'; there are {string.Join(", ", Registry.Keys)}.", nameof(name));

    /// <summary>The strategy a pruning control chooses the next mask with (random reinitialisation follows IMP's masks,
    /// chosen by magnitude).</summary>
    public static string For(PruningControl control) => control == PruningControl.RandomPruning ? Random : Magnitude;
}
