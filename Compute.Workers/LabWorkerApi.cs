using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Workers;

namespace LocalityLab.Compute.Workers;

/// <summary>
/// The lab's worker API as a worker calls it (typed HttpClient: Compute:LabUrl, the workers' key, and the standard
/// retries for a lab that is restarting). Every call after the claim presents it; false means the claim is void (the
/// run was cancelled, or the lease passed to another worker) and the worker must stop.
/// </summary>
public sealed class LabWorkerApi(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Presents the worker's key to the lab; throws <see cref="LabRefusedWorkerException"/> when the lab does not take it.</summary>
    public async Task<LabGreeting> GreetAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(WorkerRoutes.Hello, cancellationToken);
        EnsureAdmitted(response);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<LabGreeting>(Json, cancellationToken)
            ?? throw new InvalidDataException($"The lab at {http.BaseAddress} answered the worker's greeting with nothing.");
    }

    /// <summary>The run to compute under a new claim, or null when it no longer waits for a worker (cancelled, ended, deleted).</summary>
    public async Task<RunAssignment?> ClaimAsync(Guid runId, string worker, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(WorkerRoutes.Claim(runId), new RunClaimRequest(worker, LabVersion.Current), Json, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return null;
        }
        EnsureAdmitted(response);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<RunAssignment>(Json, cancellationToken)
            ?? throw new InvalidDataException($"The lab answered the claim of run {runId} with no assignment.");
    }

    public Task<bool> ReportAsync(Guid runId, Guid claim, TrainingProgress progress, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, WorkerRoutes.Progress(runId), new RunProgressReport(claim, progress), cancellationToken);

    public Task<bool> SaveRoundAsync(Guid runId, Guid claim, RoundResult round, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, WorkerRoutes.Round(runId, round.Round), RoundUpload.From(claim, round), cancellationToken);

    public Task<bool> EndAsync(Guid runId, RunEnd end, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, WorkerRoutes.End(runId), end, cancellationToken);

    /// <summary>A study condition to compute under a new claim, or null when it has nothing left to compute or the study has ended.</summary>
    public async Task<StudyAssignment?> ClaimStudyAsync(Guid studyId, StudyCondition condition, string worker, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(WorkerRoutes.StudyClaim(studyId, condition), new RunClaimRequest(worker, LabVersion.Current), Json, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return null;
        }
        EnsureAdmitted(response);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<StudyAssignment>(Json, cancellationToken)
            ?? throw new InvalidDataException($"The lab answered the claim of study {studyId} with no assignment.");
    }

    public Task<bool> ReportStudyAsync(Guid studyId, StudyCondition condition, Guid claim, StudyProgress progress, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, WorkerRoutes.StudyProgress(studyId, condition), new StudyProgressReport(claim, progress), cancellationToken);

    public Task<bool> SaveStudyRoundAsync(Guid studyId, StudyCondition condition, Guid claim, StudyRound round, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, WorkerRoutes.StudyRound(studyId, condition),
            new StudyRoundUpload(round.Conditions, round.Replicate, RoundUpload.From(claim, round.Result)), cancellationToken);

    public Task<bool> EndStudyAsync(Guid studyId, StudyCondition condition, RunEnd end, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, WorkerRoutes.StudyEnd(studyId, condition), end, cancellationToken);

    /// <summary>The checkpoint a study's replicate stored after a round, or null when it has none.</summary>
    public async Task<RoundCheckpoint?> StudyCheckpointAsync(Guid studyId, StudyCondition condition, int replicate, int round, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(WorkerRoutes.StudyCheckpoint(studyId, condition, replicate, round), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        EnsureAdmitted(response);
        response.EnsureSuccessStatusCode();
        return RoundBlobCodec.DecodeCheckpoint(await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    private async Task<bool> SendAsync<T>(HttpMethod method, string path, T body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return false;
        }
        EnsureAdmitted(response);
        response.EnsureSuccessStatusCode();
        return true;
    }

    private void EnsureAdmitted(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new LabRefusedWorkerException(http.BaseAddress, response.StatusCode);
        }
    }
}
