using System.Text.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Studies;

/// <summary>
/// Studies in the database: the study record, and one run per condition and replicate whose rounds hold every measure
/// and checkpoint (so each replicate opens in the run view, and a resumed study continues from what is stored).
/// </summary>
public sealed class StudyStore(IDbContextFactory<LabDbContext> contexts, RunStore runs, QueueStates queue, TimeProvider time)
{
    /// <summary>Stores a Queued study with a Queued run for every condition and replicate, in one transaction.</summary>
    public async Task<StudyRecord> CreateAsync(StudySpec spec, string owner, CancellationToken cancellationToken)
    {
        var study = new StudyRecord
        {
            Id = Guid.NewGuid(),
            Name = spec.Name,
            Owner = owner,
            Status = RunStatus.Queued,
            SpecJson = JsonSerializer.Serialize(spec, SpecJson.Options),
            Identity = spec.Identity,
            CreatedAt = time.GetUtcNow(),
            QueueOrder = queue.NextQueueOrder(),
            TotalRounds = spec.Conditions.Sum(c => spec.Replicates * spec.RoundCount(c)),
        };
        study.UndispatchedSince = study.CreatedAt; // cleared once its conditions' jobs are dispatched (DispatchMarks)
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Studies.Add(study);
        foreach (var condition in spec.Conditions.Order())
        {
            for (int r = 0; r < spec.Replicates; r++)
            {
                var run = runs.NewRecord(spec.ReplicateSpec(condition, r), owner);
                run.StudyId = study.Id;
                run.StudyCondition = condition;
                run.Replicate = r;
                db.Runs.Add(run);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return study;
    }

    /// <summary>The newest study with this identity that is completed or on its way to it (queued, running), if any.</summary>
    public async Task<StudyRecord?> FindReusableAsync(string identity, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Studies.AsNoTracking()
            .Where(s => s.Identity == identity
                && (s.Status == RunStatus.Completed || s.Status == RunStatus.Running || s.Status == RunStatus.Queued))
            .OrderByDescending(s => s.QueueOrder)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<StudyRecord?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Studies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<StudyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var studies = await db.Studies.AsNoTracking().OrderByDescending(s => s.QueueOrder).ToListAsync(cancellationToken);
        var positions = studies.Where(s => s.Status == RunStatus.Queued).OrderBy(s => s.QueueOrder)
            .Select((s, i) => (s.Id, Position: i + 1)).ToDictionary(x => x.Id, x => x.Position);
        return [.. studies.Select(s => ToInfo(s, positions.GetValueOrDefault(s.Id)))];
    }

    public async Task<StudyInfo?> InfoAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var study = await db.Studies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (study is null)
        {
            return null;
        }
        int? position = study.Status == RunStatus.Queued
            ? 1 + await db.Studies.CountAsync(s => s.Status == RunStatus.Queued && s.QueueOrder < study.QueueOrder, cancellationToken)
            : null;
        return ToInfo(study, position);
    }

    /// <summary>The study's replicate runs, by condition then replicate.</summary>
    public async Task<IReadOnlyList<StudyReplicateRun>> ReplicatesAsync(Guid studyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var study = await db.Studies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == studyId, cancellationToken);
        if (study is null)
        {
            return [];
        }
        var spec = ReadSpec(study);
        var members = await db.Runs.AsNoTracking()
            .Where(r => r.StudyId == studyId)
            .Select(r => new { r.Id, r.StudyCondition, r.Replicate, r.Status, r.RoundsCompleted, r.TotalRounds, r.ComputedBy, r.ComputedOn })
            .ToListAsync(cancellationToken);
        return [.. members
            .Select(m => new StudyReplicateRun(m.StudyCondition!.Value, m.Replicate!.Value, spec.ReplicateSeed(m.Replicate.Value), m.Id, m.Status,
                m.RoundsCompleted, m.TotalRounds, m.ComputedBy, m.ComputedOn))
            .OrderBy(m => m.Condition).ThenBy(m => m.Replicate)];
    }

    /// <summary>The replicate run of a condition, and how many rounds it has stored.</summary>
    public async Task<IReadOnlyDictionary<(StudyCondition Condition, int Replicate), (Guid RunId, int RoundsCompleted)>> MembersAsync(
        Guid studyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await db.Runs.AsNoTracking()
            .Where(r => r.StudyId == studyId)
            .Select(r => new { r.Id, r.StudyCondition, r.Replicate, r.RoundsCompleted })
            .ToListAsync(cancellationToken);
        return members.ToDictionary(m => (m.StudyCondition!.Value, m.Replicate!.Value), m => (m.Id, m.RoundsCompleted));
    }

