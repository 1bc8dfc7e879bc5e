using System.Diagnostics;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// A round whose training, evaluation, pruning and checkpoint are done and whose measures are not: it holds its own
/// copy of what they read (<see cref="MeasurementInputs"/>), so <see cref="Measure"/> may run while the session
/// trains its next round. Measuring it gives the round's result; disposing it unmeasured frees the copy.
/// </summary>
internal sealed class PendingRound : IDisposable
{
    private readonly MeasurementInputs _captured;
    private readonly IReadOnlyDictionary<int, float[]> _masks, _nextMasks;
    private readonly MeasuresSpec _spec;
    private readonly ulong _nullSeed;
    private readonly Func<RoundMeasurement, TimeSpan, RoundResult> _result;
    private readonly TimeSpan _elapsed;

    /// <param name="round">The round's index.</param>
    /// <param name="result">Builds the round's result from its measures and its time.</param>
    /// <param name="elapsed">The round's time so far: its training, evaluation and pruning.</param>
    public PendingRound(int round, MeasurementInputs captured, IReadOnlyDictionary<int, float[]> masks, IReadOnlyDictionary<int, float[]> nextMasks,
        MeasuresSpec spec, ulong nullSeed, Func<RoundMeasurement, TimeSpan, RoundResult> result, TimeSpan elapsed)
    {
        Round = round;
        _captured = captured;
        _masks = masks;
        _nextMasks = nextMasks;
        _spec = spec;
        _nullSeed = nullSeed;
        _result = result;
        _elapsed = elapsed;
    }

    public int Round { get; }

    /// <summary>Every measure of the round, then its result; the round's seconds count its training and its measuring.</summary>
    public RoundResult Measure(CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var measures = RoundMeasurement.Measure(_captured, _masks, _nextMasks, _spec, _nullSeed, cancellationToken);
        return _result(measures, _elapsed + Stopwatch.GetElapsedTime(start));
    }

    public void Dispose() => _captured.Dispose();
}
