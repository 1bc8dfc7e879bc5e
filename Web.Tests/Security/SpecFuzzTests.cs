using System.Net;
using System.Text.Json;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Tests.Runs;
using Xunit.Abstractions;

namespace LocalityLab.Web.Tests.Security;

/// <summary>
/// Over a thousand malformed or extreme specs against the submission API: each gets a 400 naming a field it broke
/// (or a 413 when the body is over the limit), the server stays up, and the runs already stored are unchanged.
/// </summary>
public sealed class SpecFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _lab.ClientAsync();

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Every_malformed_spec_gets_400_naming_the_field_and_nothing_stored_changes()
    {
        var api = new RunsApi(_client);
        var existing = (await api.SubmitAsync(LabFactory.Spec(seed: 77))).Run!.Id;
        await api.WaitForAsync(existing, RunStatus.Completed);
        var roundsBefore = JsonSerializer.Serialize(await api.RoundsAsync(existing));
        var runsBefore = (await _client.GetAllRunsAsync()).Count;

        var specs = MalformedSpecs.Generate(count: 1_200, seed: 20261124);
        var failures = new List<string>();
        foreach (var spec in specs)
        {
            using var response = await _client.PostAsync("/api/runs", MalformedSpecs.Content(spec.Body));
            var body = await response.Content.ReadAsStringAsync();
            var problem = Check(spec, response.StatusCode, body);
            if (problem is not null)
            {
                failures.Add($"{spec.Kind} {string.Join(",", spec.Fields)}: {problem} | body {Preview(spec.Body)}");
            }
        }
        output.WriteLine($"{specs.Count} malformed specs, {specs.Count(s => s.TooLarge)} over the size limit; {failures.Count} answered wrongly.");

        Assert.True(specs.Count >= 1_000);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.Equal(runsBefore, (await _client.GetAllRunsAsync()).Count);
        Assert.Equal(roundsBefore, JsonSerializer.Serialize(await api.RoundsAsync(existing)));
        Assert.Equal(RunStatus.Completed, (await api.RunAsync(existing)).Status);
    }

    private static string? Check(MalformedSpec spec, HttpStatusCode status, string body)
    {
        if (spec.TooLarge)
        {
            return status == HttpStatusCode.RequestEntityTooLarge ? null : $"expected 413, got {(int)status}";
        }
        if (status != HttpStatusCode.BadRequest)
        {
            return $"expected 400, got {(int)status}: {Preview(body)}";
        }
        using var document = JsonDocument.Parse(body);
        var keys = document.RootElement.GetProperty("errors").EnumerateObject().Select(p => Normalise(p.Name)).ToList();
        if (keys.Count == 0)
        {
            return "400 without any field";
        }
        if (spec.Fields.Count == 0)
        {
            return null; // a truncated body: any field the parser stopped at is a fair name
        }
        var fields = spec.Fields.Select(Normalise).ToList();
        return keys.Any(k => fields.Any(f => Names(k, f))) ? null : $"errors name {string.Join(", ", keys)}, not {string.Join(", ", fields)}";
    }

    // "Data.CorrelationLengths" names "data.correlationLengths[0]"; "data" names "data.bogusField"; "Spec" names the root.
    private static bool Names(string key, string field) =>
        key == field || field.StartsWith(key + ".", StringComparison.Ordinal) || key.StartsWith(field + ".", StringComparison.Ordinal)
        || (key == "spec" && !field.Contains('.', StringComparison.Ordinal));

    private static string Normalise(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path.ToLowerInvariant(), @"\[\d+\]", "");

    private static string Preview(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