    /// <summary>
    /// The checkpoint stored after one round of a run, read synchronously (the study engine asks for checkpoints while
    /// it sets its replicates up); null when that round is not stored.
    /// </summary>
    public RoundCheckpoint? Checkpoint(Guid runId, int round)
    {
        using var db = contexts.CreateDbContext();
        var blob = db.Rounds.AsNoTracking()
            .Where(r => r.RunId == runId && r.Round == round)
            .Select(r => r.Checkpoint)
            .FirstOrDefault();
        return blob is { Length: > 0 } ? RoundBlobCodec.DecodeCheckpoint(blob) : null;
    }

    /// <summary>
    /// Moves the queued study with the lowest QueueOrder to Running, and its unfinished replicates with it, in one
    /// transaction; returns its id, or null when no study is queued.
    /// </summary>
    public async Task<Guid?> ClaimNextAsync(string worker, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await QueueStates.TakeNextAsync(db.Studies, async id =>
        {
            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            int claimed = await db.Studies
                .Where(s => s.Id == id && s.Status == RunStatus.Queued)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.Status, RunStatus.Running)
                    .SetProperty(s => s.Error, (string?)null)
                    .SetProperty(s => s.StartedAt, s => s.StartedAt ?? now), cancellationToken);
            if (claimed == 1)
            {
                await db.Runs
                    .Where(r => r.StudyId == id && r.Status != RunStatus.Completed)
                    .ExecuteUpdateAsync(set => RunStore.Claimed(set, worker, LabVersion.Current, now, claim: null), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }, cancellationToken);
    }

    /// <summary>
    /// Moves a study from one of <paramref name="from"/> to <paramref name="to"/>, and its unfinished replicates with it;
    /// false when the study was in another state.
    /// </summary>
    public async Task<bool> TransitionAsync(Guid id, RunStatus[] from, RunStatus to, string? error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var study = await db.Studies.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (study is null || !from.Contains(study.Status))
        {
            return false;
        }
        queue.Move(study, to, error);
        await db.SaveChangesAsync(cancellationToken);
        DateTimeOffset? finished = to is RunStatus.Queued or RunStatus.Running ? null : study.FinishedAt;
        await db.Runs
            .Where(r => r.StudyId == id && r.Status != RunStatus.Completed)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, to)
                .SetProperty(r => r.Error, error)
                .SetProperty(r => r.FinishedAt, finished)
                .SetProperty(r => r.Claim, r => to == RunStatus.Running ? r.Claim : null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Studies left Running by a process that stopped without finishing them become Interrupted (their replicates with
    /// them), or Completed when every round is stored. Returns how many are Interrupted.
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.Studies.Where(s => s.Status == RunStatus.Running)
            .Select(s => new { s.Id, Done = s.RoundsCompleted >= s.TotalRounds }).ToListAsync(cancellationToken);
        foreach (var study in running)
        {
            var (status, error) = Interruption.After(study.Done, Interruption.OfStudy);
            await TransitionAsync(study.Id, [RunStatus.Running], status, error, cancellationToken);
        }
        return running.Count(s => !s.Done);
    }

    public async Task<int> QueuedCountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Studies.CountAsync(s => s.Status == RunStatus.Queued, cancellationToken);
    }

