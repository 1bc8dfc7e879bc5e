using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Export;
using LocalityLab.Shared.Studies;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Compute.Cli;

/// <summary>
/// `study STUDY.json --out DIR` (or `--preset NAME`, `--resume`): every condition's replicates trained together, each
/// replicate's rounds written as `run` writes them, then summary.json and summary.csv, and the claims on the terminal.
/// </summary>
public static class StudyCommand
{
    public static Command Create(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var studyArgument = new Argument<string?>("STUDY") { Description = "Study spec (JSON file)", Arity = ArgumentArity.ZeroOrOne };
        var presetOption = new Option<string?>("--preset") { Description = $"Use a study preset instead of a file: {string.Join(", ", StudyPresets.All.Keys)}" };
        var outOption = new Option<string>("--out") { Description = "Output folder: study.json, <condition>/rep-<r>/, summary.json, summary.csv", Required = true };
        var resumeOption = new Option<bool>("--resume") { Description = "Continue the study in --out after its last stored rounds" };
        var study = new Command("study", "Train every condition's replicates together and summarise the claims with intervals.")
        {
            studyArgument, presetOption, outOption, resumeOption,
        };
        study.SetAction((parse, cancellationToken) => RunAsync(services, parse.GetValue(studyArgument), parse.GetValue(presetOption),
            parse.GetValue(outOption)!, parse.GetValue(resumeOption), output, error, cancellationToken));
        return study;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string? path, string? preset, string outDirectory, bool resume,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        StudySpec study;
        StudyOutput target;
        try
        {
            study = StudyFile.Load(path, preset);
            var errors = Shared.Validation.StudySpecValidator.Validate(study);
            if (errors.Count > 0)
            {
                throw new ExperimentRejectedException(errors);
            }
            target = new StudyOutput(outDirectory, study, resume);
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return ComputeCommandLine.BadInput;
        }
        catch (ExperimentRejectedException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem.Message);
            }
            return ComputeCommandLine.BadInput;
        }

        var engine = services.GetRequiredService<ILabEngine>();
        var progress = new StudyTerminalProgress(error);
        if (study.Base.Data.Source != DataSource.LocalImages)
        {
            foreach (string warning in KernelClipping.Warnings(study.Base.Data, engine.KernelClippings(study.Base.Data)))
            {
                error.WriteLine(warning);
            }
        }
        output.WriteLine($"{study.Name}: {study.Replicates} replicates of {string.Join(", ", study.Conditions.Select(c => c.Key))}"
            + $" (identity {study.Identity[..12]})");
        int rounds = 0;
        try
        {
            await foreach (var round in engine.RunStudyAsync(study, progress, resume ? target : null, cancellationToken))
            {
                target.Write(round);
                rounds++;
            }
            progress.EndLine();
        }
        catch (ExperimentRejectedException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem.Message);
            }
            return ComputeCommandLine.BadInput;
        }
        catch (TrainingDivergedException e)
        {
            progress.EndLine();
            error.WriteLine(e.Message);
            error.WriteLine($"{rounds} completed replicate rounds are in {Path.GetFullPath(outDirectory)}; add --resume to continue.");
            return ComputeCommandLine.Failed;
        }
        catch (OperationCanceledException)
        {
            progress.EndLine();
            error.WriteLine($"Cancelled; {rounds} completed replicate rounds are in {Path.GetFullPath(outDirectory)}; add --resume to continue.");
            return ComputeCommandLine.Cancelled;
        }

        var summary = engine.Summarize(study, target.Observations());
        File.WriteAllText(Path.Combine(outDirectory, "summary.json"), JsonSerializer.Serialize(summary, SpecJson.Indented));
        using (var csv = File.CreateText(Path.Combine(outDirectory, "summary.csv")))
        {
            StudySummaryCsv.Write(summary, csv);
        }
        WriteClaims(summary, output);
        output.WriteLine($"wrote the study to {Path.GetFullPath(outDirectory)} (summary.json, summary.csv: every round's bands and claims)");
        return 0;
    }

    /// <summary>
    /// Each claim before pruning and at its last round (gap and growth since round 0): the paired difference, its 95%
    /// interval, the seeds and the verdict; then one sentence per row, every disagreement and every warning.
    /// </summary>
    private static void WriteClaims(StudySummary summary, TextWriter output)
    {
        var shown = Headline(summary.Claims);
        output.WriteLine();
        output.WriteLine($"{"claim",-11} {"against",-14} {"compares",-9} {"round",5} {"sparsity",8} {"mean",9} {"95% interval",21} {"n",3}  verdict");
        foreach (var claim in shown)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{claim.Id,-11} {claim.Against,-14} {Compares(claim),-9} {claim.Round,5} {claim.Sparsity,8:P1} {Number(claim.Mean),9} {$"[{Number(claim.Low)}, {Number(claim.High)}]",21} {claim.N,3}  {ClaimDescriptions.Finding(claim)}"));
        }
        output.WriteLine();
        foreach (var claim in shown)
        {
            output.WriteLine(ClaimDescriptions.Describe(claim));
        }
        var last = shown.Select(c => c.Round).DefaultIfEmpty(0).Max();
        foreach (var disagreement in summary.Disagreements.Where(d => d.Round == 0 || d.Round == last))
        {
            output.WriteLine($"disagreement: {disagreement.Message}");
        }
        if (summary.Disagreements.Count > 0)
        {
            output.WriteLine($"{summary.Disagreements.Count} raw and null-corrected pairs disagree over all rounds; summary.json lists each.");
        }
        foreach (var warning in summary.Warnings)
        {
            output.WriteLine(warning);
        }
    }

    /// <summary>For each claim and control: the gap before pruning, and the gap and its growth at the last round measured.</summary>
    internal static IReadOnlyList<ClaimResult> Headline(IReadOnlyList<ClaimResult> claims) =>
        [.. claims
            .GroupBy(c => (c.Id, c.Against, c.Comparison, Dense: c.Round == 0))
            .Select(g => g.MaxBy(c => c.Round)!)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ThenBy(c => c.Against, StringComparer.Ordinal)
            .ThenBy(c => c.Comparison)
            .ThenBy(c => c.Round)];

    private static string Compares(ClaimResult claim) =>
        claim.Comparison == ClaimComparison.Growth ? "growth" : claim.Round == 0 && claim.Against != StudyClaimIds.Kept ? "dense" : "gap";

    private static string Number(double? value) => ClaimDescriptions.Number(value);
}
