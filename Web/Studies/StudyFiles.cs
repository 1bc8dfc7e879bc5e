using System.Text;
using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Export;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Api;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Studies;

/// <summary>
/// A stored study as files: study.json; summary.json and summary.csv once it has rounds (the command line writes the
/// same); replicates.csv and replicates.json, every replicate's per-round measures; and export.zip, all of it with
/// every replicate's round arrays, lab.json and a README.
/// </summary>
public static class StudyFiles
{
    public const string ExportName = "export.zip";

    /// <summary>The route segment of the single files (export.zip has its own).</summary>
    public const string FileRoute = "/{file:regex(^(study|summary|replicates)\\.(json|csv)$)}";

    public static async Task<IResult> FileAsync(StudyStore store, RunStore runs, Guid studyId, string name, CancellationToken ct)
    {
        if (await store.FindAsync(studyId, ct) is not { } study)
        {
            return Results.NotFound();
        }
        var summary = StudyStore.ReadSummary(study);
        return name switch
        {
            "study.json" => Results.Text(JsonSerializer.Serialize(StudyStore.ReadSpec(study), SpecJson.Indented), "application/json"),
            "summary.json" when summary is not null => Results.Text(JsonSerializer.Serialize(summary, SpecJson.Indented), "application/json"),
            "summary.csv" when summary is not null => Results.File(Encoding.UTF8.GetBytes(SummaryCsv(summary)), "text/csv", name),
            "replicates.csv" => Results.File(Encoding.UTF8.GetBytes(ReplicatesCsv(await ReplicatesAsync(store, runs, studyId, ct))), "text/csv", name),
            "replicates.json" => Results.File(ReplicatesJson(await ReplicatesAsync(store, runs, studyId, ct)), "application/json", name),
            _ => Results.NotFound(),
        };
    }

    /// <summary>
    /// Everything the study stored, as one zip: study.json, lab.json (the builds that computed its replicates), the
    /// summary, every replicate's measures, and each replicate's rounds (arrays and atlas) in a folder of its own
    /// (replicates/imp-00/, replicates/gaussianClone-00/, ...), with a README and a Python snippet.
    /// </summary>
    public static async Task<IResult> ExportAsync(StudyStore store, RunStore runs, Guid studyId, CancellationToken ct)
    {
        if (await store.FindAsync(studyId, ct) is not { } study)
        {
            return Results.NotFound();
        }
        var spec = StudyStore.ReadSpec(study);
        var summary = StudyStore.ReadSummary(study);
        var replicates = await ReplicatesAsync(store, runs, studyId, ct);
        return ZipDownload.Send($"{RunFileNames.Slug(study.Name)}-{studyId.ToString()[..8]}.zip", study.FinishedAt ?? study.CreatedAt, async zip =>
        {
            await zip.AddTextAsync("study.json", JsonSerializer.Serialize(spec, SpecJson.Indented), ct);
            var builds = replicates.Select(r => r.Replicate.ComputedBy).OfType<string>().Distinct().Order().ToList();
            await zip.AddTextAsync(ProvenanceFile.Name, ProvenanceFile.Serialize(new
            {
                study = study.Id,
                name = study.Name,
                computedBy = builds,
                commits = builds.Select(LabVersion.Commit).OfType<string>().Distinct().ToList(),
                exportedBy = LabVersion.Current,
                started = study.StartedAt,
                finished = study.FinishedAt,
            }), ct);
            if (summary is not null)
            {
                await zip.AddTextAsync("summary.json", JsonSerializer.Serialize(summary, SpecJson.Indented), ct);
                await zip.AddTextAsync("summary.csv", SummaryCsv(summary), ct);
            }
            await zip.AddTextAsync("replicates.csv", ReplicatesCsv(replicates), ct);
            await zip.AddAsync("replicates.json", ReplicatesJson(replicates), ct);
            foreach (var (replicate, rounds) in replicates)
            {
                await RoundFiles.AddRoundsAsync(zip, $"replicates/{Folder(replicate)}/", runs, replicate.RunId, rounds, ct);
            }
            await zip.AddTextAsync("README.md", ExportReadme(study.Name, replicates), ct);
        });
    }

    private static string Folder(StudyReplicateRun replicate) => $"{replicate.Condition.Key}-{replicate.Replicate:D2}";

    private static async Task<IReadOnlyList<(StudyReplicateRun Replicate, IReadOnlyList<RoundResult> Rounds)>> ReplicatesAsync(
        StudyStore store, RunStore runs, Guid studyId, CancellationToken ct)
    {
        var replicates = new List<(StudyReplicateRun, IReadOnlyList<RoundResult>)>();
        foreach (var replicate in await store.ReplicatesAsync(studyId, ct))
        {
            replicates.Add((replicate, await runs.RoundsAsync(replicate.RunId, withArrays: false, ct)));
        }
        return replicates;
    }

    private static string SummaryCsv(StudySummary summary)
    {
        var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        StudySummaryCsv.Write(summary, csv);
        return csv.ToString();
    }

    private static string ReplicatesCsv(IReadOnlyList<(StudyReplicateRun Replicate, IReadOnlyList<RoundResult> Rounds)> replicates)
    {
        var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        StudyReplicatesCsv.Write(replicates, csv);
        return csv.ToString();
    }

    private static byte[] ReplicatesJson(IReadOnlyList<(StudyReplicateRun Replicate, IReadOnlyList<RoundResult> Rounds)> replicates) =>
        JsonSerializer.SerializeToUtf8Bytes(replicates.Select(r => new
        {
            condition = r.Replicate.Condition,
            replicate = r.Replicate.Replicate,
            seed = r.Replicate.Seed,
            run = r.Replicate.RunId,
            rounds = r.Rounds,
        }), SpecJson.Options);

    private static string ExportReadme(string name, IReadOnlyList<(StudyReplicateRun Replicate, IReadOnlyList<RoundResult> Rounds)> replicates) => $$"""
        # {{name}}: a LocalityLab study

        - `study.json`: what was run (`dotnet run --project Compute -- study study.json --out DIR` runs it again)
        - `lab.json`: the builds of LocalityLab that computed it (version and commit)
        - `summary.csv`, `summary.json`: each condition's mean with its 95% interval per round, and the claims (paired differences over seeds)
        - `replicates.csv`, `replicates.json`: every replicate's measures, a row per replicate and round ({{replicates.Count}} replicates)
        - `replicates/CONDITION-NN/round-NN.npz` and `-atlas.png`: each replicate's first layer and receptive fields, round by round

        ```python
        import numpy as np
        import pandas as pd

        replicates = pd.read_csv("replicates.csv")
        # mean and spread over seeds of the median IPR, per condition and round
        print(replicates.groupby(["condition", "round"])["iprMedian"].agg(["mean", "std", "count"]))

        claims = pd.read_csv("summary.csv").query("kind == 'claim'")
        print(claims[["condition", "measure", "against", "sparsity", "mean", "low", "high", "verdict"]])

        last = np.load("replicates/imp-00/round-{{LastRound(replicates):D2}}.npz")
        print(last["weights"].shape, "surviving:", last["mask"].mean())
        ```
        """;

    private static int LastRound(IReadOnlyList<(StudyReplicateRun Replicate, IReadOnlyList<RoundResult> Rounds)> replicates) =>
        replicates.FirstOrDefault(r => r.Replicate.Condition == StudyCondition.Imp).Rounds is { Count: > 0 } rounds ? rounds[^1].Round : 0;
}
