using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Export;
using LocalityLab.Shared.Provenance;
using LocalityLab.Web.Api;

namespace LocalityLab.Web.Runs;

/// <summary>A run's stored rounds as files: every round's measures as CSV and JSON, a round's arrays as .npz (NumPy opens it) and its receptive-field atlas as PNG.</summary>
public static class RoundFiles
{
    public static string ArraysName(int round) => $"round-{round:D2}.npz";

    public static string AtlasName(int round) => $"round-{round:D2}-atlas.png";

    public static async Task<IResult> ArraysAsync(RunStore store, Guid runId, int round, CancellationToken ct)
    {
        if (await store.RoundAsync(runId, round, ct) is not { Arrays: not null } result)
        {
            return Results.NotFound();
        }
        var buffer = new MemoryStream();
        RoundNpz.Write(buffer, result);
        buffer.Position = 0;
        return Results.File(buffer, "application/octet-stream", ArraysName(round));
    }

    public const string MeasuresCsvName = "rounds.csv", MeasuresJsonName = "rounds.json", SpecName = "spec.json", ExportName = "export.zip";

    /// <summary>The files of a whole run by name (under /api/runs/{id}/ for readers, /s/{token}/runs/{id}/ for its links).</summary>
    public static IReadOnlyDictionary<string, Func<RunStore, Guid, CancellationToken, Task<IResult>>> WholeRun { get; } =
        new Dictionary<string, Func<RunStore, Guid, CancellationToken, Task<IResult>>>(StringComparer.Ordinal)
        {
            [ExportName] = ExportAsync,
            [SpecName] = SpecAsync,
            [MeasuresCsvName] = MeasuresCsvAsync,
            [MeasuresJsonName] = MeasuresJsonAsync,
        };

    /// <summary>The spec the run was computed from, as the lab stored it (what `run` on the command line reads).</summary>
    public static async Task<IResult> SpecAsync(RunStore store, Guid runId, CancellationToken ct) =>
        await store.FindAsync(runId, ct) is { } run
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(run.SpecJson), "application/json", SpecName)
            : Results.NotFound();

    /// <summary>Every stored round's measures, a row per round (<see cref="RoundsCsv"/>).</summary>
    public static async Task<IResult> MeasuresCsvAsync(RunStore store, Guid runId, CancellationToken ct)
    {
        if (await store.FindAsync(runId, ct) is null)
        {
            return Results.NotFound();
        }
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        RoundsCsv.Write(await store.RoundsAsync(runId, withArrays: false, ct), writer);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv", MeasuresCsvName);
    }

    /// <summary>Every stored round's measures as JSON (what GET /api/runs/{id}/rounds answers), as a file.</summary>
    public static async Task<IResult> MeasuresJsonAsync(RunStore store, Guid runId, CancellationToken ct) =>
        await store.FindAsync(runId, ct) is null
            ? Results.NotFound()
            : Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(await store.RoundsAsync(runId, withArrays: false, ct), SpecJson.Options),
                "application/json", MeasuresJsonName);

    /// <summary>
    /// Everything a run stored, as one zip to take away: spec.json, lab.json (the build that computed it), rounds.csv and
    /// rounds.json, each round's arrays (.npz) and atlas (.png), and a README with a Python snippet that loads them.
    /// Written one round at a time (<see cref="ZipDownload"/>), so a large run is never held in memory whole.
    /// </summary>
    public static async Task<IResult> ExportAsync(RunStore store, Guid runId, CancellationToken ct)
    {
        if (await store.FindAsync(runId, ct) is not { } run)
        {
            return Results.NotFound();
        }
        var measures = await store.RoundsAsync(runId, withArrays: false, ct);
        return ZipDownload.Send($"{RunFileNames.Slug(run.Name)}-{runId.ToString()[..8]}.zip", run.FinishedAt ?? run.CreatedAt, async zip =>
        {
            await zip.AddTextAsync(SpecName, run.SpecJson, ct);
            await zip.AddTextAsync(ProvenanceFile.Name, ProvenanceFile.Serialize(new
            {
                run = run.Id,
                name = run.Name,
                computedBy = run.ComputedBy,
                commit = LabVersion.Commit(run.ComputedBy),
                exportedBy = LabVersion.Current,
                started = run.StartedAt,
                finished = run.FinishedAt,
            }), ct);
            var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            RoundsCsv.Write(measures, csv);
            await zip.AddTextAsync(MeasuresCsvName, csv.ToString(), ct);
            await zip.AddTextAsync(MeasuresJsonName, System.Text.Json.JsonSerializer.Serialize(measures, SpecJson.Options), ct);
            await AddRoundsAsync(zip, "", store, runId, measures, ct);
            await zip.AddTextAsync("README.md", ExportReadme(run.Name, measures.Count), ct);
        });
    }

    /// <summary>Each stored round's arrays (.npz) and atlas (.png), under <paramref name="folder"/> ("" or ending in '/').</summary>
    public static async Task AddRoundsAsync(ZipDownload zip, string folder, RunStore store, Guid runId, IEnumerable<Shared.Results.RoundResult> measures,
        CancellationToken ct)
    {
        foreach (var summary in measures)
        {
            if (await store.RoundAsync(runId, summary.Round, ct) is not { Arrays: { } arrays } round)
            {
                continue;
            }
            await zip.AddAsync(folder + ArraysName(round.Round), npz => RoundNpz.Write(npz, round), ct);
            await zip.AddAsync(folder + AtlasName(round.Round), ReceptiveFieldAtlas.RenderPng(arrays), ct);
        }
    }

    private static string ExportReadme(string name, int rounds) => $$"""
        # {{name}}: a LocalityLab run

        - `spec.json`: what was run (the designer imports it; `dotnet run --project Compute -- run spec.json --out DIR` runs it again)
        - `lab.json`: the build of LocalityLab that computed it (version and commit)
        - `rounds.csv`, `rounds.json`: every round's measures ({{rounds}} rounds; a row per round in the CSV)
        - `round-NN.npz`: round NN's first layer (weights, mask, pruned_next, cavity maps, per-unit measures)
        - `round-NN-atlas.png`: round NN's receptive fields (blue negative, white 0, red positive; pruned grey)

        ```python
        import json
        import numpy as np
        import pandas as pd

        spec = json.load(open("spec.json"))
        rounds = pd.read_csv("rounds.csv")
        print(rounds[["round", "sparsity", "testAccuracy", "iprMedian", "localityIndexMedian"]])

        last = np.load(f"round-{len(rounds) - 1:02d}.npz")
        weights, mask = last["weights"], last["mask"]   # [units, height, width]
        print(weights.shape, "surviving:", mask.mean())
        ```
        """;

    public static async Task<IResult> AtlasAsync(RunStore store, Guid runId, int round, CancellationToken ct) =>
        await store.RoundAsync(runId, round, ct) is { Arrays: { } arrays }
            ? Results.File(ReceptiveFieldAtlas.RenderPng(arrays), "image/png")
            : Results.NotFound();
}
