using System.Net;
using System.Text.Json;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>Issue 12, item 10: GET /api/runs is paged, newest first, filtered by the store.</summary>
public sealed class RunListTests : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private HttpClient _client = default!;

    public async Task InitializeAsync() => _client = await _lab.ClientAsync();

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    /// <summary>Runs stored finished (the worker never sees them queued), oldest first; returns their names.</summary>
    private async Task<List<string>> StoreAsync(int count, Func<int, string>? name = null, RunStatus status = RunStatus.Completed)
    {
        var store = _lab.Service<RunStore>();
        await using var db = await _lab.Service<IDbContextFactory<LabDbContext>>().CreateDbContextAsync();
        var names = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var record = store.NewRecord(LabFactory.Spec(seed: 1000 + i) with { Name = name?.Invoke(i) ?? $"run {i:D3}" }, "ada");
            record.Status = status;
            db.Runs.Add(record);
            names.Add(record.Name);
        }
        await db.SaveChangesAsync();
        return names;
    }

    private async Task<(List<string> Names, string? Next)> PageAsync(string query)
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/api/runs?" + query));
        return ([.. document.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("name").GetString()!)],
            document.RootElement.GetProperty("next").GetString());
    }

    [Fact]
    public async Task Pages_follow_one_another_newest_first_without_gaps_or_repeats()
    {
        var names = await StoreAsync(7);

        var first = await PageAsync("limit=3");
        var second = await PageAsync($"limit=3&cursor={first.Next}");
        var third = await PageAsync($"limit=3&cursor={second.Next}");

        Assert.Equal(["run 006", "run 005", "run 004"], first.Names);
        Assert.Equal(["run 003", "run 002", "run 001"], second.Names);
        Assert.Equal(["run 000"], third.Names);
        Assert.Null(third.Next);
        Assert.Equal(names.AsEnumerable().Reverse(), first.Names.Concat(second.Names).Concat(third.Names));
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_50_and_a_poll_no_longer_carries_the_whole_lab()
    {
        await StoreAsync(RunListQuery.DefaultLimit + 5);

        var first = await PageAsync("");
        var rest = await PageAsync($"cursor={first.Next}");

        Assert.Equal(RunListQuery.DefaultLimit, first.Names.Count);
        Assert.Equal(5, rest.Names.Count);
        Assert.Null(rest.Next);
    }

    [Fact]
    public async Task Status_and_name_filters_are_applied_before_paging()
    {
        await StoreAsync(6, i => i % 2 == 0 ? $"Gain sweep {i}" : $"dense {i}");
        await StoreAsync(2, i => $"gain failed {i}", RunStatus.Failed);

        var gain = await PageAsync("search=GAIN&limit=2");
        var gainRest = await PageAsync($"search=GAIN&limit=2&cursor={gain.Next}");
        var failed = await PageAsync("status=failed");

        Assert.Equal(["gain failed 1", "gain failed 0"], gain.Names);
        Assert.Equal(["Gain sweep 4", "Gain sweep 2"], gainRest.Names);
        Assert.Equal(["gain failed 1", "gain failed 0"], failed.Names);
        Assert.Null(failed.Next);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-3", "limit")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("cursor=-1", "cursor")]
    [InlineData("status=done", "status")]
    [InlineData("status=2", "status")]
    public async Task A_bad_parameter_is_a_400_naming_it_and_what_it_may_be(string query, string field)
    {
        using var response = await _client.GetAsync("/api/runs?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = Assert.Single(problem.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;
        Assert.StartsWith(field + " must", message);
    }
}
