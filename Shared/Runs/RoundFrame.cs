using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Runs;

/// <summary>One round as the browser receives it: the measures and the compact first layer.</summary>
public sealed record RoundFrame(Guid RunId, RoundResult Summary, FirstLayerFrame FirstLayer);
