namespace LocalityLab.Web.Storage;

/// <summary>One completed round: its measures as JSON, and its arrays and checkpoint compressed.</summary>
public sealed class RoundRecord
{
    public Guid RunId { get; set; }

    public int Round { get; set; }

    public required string SummaryJson { get; set; }

    public required byte[] Arrays { get; set; }

    public required byte[] Checkpoint { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}