    /// <summary>
    /// Stores one replicate's round under its run, and counts it for the study, in one transaction; a replicate whose
    /// last round this is becomes Completed.
    /// </summary>
    public async Task SaveRoundAsync(Guid studyId, Guid runId, RoundResult round, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Runs.FirstAsync(r => r.Id == runId, cancellationToken);
        db.Rounds.Add(RunStore.NewRound(runId, round, time.GetUtcNow()));
        run.RoundsCompleted = round.Round + 1;
        run.Sparsity = round.Sparsity;
        run.TestAccuracy = round.TestAccuracy;
        if (run.RoundsCompleted >= run.TotalRounds)
        {
            run.Status = RunStatus.Completed;
            run.FinishedAt = time.GetUtcNow();
        }
        var study = await db.Studies.FirstAsync(s => s.Id == studyId, cancellationToken);
        study.RoundsCompleted++;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A remote worker's claim of one condition of a study (its job): the study becomes Running if it was Queued, and
    /// the condition's unfinished replicate runs Running under a new claim that voids any earlier one. Null when the
    /// study has ended (cancelled, failed, completed) or the condition has nothing left to compute.
    /// </summary>
    public async Task<Guid?> ClaimConditionAsync(Guid studyId, StudyCondition condition, string worker, string build, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        int study = await db.Studies
            .Where(s => s.Id == studyId && (s.Status == RunStatus.Queued || s.Status == RunStatus.Running))
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Status, RunStatus.Running)
                .SetProperty(s => s.Error, (string?)null)
                .SetProperty(s => s.StartedAt, s => s.StartedAt ?? now), cancellationToken);
        var claim = Guid.NewGuid();
        int claimed = study == 0 ? 0 : await db.Runs
            .Where(r => r.StudyId == studyId && r.StudyCondition == condition && r.Status != RunStatus.Completed)
            .ExecuteUpdateAsync(set => RunStore.Claimed(set, worker, build, now, claim), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }
        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    /// <summary>Whether the condition's replicates are Running under this claim (a worker holding a void claim must stop).</summary>
    public async Task<bool> HoldsConditionAsync(Guid studyId, StudyCondition condition, Guid claim, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AnyAsync(r => r.StudyId == studyId && r.StudyCondition == condition && r.Status == RunStatus.Running && r.Claim == claim,
            cancellationToken);
    }

