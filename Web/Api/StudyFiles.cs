using System.Text;
using System.Text.Json;
using LocalityLab.Compute.Export;
using LocalityLab.Shared.Experiments;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>A stored study as the files the command line writes: study.json, and summary.json and summary.csv once it has rounds.</summary>
public static class StudyFiles
{
    public static readonly string[] Names = ["study.json", "summary.json", "summary.csv"];

    public static async Task<IResult> FileAsync(StudyStore store, Guid studyId, string name, CancellationToken ct)
    {
        if (await store.FindAsync(studyId, ct) is not { } study)
        {
            return Results.NotFound();
        }
        var summary = StudyStore.ReadSummary(study);
        switch (name)
        {
            case "study.json":
                return Results.Text(JsonSerializer.Serialize(StudyStore.ReadSpec(study), SpecJson.Indented), "application/json");
            case "summary.json" when summary is not null:
                return Results.Text(JsonSerializer.Serialize(summary, SpecJson.Indented), "application/json");
            case "summary.csv" when summary is not null:
                using (var csv = new StringWriter())
                {
                    StudySummaryCsv.Write(summary, csv);
                    return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "summary.csv");
                }
            default:
                return Results.NotFound();
        }
    }
}
