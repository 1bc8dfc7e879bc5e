using System.Diagnostics;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// A round whose training, evaluation, next mask and checkpoint are done, with what its measures read copied off the
/// network (<see cref="MeasuredLayer"/>): <see cref="Measure"/> can run on another thread while the session trains the
/// next round, and gives the same result as measuring at once.
/// </summary>
internal sealed class FinishedRound(
    ExperimentSpec spec,
    int round,
    TrainingOutcome outcome,
    Evaluation evaluation,
    IReadOnlyDictionary<int, float[]> masks,
    IReadOnlyDictionary<int, float[]> nextMasks,
    IReadOnlyList<LayerSparsity> layers,
    MeasuredLayer layer,
    RoundCheckpoint checkpoint,
    TimeSpan spentSoFar) : IDisposable
{
    public int Round => round;

    /// <summary>Measures the round (the permutation null, both cavity maps, every per-unit measure) and gives its result.</summary>
    public RoundResult Measure(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var measures = RoundMeasurement.Measure(layer, masks, nextMasks, spec.Measures, RunSeeds.Measure(spec.Seed, round), cancellationToken);
        return new RoundResult
        {
            Round = round,
            Sparsity = Pruning.PruningMasks.Sparsity(masks.Values),
            Layers = layers,
            Steps = outcome.Steps,
            TrainLoss = outcome.TrainLoss,
            TestAccuracy = evaluation.Accuracy,
            TestLoss = evaluation.Loss,
            Units = measures.Units.Count,
            DeadUnits = measures.Units.Count(u => u.Dead),
            Ipr = measures.Ipr,
            Spread = measures.Spread,
            ExcessKurtosis = measures.ExcessKurtosis,
            ExcessKurtosisByClass = measures.ExcessKurtosisByClass,
            Cavity = measures.Cavity,
            SpreadRatio = measures.SpreadRatio,
            LocalityIndex = measures.LocalityIndex,
            AbsKurtosisWithin = measures.AbsKurtosisWithin,
            NonGaussianityIndex = measures.NonGaussianityIndex,
            CavityWithinClass = measures.CavityWithinClass,
            UnitMeasures = measures.Units,
            Seconds = (spentSoFar + clock.Elapsed).TotalSeconds,
            Arrays = measures.Arrays,
            Checkpoint = checkpoint,
        };
    }

    public void Dispose() => layer.Dispose();
}
