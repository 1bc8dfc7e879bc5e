using LocalityLab.Shared.Workers;

namespace LocalityLab.Web.Tests.Workers;

/// <summary>A worker's claim names the worker and its build, each in 1 to 200 characters, what the store keeps as ComputedOn and ComputedBy.</summary>
public sealed class RunClaimRequestTests
{
    private const string Build = "1.0.0+0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_unnamed_worker_or_build_is_refused_by_field(string? name)
    {
        Assert.Equal("Worker", new RunClaimRequest(name!, Build).Check()?.Field);
        Assert.Equal("Build", new RunClaimRequest("gpu-1 (cuda)", name!).Check()?.Field);
    }

    [Fact]
    public void A_name_longer_than_the_store_keeps_is_refused_and_the_longest_allowed_is_taken()
    {
        Assert.NotNull(new RunClaimRequest(new string('w', RunClaimRequest.MaxWorkerLength + 1), Build).Check());
        Assert.NotNull(new RunClaimRequest("gpu-1 (cuda)", new string('b', RunClaimRequest.MaxWorkerLength + 1)).Check());
        Assert.Null(new RunClaimRequest(new string('w', RunClaimRequest.MaxWorkerLength), new string('b', RunClaimRequest.MaxWorkerLength)).Check());
        Assert.Null(new RunClaimRequest("gpu-1 (cuda)", Build).Check());
    }
}
