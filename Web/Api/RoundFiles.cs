using LocalityLab.Compute.Export;
using LocalityLab.Shared.Experiments;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

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

    public const string MeasuresCsvName = "rounds.csv", MeasuresJsonName = "rounds.json";

    /// <summary>The spec the run was computed from, as the lab stored it (what `run` on the command line reads).</summary>
    public static async Task<IResult> SpecAsync(RunStore store, Guid runId, CancellationToken ct) =>
        await store.FindAsync(runId, ct) is { } run
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(run.SpecJson), "application/json", "spec.json")
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

    public static async Task<IResult> AtlasAsync(RunStore store, Guid runId, int round, CancellationToken ct) =>
        await store.RoundAsync(runId, round, ct) is { Arrays: { } arrays }
            ? Results.File(ReceptiveFieldAtlas.RenderPng(arrays), "image/png")
            : Results.NotFound();
}
