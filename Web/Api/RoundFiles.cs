using LocalityLab.Compute.Export;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>A stored round as files: its arrays as .npz (NumPy opens it) and its receptive-field atlas as PNG.</summary>
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

    public static async Task<IResult> AtlasAsync(RunStore store, Guid runId, int round, CancellationToken ct) =>
        await store.RoundAsync(runId, round, ct) is { Arrays: { } arrays }
            ? Results.File(ReceptiveFieldAtlas.RenderPng(arrays), "image/png")
            : Results.NotFound();
}
