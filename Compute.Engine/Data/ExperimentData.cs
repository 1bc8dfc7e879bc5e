using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data;

/// <summary>
/// What an experiment trains and measures on: a fixed test set, and either a fixed training set
/// (<see cref="Train"/>) or an online sampler (<see cref="Online"/>), never both. Owns all three, and frees them
/// when its last holder disposes it: each <see cref="Share"/> makes one more holder (a study's branches train on
/// their IMP trunk's data, the same tensors, instead of drawing them again).
/// </summary>
internal sealed class ExperimentData : IDisposable
{
    private int _holders = 1;

    public ExperimentData(InputShape shape, LabeledBatch test, LabeledBatch? train, IDataSource? online)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(test);
        if ((train is null) == (online is null))
        {
            throw new ArgumentException("Exactly one of a fixed training set and an online source must be given.");
        }
        Shape = shape;
        Test = test;
        Train = train;
        Online = online;
    }

    public InputShape Shape { get; }

    /// <summary>The fixed test set every measure is computed on.</summary>
    public LabeledBatch Test { get; }

    /// <summary>The fixed training set; null when training online.</summary>
    public LabeledBatch? Train { get; }

    /// <summary>The sampler of fresh training batches when training online; null with a fixed training set.</summary>
    public IDataSource? Online { get; }

    public bool IsOnline => Online is not null;

    /// <summary>One more holder of the same data; each holder disposes it once, and the last one frees it.</summary>
    public ExperimentData Share()
    {
        if (Interlocked.Increment(ref _holders) <= 1)
        {
            throw new ObjectDisposedException(nameof(ExperimentData), "Data already freed by its last holder cannot be shared.");
        }
        return this;
    }

    public void Dispose()
    {
        if (Interlocked.Decrement(ref _holders) != 0)
        {
            return;
        }
        Test.Dispose();
        Train?.Dispose();
        Online?.Dispose();
    }
}
