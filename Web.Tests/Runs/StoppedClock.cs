namespace LocalityLab.Web.Tests.Runs;

/// <summary>A clock that never moves: everything it times happens at the same instant.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
