using System.Net;

namespace LocalityLab.Compute.Workers;

/// <summary>The lab answered 401 or 403: it does not take this worker's key (Compute:WorkerKey), or the address is not the lab's API.</summary>
public sealed class LabRefusedWorkerException(Uri? lab, HttpStatusCode status)
    : Exception($"The lab at {lab} refused this worker ({(int)status} {status}): Compute:WorkerKey must be the lab's worker key, and "
        + "Compute:LabUrl the lab's load-balanced address.")
{
    public HttpStatusCode Status => status;
}
