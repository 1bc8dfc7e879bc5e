using System.Text.Json;
using Bunit;
using LocalityLab.Compute.Pruning;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Web.Designer;
using LocalityLab.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Registries;

/// <summary>
/// A pruning strategy is its file and one registration, chosen by name in the spec (issue 24): registered, a
/// test-only strategy is offered by the engine and the designer, admitted by name, and chooses the masks of a run that
/// names it; unregistered, a spec naming it is refused with the names there are.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class PruningStrategyRegistryTests : IAsyncLifetime
{
    private const string Name = "firstSurvivors";

    /// <summary>Removes each layer's first floor(fraction x survivors) survivors in index order, whatever the weights.</summary>
    private sealed class FirstSurvivors : IPruningStrategy
    {
        public IReadOnlyDictionary<int, float[]> Prune(IReadOnlyDictionary<int, float[]> masks, IReadOnlyDictionary<int, float[]> weights, double fraction) =>
            masks.ToDictionary(m => m.Key, m =>
            {
                var next = (float[])m.Value.Clone();
                int survivors = next.Count(v => v != 0), count = (int)Math.Floor(fraction * survivors);
                for (int i = 0; i < next.Length && count > 0; i++)
                {
                    if (next[i] != 0)
                    {
                        next[i] = 0;
                        count--;
                    }
                }
                return next;
            });
    }

    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    /// <summary>4 units x 9 inputs, one pruning round of 20%: the strategy removes floor(0.2 x 36) = 7 weights.</summary>
    private static ExperimentSpec Spec() => PageLab.Spec("strategy", rounds: 1) is var spec
        ? spec with { Pruning = spec.Pruning with { Strategy = Name, RewindStep = 5 } }
        : null!;

    [Fact]
    public async Task A_registered_strategy_is_offered_admitted_by_name_and_chooses_the_masks_and_refused_once_unregistered()
    {
        var engine = _lab.Context.Services.GetRequiredService<ILabEngine>();
        var spec = Spec();
        Assert.Equal(Name, JsonSerializer.Deserialize<ExperimentSpec>(JsonSerializer.Serialize(spec, SpecJson.Options), SpecJson.Options)!.Pruning.Strategy);

        using (PruningStrategies.Register(new PruningStrategyInfo(Name, "First survivors (test only)"), (_, _) => new FirstSurvivors()))
        {
            Assert.Equal(["magnitude", "random", Name], engine.PruningStrategies.Select(s => s.Name));
            Assert.Empty(engine.Check(spec));
            var section = _lab.Context.Render<PruningSection>(p => p.Add(c => c.Pruning, spec.Pruning).Add(c => c.Strategies, engine.PruningStrategies));
            Assert.Contains("First survivors (test only)", section.Find("[data-field='Pruning.Strategy']").TextContent, StringComparison.Ordinal);

            var rounds = new List<Shared.Results.RoundResult>();
            await foreach (var round in engine.RunAsync(spec, null, null, CancellationToken.None))
            {
                rounds.Add(round);
            }
            var mask = rounds[1].Arrays!.Mask;
            Assert.Equal([.. Enumerable.Repeat((byte)0, 7), .. Enumerable.Repeat((byte)1, 29)], mask);
        }

        var refused = Assert.Single(engine.Check(spec));
        Assert.Equal("Pruning.Strategy", refused.Field);
        Assert.Equal("Pruning.Strategy must be one of magnitude, random, or unset for the control's own; got 'firstSurvivors'.", refused.Message);
    }

    [Fact]
    public void A_strategy_with_a_control_that_chooses_its_own_masks_is_refused_naming_the_field()
    {
        var spec = Spec() with { Pruning = Spec().Pruning with { Strategy = PruningStrategies.Magnitude, Control = PruningControl.RandomPruning } };

        var refused = Assert.Single(_lab.Context.Services.GetRequiredService<ILabEngine>().Check(spec));

        Assert.Equal(("Pruning.Strategy", "Pruning.Strategy must be unset with the randomPruning control, which chooses its own masks; got 'magnitude'."),
            (refused.Field, refused.Message));
    }
}
