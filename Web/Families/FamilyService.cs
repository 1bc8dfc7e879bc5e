using System.Security.Claims;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Families;

/// <summary>
/// The lab's families of runs, for pages and the API alike: comparisons with the controls and sweeps (queued together),
/// saved comparisons of stored runs, and reading them. Each takes its caller and decides (<see cref="FamilyAccess"/>):
/// members read every family and make their own; a share-link caller reads only the family its link shows.
/// </summary>
public sealed class FamilyService(FamilyStore store, ExperimentService runs)
{
    /// <summary>The lab's families, newest first, for a member.</summary>
    public Task<IReadOnlyList<FamilyInfo>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        RunAccess.IsMember(caller) ? store.ListAsync(cancellationToken) : throw new UnauthorizedAccessException("Only a signed-in member lists the lab's families.");

    /// <summary>The family, or null when there is none the caller may read.</summary>
    public async Task<FamilyInfo?> FindAsync(ClaimsPrincipal caller, Guid familyId, CancellationToken cancellationToken) =>
        FamilyAccess.CanRead(caller, familyId) ? await store.FindAsync(familyId, cancellationToken) : null;

    /// <summary>Why the caller may not share the family, naming the first run that stops them; null when they may.</summary>
    public static Refusal? ShareRefusal(ClaimsPrincipal caller, FamilyInfo family) => FamilyAccess.ShareRefusal(caller, family);

    /// <summary>"Compare with controls": the spec on the NLGP, on its Gaussian clone, and with random pruning.</summary>
    public async Task<(FamilyInfo? Family, IReadOnlyList<ValidationError> Errors)> SubmitControlsAsync(ClaimsPrincipal caller, ExperimentSpec? spec,
        CancellationToken cancellationToken)
    {
        if (spec is null)
        {
            return (null, [new ValidationError("Spec", "Spec is required.")]);
        }
        var nlgp = spec with { Data = spec.Data with { Source = DataSource.Nlgp }, Pruning = spec.Pruning with { Control = PruningControl.None } };
        var members = new List<(ExperimentSpec Spec, string Label, double? Value)>
        {
            (nlgp with { Name = $"{spec.Name} (NLGP)" }, "NLGP", null),
            (nlgp with { Name = $"{spec.Name} (Gaussian clone)", Data = nlgp.Data with { Source = DataSource.GaussianClone } }, "Gaussian clone", null),
            (nlgp with { Name = $"{spec.Name} (random pruning)", Pruning = nlgp.Pruning with { Control = PruningControl.RandomPruning } }, "Random pruning", null),
        };
        return await SubmitFamilyAsync(FamilyKind.Controls, $"{spec.Name}: controls", null, members, caller, cancellationToken);
    }

    /// <summary>
    /// Saves runs side by side as a comparison family: nothing is queued, the runs are the stored ones, in the given
    /// order, each labelled by its name (the page names them by what differs).
    /// </summary>
    public async Task<(FamilyInfo? Family, IReadOnlyList<ValidationError> Errors)> SaveComparisonAsync(ClaimsPrincipal caller, ComparisonRequest? request,
        CancellationToken cancellationToken)
    {
        var ids = request?.Runs ?? [];
        if (ids.Count is < 2 or > ComparisonRequest.MaxRuns || ids.Distinct().Count() != ids.Count)
        {
            return (null, [new ValidationError("Runs", $"Runs must hold 2 to {ComparisonRequest.MaxRuns} different run ids; got {ids.Count}.")]);
        }
        if (request!.Name is { Length: > ComparisonRequest.MaxNameLength })
        {
            return (null, [new ValidationError("Name", $"Name must be at most {ComparisonRequest.MaxNameLength} characters; got {request.Name.Length}.")]);
        }
        var members = new List<(Guid, string, double?)>();
        foreach (var id in ids)
        {
            if (await runs.InfoAsync(caller, id, cancellationToken) is not { } run)
            {
                return (null, [new ValidationError("Runs", $"Runs: there is no run {id}.")]);
            }
            members.Add((id, run.Name, null));
        }
        var name = string.IsNullOrWhiteSpace(request.Name) ? $"Comparison of {ids.Count} runs" : request.Name.Trim();
        var familyId = await store.CreateAsync(FamilyKind.Comparison, name, null, RunAccess.OwnerName(caller), members, cancellationToken);
        return (await store.FindAsync(familyId, cancellationToken), []);
    }

    /// <summary>A sweep: one run per value of a field, everything else as in the spec.</summary>
    public async Task<(FamilyInfo? Family, IReadOnlyList<ValidationError> Errors)> SubmitSweepAsync(ClaimsPrincipal caller, SweepRequest? request,
        CancellationToken cancellationToken)
    {
        if (request?.Spec is null || request.Field is null || request.Values is null)
        {
            return (null, [new ValidationError("Sweep", "A sweep needs a spec, a field and a list of values.")]);
        }
        if (!SweepFields.Names.Contains(request.Field))
        {
            return (null, [new ValidationError("Field", $"Field must be one of {string.Join(", ", SweepFields.Names)}; got '{request.Field}'.")]);
        }
        if (request.Values.Length is < 2 or > SweepFields.MaxValues || request.Values.Distinct().Count() != request.Values.Length)
        {
            return (null, [new ValidationError("Values", $"Values must hold 2 to {SweepFields.MaxValues} different numbers; got {request.Values.Length}.")]);
        }
        var members = request.Values
            .Select(v => (SweepFields.Apply(request.Spec, request.Field, v)! with { Name = $"{request.Spec.Name} ({request.Field} = {v})" },
                $"{request.Field} = {v}", (double?)v))
            .ToList();
        return await SubmitFamilyAsync(FamilyKind.Sweep, $"{request.Spec.Name}: {request.Field} sweep", request.Field, members, caller, cancellationToken);
    }

    private async Task<(FamilyInfo? Family, IReadOnlyList<ValidationError> Errors)> SubmitFamilyAsync(FamilyKind kind, string name, string? field,
        List<(ExperimentSpec Spec, string Label, double? Value)> members, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (queued, errors) = await runs.QueueAllAsync(caller, [.. members.Select(m => (m.Spec, m.Label))], cancellationToken);
        if (queued is null)
        {
            return (null, errors);
        }
        var id = await store.CreateAsync(kind, name, field, RunAccess.OwnerName(caller),
            [.. members.Select((m, i) => (queued[i], m.Label, m.Value))], cancellationToken);
        return (await store.FindAsync(id, cancellationToken), []);
    }
}
