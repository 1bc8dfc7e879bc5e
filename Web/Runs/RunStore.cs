using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace LocalityLab.Web.Runs;

/// <summary>Runs and their rounds in the database: the only place state that must survive a restart lives.</summary>
public sealed class RunStore(IDbContextFactory<LabDbContext> contexts, QueueStates queue, TimeProvider time)
{
    /// <summary>
    /// Creates the database or applies pending migrations, then re-keys runs stored under an older identity (the hash
    /// of the whole spec, before identities covered only non-default fields), so they stay findable.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        var runs = await db.Runs.Select(r => new { r.Id, r.SpecJson, r.SpecHash }).ToListAsync(cancellationToken);
        foreach (var run in runs)
        {
            string identity;
            try
            {
                identity = JsonSerializer.Deserialize<ExperimentSpec>(run.SpecJson, SpecJson.Options)!.Identity;
            }
            catch (JsonException)
            {
                continue; // a stored spec today's parser refuses keeps its key rather than stopping the lab at start
            }
            if (identity != run.SpecHash)
            {
                await db.Runs.Where(r => r.Id == run.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.SpecHash, identity), cancellationToken);
            }
        }
    }

    public async Task<RunRecord> CreateAsync(ExperimentSpec spec, string owner, CancellationToken cancellationToken)
    {
        var run = NewRecord(spec, owner);
        run.UndispatchedSince = run.CreatedAt; // cleared once the workers are told (DispatchMarks)
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>A Queued run of the spec, not yet stored, with the next queue position.</summary>
    internal RunRecord NewRecord(ExperimentSpec spec, string owner) => new()
    {
        Id = Guid.NewGuid(),
        Name = spec.Name,
        Owner = owner,
        Status = RunStatus.Queued,
        SpecJson = JsonSerializer.Serialize(spec, SpecJson.Options),
        SpecHash = spec.Identity,
        DataSummary = spec.Data.Summary,
        CreatedAt = time.GetUtcNow(),
        QueueOrder = queue.NextQueueOrder(),
        TotalRounds = spec.RoundCount,
    };

    /// <summary>The newest run with this spec hash that is completed or on its way to it (queued, running), if any.</summary>
    public async Task<RunRecord?> FindReusableAsync(string specHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.SpecHash == specHash && r.StudyId == null
                && (r.Status == RunStatus.Completed || r.Status == RunStatus.Running || r.Status == RunStatus.Queued))
            .OrderByDescending(r => r.QueueOrder)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<RunRecord?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>
    /// One page of the lab's runs, newest (most recently queued) first, by keyset on the queue order: a page costs the
    /// same however many runs the lab holds. A study's replicates are listed on the study's page, not among the runs.
    /// </summary>
    public async Task<RunListPage> ListAsync(RunListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.Runs.AsNoTracking().Where(r => r.StudyId == null);
        if (query.Status is { } status)
        {
            runs = runs.Where(r => r.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            string term = query.Search.Trim().ToLowerInvariant();
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(): both providers compare in the database
            runs = runs.Where(r => r.Name.ToLower().Contains(term));
#pragma warning restore CA1862, CA1304, CA1311
        }
        if (query.Before is { } before)
        {
            runs = runs.Where(r => r.QueueOrder < before);
        }
        var page = await runs.OrderByDescending(r => r.QueueOrder).Take(query.Limit + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (page.Count > query.Limit)
        {
            page.RemoveAt(page.Count - 1);
            next = RunListQuery.CursorAfter(page[^1].QueueOrder);
        }
        // Queue positions count every queued run of the lab, not only this page's.
        var positions = new Dictionary<Guid, int>();
        if (page.Any(r => r.Status == RunStatus.Queued))
        {
            var queue = await db.Runs.Where(r => r.Status == RunStatus.Queued && r.StudyId == null)
                .OrderBy(r => r.QueueOrder).Select(r => r.Id).ToListAsync(cancellationToken);
            positions = queue.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i + 1);
        }
        return new RunListPage([.. page.Select(r => ToInfo(r, positions.GetValueOrDefault(r.Id)))], next);
    }

    public async Task<RunInfo?> InfoAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return null;
        }
        int? position = null;
        if (run.Status == RunStatus.Queued && run.StudyId is null)
        {
            position = 1 + await db.Runs.CountAsync(r => r.Status == RunStatus.Queued && r.StudyId == null && r.QueueOrder < run.QueueOrder, cancellationToken);
        }
        return ToInfo(run, position);
    }

    /// <summary>How many of the owner's runs and studies are queued or running (a study counts once, not per replicate).</summary>
    public async Task<int> ActiveCountAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.CountAsync(r => r.Owner == owner && r.StudyId == null && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running), cancellationToken)
            + await db.Studies.CountAsync(s => s.Owner == owner && (s.Status == RunStatus.Queued || s.Status == RunStatus.Running), cancellationToken);
    }

    /// <summary>Deletes a run; its rounds, family memberships and share links go with it (cascade).</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return false;
        }
        db.Runs.Remove(run);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>How many runs of their own (not a study's replicates) are queued.</summary>
    public async Task<int> QueuedCountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.CountAsync(r => r.Status == RunStatus.Queued && r.StudyId == null, cancellationToken);
    }

    /// <summary>
    /// Moves the queued run with the lowest QueueOrder (position 1) to Running and returns its id; null when none is
    /// queued. The move is one conditional update, so two workers never claim the same run. A study's replicates are
    /// never claimed here: the study worker trains them together. <paramref name="worker"/> (its machine and device) is recorded as ComputedOn.
    /// </summary>
    public async Task<Guid?> ClaimNextAsync(string worker, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await QueueStates.TakeNextAsync(db.Runs.Where(r => r.StudyId == null), async id =>
        {
            var now = time.GetUtcNow();
            return await db.Runs
                .Where(r => r.Id == id && r.Status == RunStatus.Queued)
                .ExecuteUpdateAsync(set => Claimed(set, worker, LabVersion.Current, now, claim: null), cancellationToken) == 1;
        }, cancellationToken);
    }

    /// <summary>
    /// A remote worker's claim of one run (its job): a queued run, or a running one whose last worker lost its lease
    /// (the job engine gives the job to another worker only then), becomes Running under a new claim, which voids the
    /// previous one. Null for a run that is not there, is a study's replicate, or has ended (cancelled, completed).
    /// </summary>
    public async Task<Guid?> ClaimAsync(Guid id, string worker, string build, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claim = Guid.NewGuid();
        var now = time.GetUtcNow();
        int claimed = await db.Runs
            .Where(r => r.Id == id && r.StudyId == null && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .ExecuteUpdateAsync(set => Claimed(set, worker, build, now, claim), cancellationToken);
        return claimed == 1 ? claim : null;
    }

    /// <summary>
    /// What every claim writes on a run row, in process or remote, a run or a study's replicate: Running, no error,
    /// started (at its first claim), the worker and its build, the claim (null in process), and one more claim counted.
    /// </summary>
    internal static void Claimed(UpdateSettersBuilder<RunRecord> set, string worker, string build, DateTimeOffset now, Guid? claim) => set
        .SetProperty(r => r.Status, RunStatus.Running)
        .SetProperty(r => r.Error, (string?)null)
        .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null)
        .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now)
        .SetProperty(r => r.ComputedBy, build)
        .SetProperty(r => r.ComputedOn, worker)
        .SetProperty(r => r.Claim, claim)
        .SetProperty(r => r.Claims, r => r.Claims + 1);

    /// <summary>Whether the run is Running under this claim (a worker holding a void or ended claim must stop).</summary>
    public async Task<bool> HoldsAsync(Guid id, Guid claim, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AnyAsync(r => r.Id == id && r.Status == RunStatus.Running && r.Claim == claim, cancellationToken);
    }

    /// <summary>Ends a claimed run's turn (Completed, Failed, or Queued when handed back); false when the claim is void or the run has ended.</summary>
    public async Task<bool> EndClaimAsync(Guid id, Guid claim, RunStatus to, string? error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == id && r.Status == RunStatus.Running && r.Claim == claim, cancellationToken);
        if (run is null)
        {
            return false;
        }
        queue.Move(run, to, error, byPerson: false);
        run.Claim = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Moves a run from one of <paramref name="from"/> to <paramref name="to"/>; false when it was in another state.</summary>
    public async Task<bool> TransitionAsync(Guid id, RunStatus[] from, RunStatus to, string? error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null || !from.Contains(run.Status))
        {
            return false;
        }
        queue.Move(run, to, error);
        if (to == RunStatus.Running)
        {
            run.ComputedBy = LabVersion.Current;
        }
        else
        {
            run.Claim = null; // a worker still computing it finds its claim void at its next report
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Runs left Running by a process that stopped without finishing them become Interrupted; a run whose every round
    /// is stored (stopped between storing its last round and finishing) is Completed. Returns how many are Interrupted.
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.Runs.Where(r => r.Status == RunStatus.Running).ToListAsync(cancellationToken);
        foreach (var run in running)
        {
            var (status, error) = Interruption.After(run.RoundsCompleted >= run.TotalRounds, Interruption.OfRun);
            queue.Move(run, status, error, byPerson: false);
            run.Claim = null; // a worker still computing it finds its claim void at its next report
        }
        await db.SaveChangesAsync(cancellationToken);
        return running.Count(r => r.Status == RunStatus.Interrupted);
    }

    /// <summary>Stores a round and updates its run in one transaction: a round is either wholly stored or not at all.</summary>
    public async Task SaveRoundAsync(Guid runId, RoundResult round, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Runs.FirstAsync(r => r.Id == runId, cancellationToken);
        await AddRoundAsync(db, run, round, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a remote worker's round when its claim is the run's current one and the run is Running (false
    /// otherwise: nothing is stored). The round must be the next one; the same round sent again under the same claim
    /// (a retried request) is stored once. The fence is one conditional update of the run row (claim, status and round
    /// count in its condition), in the transaction that inserts the round: a claim taken meanwhile waits for it or
    /// voids it, so a void claim never stores a round and no round is stored twice.
    /// </summary>
    public async Task<bool> SaveClaimedRoundAsync(Guid runId, Guid claim, RoundResult round, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int fenced = await db.Runs
            .Where(r => r.Id == runId && r.Status == RunStatus.Running && r.Claim == claim && r.RoundsCompleted == round.Round)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.RoundsCompleted, round.Round + 1)
                .SetProperty(r => r.Sparsity, round.Sparsity)
                .SetProperty(r => r.TestAccuracy, round.TestAccuracy), cancellationToken);
        if (fenced == 0)
        {
            // Not the next round: a retried request of one already stored under this claim is answered as stored.
            return await db.Runs.AnyAsync(r => r.Id == runId && r.Status == RunStatus.Running && r.Claim == claim && r.RoundsCompleted > round.Round,
                cancellationToken);
        }
        db.Rounds.Add(NewRound(runId, round, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task AddRoundAsync(LabDbContext db, RunRecord run, RoundResult round, CancellationToken cancellationToken)
    {
        db.Rounds.Add(NewRound(run.Id, round, time.GetUtcNow()));
        run.RoundsCompleted = round.Round + 1;
        run.Sparsity = round.Sparsity;
        run.TestAccuracy = round.TestAccuracy;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A round as stored: its measures as JSON, its arrays and checkpoint compressed.</summary>
    internal static RoundRecord NewRound(Guid runId, RoundResult round, DateTimeOffset completedAt) => new()
    {
        RunId = runId,
        Round = round.Round,
        SummaryJson = JsonSerializer.Serialize(round, SpecJson.Options),
        Arrays = round.Arrays is null ? [] : RoundBlobCodec.Encode(round.Arrays),
        Checkpoint = round.Checkpoint is null ? [] : RoundBlobCodec.Encode(round.Checkpoint),
        CompletedAt = completedAt,
    };

    /// <summary>Every stored round's summary and arrays, in order (no checkpoints).</summary>
    public async Task<IReadOnlyList<RoundResult>> RoundsAsync(Guid runId, bool withArrays, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Rounds.AsNoTracking().Where(r => r.RunId == runId).OrderBy(r => r.Round);
        if (!withArrays)
        {
            var summaries = await query.Select(r => r.SummaryJson).ToListAsync(cancellationToken);
            return [.. summaries.Select(ReadSummary)];
        }
        var records = await query.Select(r => new { r.SummaryJson, r.Arrays }).ToListAsync(cancellationToken);
        return [.. records.Select(r => ReadSummary(r.SummaryJson) with { Arrays = r.Arrays.Length == 0 ? null : RoundBlobCodec.DecodeArrays(r.Arrays) })];
    }

    public async Task<RoundResult?> RoundAsync(Guid runId, int round, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Rounds.AsNoTracking()
            .Where(r => r.RunId == runId && r.Round == round)
            .Select(r => new { r.SummaryJson, r.Arrays })
            .FirstOrDefaultAsync(cancellationToken);
        return record is null
            ? null
            : ReadSummary(record.SummaryJson) with { Arrays = record.Arrays.Length == 0 ? null : RoundBlobCodec.DecodeArrays(record.Arrays) };
    }

    /// <summary>The checkpoint of the last stored round, to resume from.</summary>
    public async Task<RoundCheckpoint?> LastCheckpointAsync(Guid runId, CancellationToken cancellationToken) =>
        await LastCheckpointBlobAsync(runId, cancellationToken) is { } blob ? RoundBlobCodec.DecodeCheckpoint(blob) : null;

    /// <summary>The checkpoint of the last stored round as stored (<see cref="RoundBlobCodec"/>), or null before round 0 is stored.</summary>
    public async Task<byte[]?> LastCheckpointBlobAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var blob = await db.Rounds.AsNoTracking()
            .Where(r => r.RunId == runId)
            .OrderByDescending(r => r.Round)
            .Select(r => r.Checkpoint)
            .FirstOrDefaultAsync(cancellationToken);
        return blob is { Length: > 0 } ? blob : null;
    }

    public static ExperimentSpec ReadSpec(RunRecord run) =>
        JsonSerializer.Deserialize<ExperimentSpec>(run.SpecJson, SpecJson.Options)
        ?? throw new InvalidDataException($"Run {run.Id} has no stored spec.");

    private static RoundResult ReadSummary(string json) =>
        JsonSerializer.Deserialize<RoundResult>(json, SpecJson.Options) ?? throw new InvalidDataException("A stored round has no summary.");

    private static RunInfo ToInfo(RunRecord run, int? position) => new(
        run.Id, run.Name, run.Owner, run.Status, run.SpecHash, run.CreatedAt, run.StartedAt, run.FinishedAt, run.Error,
        run.RoundsCompleted, run.TotalRounds, position is > 0 ? position : null, run.Sparsity, run.TestAccuracy, run.DataSummary, run.StudyId,
        run.ComputedBy, SeedOf(run.SpecJson), run.ComputedOn);

    private static long? SeedOf(string specJson)
    {
        try
        {
            using var spec = JsonDocument.Parse(specJson);
            return spec.RootElement.TryGetProperty("seed", out var seed) && seed.TryGetInt64(out long value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
