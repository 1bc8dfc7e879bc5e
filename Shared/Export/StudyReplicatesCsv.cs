using System.Globalization;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Export;

/// <summary>
/// Every replicate run of a study, every stored round, in one long CSV for pandas or R: which replicate (its condition,
/// index, seed and run id), then <see cref="RoundsCsv"/>'s columns. The per-seed values the study's intervals are made of.
/// </summary>
public static class StudyReplicatesCsv
{
    public static string Header { get; } = "condition,replicate,seed,run," + RoundsCsv.Header;

    public static void Write(IEnumerable<(StudyReplicateRun Replicate, IReadOnlyList<RoundResult> Rounds)> replicates, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var (replicate, rounds) in replicates)
        {
            var prefix = string.Join(',', replicate.Condition.Key, replicate.Replicate.ToString(CultureInfo.InvariantCulture),
                replicate.Seed.ToString(CultureInfo.InvariantCulture), replicate.RunId.ToString());
            foreach (var round in rounds)
            {
                writer.Write(prefix);
                writer.Write(',');
                writer.Write(RoundsCsv.Row(round));
                writer.Write('\n');
            }
        }
    }
}
