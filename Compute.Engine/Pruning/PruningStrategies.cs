using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Registries;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Pruning;

/// <summary>
/// The pruning strategies by name, the engine's extension point for them: a strategy is one file implementing
/// <see cref="IPruningStrategy"/> and one line below (or a <see cref="Register"/> of one's own). A spec chooses one by
/// name (<see cref="PruningSpec.Strategy"/>); the engine's admission refuses a name not registered here.
/// </summary>
public static class PruningStrategies
{
    public const string Magnitude = "magnitude";
    public const string Random = "random";

    private sealed record Entry(PruningStrategyInfo Info, Func<PruningScope, Generator, IPruningStrategy> Create);

    private static readonly Registry<Entry> Registry = new("pruning strategy", e => e.Info.Name,
    [
        new(new(Magnitude, "Magnitude (smallest |w| first)"), (scope, _) => new MagnitudePruning(scope)),
        new(new(Random, "Random (as many as magnitude)"), (scope, generator) => new RandomPruning(scope, generator)),
    ]);

    /// <summary>Every registered strategy, in the engine's order.</summary>
    public static IReadOnlyList<PruningStrategyInfo> All => [.. Registry.All.Select(e => e.Info)];

    /// <summary>The registered names, for messages: "magnitude, random".</summary>
    public static string Allowed => Registry.Allowed;

    /// <summary>Whether a strategy is registered under <paramref name="name"/> (any letter case).</summary>
    public static bool IsRegistered(string name) => Registry.Find(name) is not null;

    /// <param name="generator">The stream a randomised strategy draws from (the run's training generator).</param>
    internal static IPruningStrategy Create(string name, PruningScope scope, Generator generator) =>
        (Registry.Find(name) ?? throw new ArgumentException($"No pruning strategy is named '{name}'; there are {Allowed}.", nameof(name))).Create(scope, generator);

    /// <summary>The strategy a run's pruning chooses its next masks with: the one it names, else its control's (random
    /// reinitialisation follows IMP's masks, chosen by magnitude).</summary>
    internal static string For(PruningSpec pruning) =>
        pruning.Strategy ?? (pruning.Control == PruningControl.RandomPruning ? Random : Magnitude);

    /// <summary>
    /// Adds a strategy after the built-in ones until the returned handle is disposed (a strategy of one's own, or a
    /// test's). A name already registered, in any letter case, is refused.
    /// </summary>
    public static IDisposable Register(PruningStrategyInfo info, Func<PruningScope, Generator, IPruningStrategy> create)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(create);
        return Registry.Register(new Entry(info, create));
    }
}
