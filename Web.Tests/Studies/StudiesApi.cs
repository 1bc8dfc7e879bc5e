using System.Net;
using System.Text.Json;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Web.Tests.Studies;

/// <summary>The studies API as a client sees it.</summary>
public sealed class StudiesApi(HttpClient client)
{
    public async Task<(HttpStatusCode Status, StudyInfo? Study, string Body)> SubmitAsync(StudySpec study, bool runAgain = false)
    {
        var response = await client.PostAsync($"/api/studies{(runAgain ? "?runAgain=true" : "")}",
            new StringContent(JsonSerializer.Serialize(study, SpecJson.Options), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonSerializer.Deserialize<StudyInfo>(body, SpecJson.Options) : null, body);
    }

    public async Task<StudySnapshot> SnapshotAsync(Guid id) =>
        JsonSerializer.Deserialize<StudySnapshot>(await client.GetStringAsync($"/api/studies/{id}"), SpecJson.Options)!;

    public Task<HttpResponseMessage> PostAsync(string path) => client.PostAsync(path, null);

    /// <summary>Polls until the study is in one of the given states (the worker runs in the background).</summary>
    public async Task<StudySnapshot> WaitForAsync(Guid id, params RunStatus[] states)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var snapshot = await SnapshotAsync(id);
            if (states.Contains(snapshot.Study.Status))
            {
                return snapshot;
            }
            if (snapshot.Study.Status == RunStatus.Failed || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Study {id} is {snapshot.Study.Status} ({snapshot.Study.Error}); expected {string.Join(" or ", states)}.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The study computed by the engine directly, uninterrupted: every replicate's rounds as JSON, timings left out.</summary>
    public static async Task<Dictionary<(StudyCondition, int), List<string>>> EngineAsync(Runs.LabFactory lab, StudySpec study)
    {
        var rounds = new Dictionary<(StudyCondition, int), List<RoundResult>>();
        await foreach (var round in lab.Service<ILabEngine>().RunStudyAsync(study, null, null, CancellationToken.None))
        {
            foreach (var condition in round.Conditions)
            {
                if (!rounds.TryGetValue((condition, round.Replicate), out var list))
                {
                    rounds[(condition, round.Replicate)] = list = [];
                }
                list.Add(round.Result);
            }
        }
        return rounds.ToDictionary(p => p.Key, p => StudyServiceTests.Normalise(p.Value));
    }

    /// <summary>A 6 x 6 torus, K = 6, 2 pruning rounds, 2 seeds of all five conditions: seconds on two cores.</summary>
    public static StudySpec Small(int replicates = 2, int epochs = 2) => new()
    {
        Name = "small study",
        Seed = 11,
        Replicates = replicates,
        Base = Runs.LabFactory.Spec(epochs: epochs, rounds: 2, seed: 11),
    };
}