    /// <summary>
    /// Stores a remote worker's replicate round when the claim holds that condition's replicate (and the study is
    /// Running), under every condition it belongs to that does not have it yet (a trunk's round 0 is its branches' too);
    /// one serializable transaction, so no round is stored twice. Returns the runs it was stored under, or null when
    /// the claim is void or the round is not the claimed replicate's next.
    /// </summary>
    public async Task<IReadOnlyList<Guid>?> SaveClaimedRoundAsync(Guid studyId, StudyCondition condition, Guid claim, IReadOnlyList<StudyCondition> conditions,
        int replicate, RoundResult round, CancellationToken cancellationToken)
    {
        if (!conditions.Contains(condition))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var stored = new List<Guid>();
        // The claimed replicate first: the conditional update is the fence (claim, status, next round), as for a run.
        foreach (var member in conditions.OrderBy(c => c == condition ? 0 : 1))
        {
            bool claimed = member == condition;
            var run = await db.Runs.AsNoTracking()
                .Where(r => r.StudyId == studyId && r.StudyCondition == member && r.Replicate == replicate)
                .Select(r => new { r.Id, r.TotalRounds })
                .FirstOrDefaultAsync(cancellationToken);
            if (run is null)
            {
                continue;
            }
            bool last = round.Round + 1 >= run.TotalRounds;
            int fenced = await db.Runs
                .Where(r => r.Id == run.Id && r.RoundsCompleted == round.Round
                    && (!claimed || (r.Status == RunStatus.Running && r.Claim == claim))
                    && db.Studies.Any(s => s.Id == studyId && s.Status == RunStatus.Running))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.RoundsCompleted, round.Round + 1)
                    .SetProperty(r => r.Sparsity, round.Sparsity)
                    .SetProperty(r => r.TestAccuracy, round.TestAccuracy)
                    .SetProperty(r => r.Status, r => last ? RunStatus.Completed : r.Status)
                    .SetProperty(r => r.FinishedAt, r => last ? (DateTimeOffset?)now : r.FinishedAt)
                    .SetProperty(r => r.Claim, r => last ? (Guid?)null : r.Claim), cancellationToken);
            if (fenced == 0)
            {
                if (claimed)
                {
                    // Not the next round: a retried request of one already stored under this claim is answered as stored.
                    bool retried = await db.Runs.AnyAsync(r => r.Id == run.Id && r.RoundsCompleted > round.Round
                        && ((r.Status == RunStatus.Running && r.Claim == claim) || r.Status == RunStatus.Completed), cancellationToken);
                    return retried ? [] : null;
                }
                continue; // a branch that has this round already
            }
            db.Rounds.Add(RunStore.NewRound(run.Id, round, now));
            stored.Add(run.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.Studies.Where(s => s.Id == studyId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RoundsCompleted, s => s.RoundsCompleted + stored.Count), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>
    /// Ends a worker's turn at a condition: Completed (the study too once every replicate of every condition is),
    /// Failed (the whole study, every other worker's claim voided), or Queued (handed back: the job engine requeues the
    /// job). False when the claim is void.
    /// </summary>
    public async Task<bool> EndConditionAsync(Guid studyId, StudyCondition condition, Guid claim, RunStatus to, string? error,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var study = await db.Studies.FirstOrDefaultAsync(s => s.Id == studyId && s.Status == RunStatus.Running, cancellationToken);
        var runs = await db.Runs.Where(r => r.StudyId == studyId).ToListAsync(cancellationToken);
        var held = runs.Where(r => r.StudyCondition == condition && r.Claim == claim && r.Status == RunStatus.Running).ToList();
        bool allDone = runs.Where(r => r.StudyCondition == condition).All(r => r.Status == RunStatus.Completed);
        if (study is null || (held.Count == 0 && !(to == RunStatus.Completed && allDone)))
        {
            return false;
        }
        var now = time.GetUtcNow();
        switch (to)
        {
            case RunStatus.Failed:
                study.Status = RunStatus.Failed;
                study.Error = error;
                study.FinishedAt = now;
                foreach (var run in runs.Where(r => r.Status != RunStatus.Completed))
                {
                    (run.Status, run.Error, run.FinishedAt, run.Claim) = (RunStatus.Failed, error, now, null);
                }
                break;
            case RunStatus.Queued:
                foreach (var run in held)
                {
                    (run.Status, run.Claim) = (RunStatus.Queued, null);
                }
                break;
            default:
                if (runs.All(r => r.Status == RunStatus.Completed))
                {
                    study.Status = RunStatus.Completed;
                    study.FinishedAt = now;
                }
                break;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The checkpoint a replicate stored after a round, as stored; null when that round is not stored.</summary>
    public async Task<byte[]?> CheckpointBlobAsync(Guid studyId, StudyCondition condition, int replicate, int round, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var blob = await db.Rounds.AsNoTracking()
            .Where(r => r.Round == round && db.Runs.Any(run => run.Id == r.RunId && run.StudyId == studyId && run.StudyCondition == condition && run.Replicate == replicate))
            .Select(r => r.Checkpoint)
            .FirstOrDefaultAsync(cancellationToken);
        return blob is { Length: > 0 } ? blob : null;
    }

    /// <summary>What the statistics read of every round the study has stored (one query).</summary>
    public async Task<IReadOnlyList<StudyObservation>> ObservationsAsync(Guid studyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rounds = await db.Rounds.AsNoTracking()
            .Join(db.Runs.Where(r => r.StudyId == studyId), round => round.RunId, run => run.Id,
                (round, run) => new { run.StudyCondition, run.Replicate, round.SummaryJson })
            .ToListAsync(cancellationToken);
        return [.. rounds.Select(r => StudyObservations.Of(r.StudyCondition!.Value, r.Replicate!.Value,
            JsonSerializer.Deserialize<RoundResult>(r.SummaryJson, SpecJson.Options)!))];
    }

    /// <summary>Replaces the study's statistics with those of every round stored so far.</summary>
    public async Task SaveSummaryAsync(Guid studyId, StudySummary summary, CancellationToken cancellationToken)
    {
        string json = JsonSerializer.Serialize(summary, SpecJson.Options);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(set => set.SetProperty(s => s.SummaryJson, json), cancellationToken);
    }

    /// <summary>Deletes a study; its replicate runs, their rounds and its share links go with it (cascade).</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Studies.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    public static StudySpec ReadSpec(StudyRecord study) =>
        JsonSerializer.Deserialize<StudySpec>(study.SpecJson, SpecJson.Options)
        ?? throw new InvalidDataException($"Study {study.Id} has no stored spec.");

    public static StudySummary? ReadSummary(StudyRecord study) =>
        study.SummaryJson is null ? null : JsonSerializer.Deserialize<StudySummary>(study.SummaryJson, SpecJson.Options);

    private static StudyInfo ToInfo(StudyRecord study, int? position)
    {
        var spec = ReadSpec(study);
        return new StudyInfo(study.Id, study.Name, study.Owner, study.Status, study.Identity, study.CreatedAt, study.StartedAt,
            study.FinishedAt, study.Error, study.RoundsCompleted, study.TotalRounds, position is > 0 ? position : null,
            spec.Replicates, spec.Conditions);
    }
}
