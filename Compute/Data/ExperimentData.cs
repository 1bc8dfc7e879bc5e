using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Data;

/// <summary>
/// What an experiment trains and measures on: a fixed test set, and either a fixed training set
/// (<see cref="Train"/>) or an online sampler (<see cref="Online"/>), never both. Owns and disposes all three.
/// </summary>
public sealed class ExperimentData : IDisposable
{
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

    public void Dispose()
    {
        Test.Dispose();
        Train?.Dispose();
        Online?.Dispose();
    }
}
