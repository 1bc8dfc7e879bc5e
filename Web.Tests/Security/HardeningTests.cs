using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Tests.Runs;

namespace LocalityLab.Web.Tests.Security;

/// <summary>Rate limits, the per-member queue cap and the security headers, each with limits set low for the test.</summary>
public sealed partial class HardeningTests
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        await using var lab = new LabFactory(new Dictionary<string, string?> { ["Security:LoginAttemptsPerMinute"] = "3" });
        await lab.EnsureUserAsync("ada");
        var client = lab.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/account/login", new LoginRequest("ada", "wrong-password-" + i))).StatusCode);
        }
        var limited = await client.PostAsJsonAsync("/api/account/login", new LoginRequest("ada", LabFactory.Password));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Submissions_beyond_the_limit_get_429_and_queue_nothing()
    {
        await using var lab = new LabFactory(new Dictionary<string, string?> { ["Security:SubmissionsPerMinute"] = "2" });
        var api = new RunsApi(await lab.ClientAsync());

        var first = await api.SubmitAsync(LabFactory.Spec(seed: 1));
        var second = await api.SubmitAsync(LabFactory.Spec(seed: 2));
        var third = await api.SubmitAsync(LabFactory.Spec(seed: 3));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal(2, (await lab.Service<RunStore>().ListAsync(new LocalityLab.Shared.Runs.RunListQuery(), CancellationToken.None)).Runs.Count);
    }

    [Fact]
    public async Task Refused_specs_cost_no_submission_and_a_429_says_when_to_retry()
    {
        await using var lab = new LabFactory(new Dictionary<string, string?> { ["Security:SubmissionsPerMinute"] = "2" });
        var client = await lab.ClientAsync();
        var api = new RunsApi(client);
        var invalid = LabFactory.Spec(seed: 1) with { Data = LabFactory.Spec().Data with { Gain = 300 } };

        var refused = new List<HttpStatusCode>();
        for (int i = 0; i < 30; i++)
        {
            refused.Add((await api.SubmitAsync(invalid with { Seed = i })).Status);
        }
        var first = await api.SubmitAsync(LabFactory.Spec(seed: 1));
        var second = await api.SubmitAsync(LabFactory.Spec(seed: 2));
        using var third = await client.PostAsync("/api/runs", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(LabFactory.Spec(seed: 3), LocalityLab.Shared.Experiments.SpecJson.Options),
            System.Text.Encoding.UTF8, "application/json"));

        Assert.All(refused, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, second.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("60", third.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Concurrent_submissions_never_take_a_member_over_the_queue_cap()
    {
        await using var lab = new LabFactory(new Dictionary<string, string?> { ["Security:MaxQueuedRunsPerUser"] = "20" });
        _ = lab.Server;
        var store = lab.Service<RunStore>();
        // Eleven of ada's runs waiting, each long enough (seconds) that none finishes and frees a place while the
        // submissions race: the worker claims the oldest once the first submission wakes it, and it stays active.
        for (int i = 0; i < 11; i++)
        {
            await store.CreateAsync(LabFactory.Spec(epochs: 200, seed: 100 + i), "ada", CancellationToken.None);
        }
        var service = lab.Service<LocalityLab.Web.Runs.ExperimentService>();
        var submissions = Enumerable.Range(0, 19).Select(i => Task.Run(() =>
            service.SubmitAsync(Callers.Member("ada"), LabFactory.Spec(epochs: 200, seed: 200 + i), runAgain: false, CancellationToken.None)));

        var outcomes = await Task.WhenAll(submissions);

        Assert.Equal(9, outcomes.Count(o => o.Accepted));
        Assert.Equal(10, outcomes.Count(o => o.Errors.Any(e => e.Field == LocalityLab.Web.Runs.SubmissionAllowance.QueueField)));
        Assert.True(await store.ActiveCountAsync("ada", CancellationToken.None) <= 20);
    }

    [Fact]
    public async Task The_submission_limit_holds_for_the_designer_and_re_runs_too_and_is_per_member()
    {
        await using var lab = new LabFactory(new Dictionary<string, string?> { ["Security:SubmissionsPerMinute"] = "2" });
        _ = lab.Server;
        var service = lab.Service<LocalityLab.Web.Runs.ExperimentService>();

        var first = await service.SubmitAsync(Callers.Member("ada"), LabFactory.Spec(seed: 1), runAgain: false, CancellationToken.None);
        var second = await service.RerunAsync(Callers.Member("ada"), first.Run!.Id, CancellationToken.None);
        var third = await service.SubmitAsync(Callers.Member("ada"), LabFactory.Spec(seed: 3), runAgain: false, CancellationToken.None);
        var sweep = await lab.Service<LocalityLab.Web.Families.FamilyService>().SubmitSweepAsync(Callers.Member("ada"), new SweepRequest(LabFactory.Spec(seed: 4), "Data.Gain", [1, 3]), CancellationToken.None);
        var bob = await service.SubmitAsync(Callers.Member("bob"), LabFactory.Spec(seed: 3), runAgain: false, CancellationToken.None);

        Assert.True(first.Accepted);
        Assert.True(second!.Accepted);
        Assert.Equal(LocalityLab.Web.Runs.SubmissionAllowance.RateField, Assert.Single(third.Errors).Field);
        Assert.Contains("Security:SubmissionsPerMinute", third.Errors[0].Message);
        Assert.Equal(LocalityLab.Web.Runs.SubmissionAllowance.RateField, Assert.Single(sweep.Errors).Field);
        Assert.True(bob.Accepted);
    }

    [Fact]
    public async Task A_member_with_a_full_queue_gets_429_naming_the_queue_and_others_still_submit()
    {
        await using var lab = new LabFactory(new Dictionary<string, string?> { ["Security:MaxQueuedRunsPerUser"] = "2" });
        var ada = new RunsApi(await lab.ClientAsync("ada"));
        var bob = new RunsApi(await lab.ClientAsync("bob"));
        var store = lab.Service<RunStore>();
        // Two of ada's runs waiting (stored, never handed to the worker, so they stay queued).
        await store.CreateAsync(LabFactory.Spec(seed: 11), "ada", CancellationToken.None);
        await store.CreateAsync(LabFactory.Spec(seed: 12), "ada", CancellationToken.None);

        var refused = await ada.SubmitAsync(LabFactory.Spec(seed: 13));
        var sweep = await (await lab.ClientAsync("ada")).PostAsync("/api/families/sweep", MatrixLab.Json(
            new SweepRequest(LabFactory.Spec(seed: 14), "Data.Gain", [1, 3])));
        var other = await bob.SubmitAsync(LabFactory.Spec(seed: 13));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("\"Queue\"", refused.Body);
        Assert.Contains("the limit is 2 per member (Security:MaxQueuedRunsPerUser)", refused.Body);
        Assert.Equal(HttpStatusCode.TooManyRequests, sweep.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.Status);
    }

    [Fact]
    public async Task Pages_and_the_api_carry_the_security_headers_and_the_import_map_its_nonce()
    {
        await using var lab = new LabFactory();
        var client = await lab.ClientAsync();

        var page = await client.GetAsync("/");
        var api = await client.GetAsync("/api/runs");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        foreach (var response in new[] { page, api })
        {
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Server"));
        }
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        var nonce = Nonce().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
