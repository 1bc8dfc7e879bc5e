namespace LocalityLab.Shared.Data;

/// <summary>Which inputs to sample from a spec's data: new ones, or the very sets a run of the spec uses.</summary>
public enum SampleSplit
{
    /// <summary>New samples, classes balanced.</summary>
    Fresh,

    /// <summary>The test set a run of the spec measures on.</summary>
    Test,

    /// <summary>The fixed training set a run of the spec trains on (none when it trains online).</summary>
    Train,
}
