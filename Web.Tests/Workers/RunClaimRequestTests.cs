using LocalityLab.Shared.Workers;

namespace LocalityLab.Web.Tests.Workers;

/// <summary>A worker's claim names the worker in 1 to 200 characters, what the store keeps as ComputedOn.</summary>
public sealed class RunClaimRequestTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_unnamed_worker_is_refused_by_field(string? worker) =>
        Assert.Equal("Worker", new RunClaimRequest(worker!).Check()?.Field);

    [Fact]
    public void A_name_longer_than_the_store_keeps_is_refused_and_the_longest_allowed_is_taken()
    {
        Assert.NotNull(new RunClaimRequest(new string('w', RunClaimRequest.MaxWorkerLength + 1)).Check());
        Assert.Null(new RunClaimRequest(new string('w', RunClaimRequest.MaxWorkerLength)).Check());
        Assert.Null(new RunClaimRequest("gpu-1 (cuda)").Check());
    }
}
